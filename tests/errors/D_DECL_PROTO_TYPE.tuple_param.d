/* function prototypes cannot use dynamic (tuple) parameters */
int f(int x[int]);
