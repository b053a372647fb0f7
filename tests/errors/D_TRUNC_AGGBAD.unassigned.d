/* @a[key] of an aggregation never assigned is an undefined aggregation */
BEGIN
{
	trunc(@a[1], 10);
}
