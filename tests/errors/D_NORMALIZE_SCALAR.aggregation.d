/* the normalization factor must be a scalar (an aggregation passes the
 * prototype, being of dynamic type) */
BEGIN
{
	@a = count();
	normalize(@a, @a);
}
