BEGIN
{
	p = (char *)alloca(8);
}

BEGIN
{
	p = (char *)&`max_pfn;
}
