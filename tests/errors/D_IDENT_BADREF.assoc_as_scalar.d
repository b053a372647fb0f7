/* an associative array referenced as a scalar */
BEGIN { a[1] = 2; trace(a); }
