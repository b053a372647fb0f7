enum e { A, B };
struct in { int x; };
translator enum e < struct in *p > { };
BEGIN
{
	exit(0);
}
