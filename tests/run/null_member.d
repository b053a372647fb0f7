/*
 * p->m with p NULL faults at address 0, the NULL pointer itself (as
 * DTrace: dt_cg_check_notnull before the member offset is added), also
 * through a chain and for a bitfield-free nested member; a non-NULL bad
 * pointer faults at the member's address.  ERROR sees the fault in arg4
 * and the address in arg5.
 */
#pragma D option quiet

struct foo {
	int a;
	int b;
	struct foo *next;
};

BEGIN
{
	p = (struct foo *)0;
	trace(p->b);
}

BEGIN
{
	t = (struct task_struct *)0;
	trace(t->real_parent->pid);
}

BEGIN
{
	p = (struct foo *)64;
	trace(p->b);
}

BEGIN
{
	t = curthread;
	printf("curthread ok: %d\n", t->pid == pid);
}

BEGIN
{
	q = (struct foo *)0;
	trace(q->next->a);
}

ERROR
{
	printf("fault %d at %d\n", arg4, arg5);
}

BEGIN
{
	exit(0);
}
