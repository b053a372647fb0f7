/* in a typedef, a type name after a struct tag is the typedef's name */
struct s { int a; };
typedef int myid_t;
typedef struct s myid_t x;
