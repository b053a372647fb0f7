/* after "int" the type name is the declarator's name; DTrace declares it
 * (by default reductions) before the "*" is found to be a syntax error */
typedef int myid_t;
int myid_t *x;
