/* an array whose elements are associative arrays */
int x[5][int];
