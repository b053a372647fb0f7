/* enumerator value must be constant */
int v;
enum e { A = v };
