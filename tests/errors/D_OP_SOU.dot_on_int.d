/* . needs a struct or union */
int x;
BEGIN { trace(x.a); }
