/* void must be the only parameter */
int f(void, int);
