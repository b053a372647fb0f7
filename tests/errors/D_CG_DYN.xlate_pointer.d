/* a statement cannot evaluate to a translated pointer */
struct out {
	int x;
};

translator struct out < int i > {
	x = i;
};

BEGIN
{
	xlate < struct out * > (0);
}
