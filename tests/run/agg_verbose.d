/*
 * Non-quiet mode: the column header and the probe column of the traced
 * records, DTrace's blank line at exit, then the aggregations (a blank
 * line before the first, scalars, tuples and a histogram).
 */
BEGIN
{
	@a["k"] = count();
	@b = sum(3);
	@q = quantize(2);
	@t["one", 1] = max(4);
	trace("hi");
}

BEGIN
{
	exit(0);
}

END
{
	@a["k"] = count();
}
