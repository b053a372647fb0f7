/* a function parameter with a storage class other than register */
extern void f(static int);
