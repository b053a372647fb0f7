/* A macro argument given on the command line ($2) that the script never uses. */
BEGIN
{
	trace($1);
	exit(0);
}
