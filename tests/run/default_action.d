/* A clause without actions prints the probe; trace() appends its value. */
BEGIN
{
	trace(12345);
}

BEGIN
{
	exit(0);
}
