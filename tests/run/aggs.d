/* Aggregations are printed at exit, sorted by value, as DTrace prints them. */
#pragma D option quiet

BEGIN
{
	@c["one"] = count();
	@c["two"] = count();
	@c["two"] = count();
	@s = sum(40);
	@s = sum(2);
	@m["k", 1] = max(7);
	@m["k", 1] = max(3);
	exit(0);
}
