/* bit-fields must be of integer type */
struct bf { int *a : 3; };
