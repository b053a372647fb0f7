/*
 * printa() with format strings: key conversions, %@ with flags, widths and
 * length modifiers, a histogram through %@, printa() without a format, and
 * an aggregation printed by printa() is not printed again at exit.
 */
#pragma D option quiet

BEGIN
{
	@c["a", 1] = count();
	@c["b", 22] = count();
	@c["b", 22] = count();
	@s[3] = sum(-1234);
	@s[4] = sum(56789);
	@q = quantize(8);
	@m = max(255);
	@w[6, 42] = count();
	@avg["x"] = avg(10);
	@avg["x"] = avg(11);

	printa("%s|%d|%@d\n", @c);
	printa("[%-3s] [%4d] [%@-6u]\n", @c);
	printa("%d: %@x %@X %@o %@5d %@-5d|\n", @s);
	printa("%@i %@#x %@+d %@08d|\n", @m);
	printa("[%*d] %@d\n", @w);
	printa("total:%@d\n", @q);
	printa(@avg);
	printa("no conversions\n", @m);
	printa("%s=%@d; ", @c);
	printf("\n");
	exit(0);
}

END
{
	printa("end %s %@d\n", @avg);
}
