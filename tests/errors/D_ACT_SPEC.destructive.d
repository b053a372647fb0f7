BEGIN
{
	s = speculation();
}
BEGIN
{
	speculate(s);
	raise(9);
}
