/* %*d needs a width argument */
BEGIN { printf("%*d\n"); }
