BEGIN
{
	p = curthread;
	trace(p == "abc");
}
