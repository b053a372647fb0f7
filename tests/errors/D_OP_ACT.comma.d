/* actions cannot be operands of the comma operator */
BEGIN
{
	trace(1), trace(2);
}
