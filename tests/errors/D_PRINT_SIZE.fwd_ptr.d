/* print() of a pointer to an incomplete type */
struct fwd;
struct fwd *p;
BEGIN { print(p); }
