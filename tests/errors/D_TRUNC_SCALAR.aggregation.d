/* the number of entries to keep must be a scalar (an aggregation passes
 * the prototype, being of dynamic type) */
BEGIN
{
	@a = count();
	trunc(@a, @a);
}
