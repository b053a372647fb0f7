/* only one storage class per declaration */
extern self int x;
