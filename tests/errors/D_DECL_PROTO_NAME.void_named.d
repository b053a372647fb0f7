/* a void parameter cannot be named */
int f(void v);
