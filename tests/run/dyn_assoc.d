/*
 * Associative arrays and thread-local variables: tuple keys with strings
 * (equal strings from different sources are the same key), assigning 0
 * deletes, a missing element reads as 0.
 */
#pragma D option quiet

BEGIN
{
	a["foo", 1] = 10;
	a[strjoin("f", "oo"), 1] += 5;
	a["foo", 2] = 20;
	s["k", 7] = "hello";
	self->x = 42;
	self->t["x"] = 3;
	printf("%d %d %d %d\n", a["foo", 1], a["foo", 2], a["bar", 1], self->x);
	printf("%s|%d %d\n", s["k", 7], self->t["x"], self->t["y"]);
	a["foo", 1] = 0;
	self->x = 0;
	self->t["x"] = 0;
	printf("%d %d %d %d\n", a["foo", 1], a["foo", 2], self->x, self->t["x"]);
	exit(0);
}
