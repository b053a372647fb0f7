/* C storage classes are not valid in D */
static int x;
