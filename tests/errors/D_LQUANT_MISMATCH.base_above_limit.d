BEGIN
{
	@l = lquantize(1, 100, 10, 1);
}
