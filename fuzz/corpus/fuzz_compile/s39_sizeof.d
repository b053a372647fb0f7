typedef struct foo { int a : 3; int b : 5; char *c[4]; long d; } foo_t;
BEGIN { printf("%d %d %d %d\n", sizeof (foo_t), offsetof(foo_t, c), sizeof (struct task_struct), offsetof(struct task_struct, comm)); exit(0); }
