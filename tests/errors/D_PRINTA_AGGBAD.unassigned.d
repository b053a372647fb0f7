/* @a[key] of an aggregation never assigned is an undefined aggregation */
BEGIN
{
	printa(@a[1]);
}
