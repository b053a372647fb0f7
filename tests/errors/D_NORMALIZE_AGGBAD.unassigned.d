/* @a[key] of an aggregation never assigned is an undefined aggregation */
BEGIN
{
	normalize(@a[1], 10);
}
