/* bit-field width must be a positive constant */
struct bf { int a : 0; };
