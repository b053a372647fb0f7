/* an aggregation may not follow commit( ) in a clause */
BEGIN
{
	commit(1);
	@a = count();
}
