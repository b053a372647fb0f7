inline int foo = 1;
#pragma D attributes Bogus/Stable/Common foo

BEGIN
{
	trace(foo);
}
