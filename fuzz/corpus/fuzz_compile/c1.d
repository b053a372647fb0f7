#pragma D option quiet
int x;
self int y;
this char *p;
int a[int, string];
inline int FOO = 3 + 4;
typedef struct foo { int a : 3; char *b[4]; int (*fp)(int, ...); } foo_t;
syscall::read:entry, BEGIN
/pid == $pid && self->y != 0/
{
	@c[execname, 1] = count();
	this->z = (foo_t *)arg0;
	x = sizeof (int) + sizeof x + offsetof(foo_t, b);
	trace(x ^^ 1 ? 'ab' : 0x1fUL);
	printf("%s\n", stringof(curthread->comm));
	a[1, "x"] = xlate<int>(x);
	`max_pfn;
	if (x) { x++; } else x--;
}
tick-1sec {}
