/* sizeof a bit-field */
struct bf { int a : 3; int b; };
struct bf x;
BEGIN { trace(sizeof (x.a)); }
