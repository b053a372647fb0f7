/* & cannot be applied to a bit-field member */
struct bf { int a : 3; int b; };
struct bf x;
BEGIN { trace(&x.a); }
