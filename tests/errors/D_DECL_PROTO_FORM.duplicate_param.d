/* two parameters of a prototype with the same name */
extern void f(int a, int a);
