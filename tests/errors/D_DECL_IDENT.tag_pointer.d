/* a type name after a struct tag, then a pointer declarator */
struct s { int a; };
typedef int myid_t;
struct s myid_t *x;
