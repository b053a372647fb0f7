/* a type name the lexer read while "struct s" was still being reduced is
 * taken as the declaration's identifier (DTrace's dt_decl_spec()); another
 * name for the declarator is then an old-style declaration */
struct s { int a; };
typedef int myid_t;
struct s myid_t x;
