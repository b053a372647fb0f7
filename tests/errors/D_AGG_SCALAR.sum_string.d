BEGIN
{
	@s = sum(execname);
}
