/* a scalar variable called as a function */
int x;
BEGIN { trace(x(1)); }
