/* a scalar cannot be accessed as an associative array */
int x;
BEGIN { trace(x[1, 2]); }
