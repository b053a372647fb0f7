/*
 * dynvarsize is one budget that all dynamic variables share, as in
 * DTrace: dynvarsize / (largest key tuple + largest value) elements.
 * Here: a[int] has the largest tuple (8 + 8) and values are 8 bytes, so
 * 72 bytes hold 3 elements of self->a, self->b and a[] together.  The
 * fourth is a dynamic variable drop (reported on stderr) that ends its
 * clause; deleting an element (assigning 0) makes room again, and
 * replacing an existing element needs none.
 */
#pragma D option quiet
#pragma D option dynvarsize=72

BEGIN
{
	self->a = 1;
	a[1] = 10;
	self->b = 2;
	printf("three: %d %d %d\n", self->a, self->b, a[1]);
}

BEGIN
{
	a[1] = 11;
	self->b = 3;
	printf("replaced: %d %d\n", a[1], self->b);
}

BEGIN
{
	a[2] = 20;
	printf("not reached\n");
}

BEGIN
{
	self->a = 0;
	a[2] = 20;
	printf("after delete: %d %d %d %d\n", self->a, self->b, a[1], a[2]);
	exit(0);
}
