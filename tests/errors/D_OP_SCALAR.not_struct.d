/* ! needs a scalar operand */
struct s { int a; };
struct s v;
BEGIN { trace(!v); }
