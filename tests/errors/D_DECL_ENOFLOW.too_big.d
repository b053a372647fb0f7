/* enumerator value beyond INT_MAX */
enum e { A = 0x100000000 };
