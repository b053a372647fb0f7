/* the type name declared before the syntax error at "x" */
typedef int myid_t;
int myid_t x[4];
