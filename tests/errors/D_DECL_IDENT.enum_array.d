/* a type name after an enum tag, then an array declarator */
enum e { E0 };
typedef int myid_t;
enum e myid_t x[4];
