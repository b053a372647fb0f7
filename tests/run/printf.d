/* printf conversions: integers, widths, strings, characters. */
#pragma D option quiet

BEGIN
{
	printf("%d %i %u %x %X %o\n", -42, 7, 42, 255, 255, 8);
	printf("[%5d] [%-5d] [%05d]\n", 42, 42, 42);
	printf("[%s] [%10s] [%-10s]\n", "abc", "abc", "abc");
	printf("%c%c %%\n", 'o', 'k');
	printf("%lld %llx\n", 1LL << 40, 1LL << 40);
	exit(0);
}
