/* uregs[] takes a non-negative index */
BEGIN
{
	trace(uregs[-1]);
}
