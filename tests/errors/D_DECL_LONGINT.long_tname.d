/* "long" then a type name (a typedef, not an integer type keyword) */
typedef int myid_t;
long myid_t x;
