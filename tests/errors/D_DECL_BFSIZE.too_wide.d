/* bit-field wider than its type */
struct bf { char a : 9; };
