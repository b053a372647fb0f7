/* if condition must be scalar */
struct s { int a; };
struct s v;
BEGIN { if (v) { trace(1); } }
