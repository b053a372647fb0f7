/* tracemem() address must be a pointer or integer */
struct s { int a; };
struct s v;
BEGIN { tracemem(v, 8); }
