/* offsetof() of a bit-field */
struct bf { int a : 3; int b; };
BEGIN { trace(offsetof(struct bf, a)); }
