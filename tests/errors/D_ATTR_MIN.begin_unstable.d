#pragma D option amin=Evolving/Evolving/Common

BEGIN
{
	exit(0);
}
