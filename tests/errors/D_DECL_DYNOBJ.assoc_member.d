/* a struct member of associative array type */
struct s { int a[int]; };
