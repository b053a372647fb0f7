BEGIN
{
	trace(never_assigned);
}
