#pragma D option strsize=12q
BEGIN
{
	exit(0);
}
