/* a predicate must be scalar */
struct s { int a; };
struct s v;
BEGIN /v/ { trace(1); }
