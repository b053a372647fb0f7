/* array dimension must be a positive constant */
int a[0];
