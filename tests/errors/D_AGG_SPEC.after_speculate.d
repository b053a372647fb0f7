BEGIN
{
	s = speculation();
}
BEGIN
{
	speculate(s);
	@c = count();
}
