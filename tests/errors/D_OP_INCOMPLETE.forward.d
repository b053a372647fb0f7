/* -> on a pointer to a forward-declared struct */
struct fwd;
struct fwd *p;
BEGIN { trace(p->a); }
