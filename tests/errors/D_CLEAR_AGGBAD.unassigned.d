/* @a[key] of an aggregation never assigned is an undefined aggregation */
BEGIN
{
	clear(@a[1]);
}
