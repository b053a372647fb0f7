/* "unsigned" does not name a base type, so the type name is a type
 * specifier: signed/unsigned only apply to integer types (not typedefs) */
typedef int myid_t;
unsigned myid_t *p;
