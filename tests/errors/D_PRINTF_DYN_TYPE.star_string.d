/* %*d width must be an integer */
BEGIN { printf("%*d\n", "w", 1); }
