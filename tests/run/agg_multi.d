/*
 * printa() of several aggregations with the same key signature: one line
 * per key of any of them (joined by key), zero for an aggregation without
 * that key, sorted by the first aggregation's value (then the others',
 * then the key); without a format, the values follow the key in columns.
 * Every aggregation named in printa() is then left out at exit.
 */
#pragma D option quiet

BEGIN
{
	@n["cat", 1] = count();
	@n["dog", 2] = count();
	@n["dog", 2] = count();
	@n["emu", 3] = count();
	@t["dog", 2] = sum(200);
	@t["fox", 4] = sum(400);
	@t["cat", 1] = sum(-5);
	@h["dog", 2] = quantize(2);

	printa("%-4s %d %@4d %@6d\n", @n, @t);
	printa("%s %d n=%@d t=%@d h=%@d\n", @n, @t, @h);
	printa(@n, @t);
	exit(0);
}

BEGIN
/0/
{
	@never["zzz", 9] = sum(1);
}

END
{
	printa("%s %d %@d %@d\n", @t, @never);
}
