/*
 * clear(), trunc() (top n, bottom n, everything) and normalize() /
 * denormalize(), driven by tick (one step per firing, so each printa()
 * sees the effect of the previous step).
 */
#pragma D option quiet

BEGIN
{
	@c["a"] = sum(1);
	@c["b"] = sum(2);
	@t["p"] = sum(1);
	@t["q"] = sum(2);
	@t["r"] = sum(3);
	@t["s"] = sum(4);
	@b["p"] = sum(1);
	@b["q"] = sum(2);
	@b["r"] = sum(3);
	@u["x"] = count();
	@nrm["x"] = sum(1000);
	@nrm["y"] = sum(35);
	@nq = quantize(16, 100);
	@navg = avg(600);
	@nsd = stddev(100);
	@nsd = stddev(300);
	i = 0;
}

tick-10ms
/i == 0/
{
	clear(@c);
	@c["b"] = sum(5);
	printa("clear: %s %@d\n", @c);
	trunc(@t, 2);
	printa("trunc 2: %s %@d\n", @t);
	trunc(@b, -1);
	printa("trunc -1: %s %@d\n", @b);
	trunc(@u);
	printa("trunc: %s %@d\n", @u);
	normalize(@nrm, 10);
	printa("normalized: %s %@d\n", @nrm);
	normalize(@nq, 4);
	normalize(@navg, 100);
	normalize(@nsd, 10);
	printa(@nq);
	printa("avg %@d stddev %@d\n", @navg, @nsd);
}

tick-10ms
/i == 1/
{
	denormalize(@nrm);
	printa("denormalized: %s %@d\n", @nrm);
	printa("cleared entries stay: %s %@d\n", @c);
	exit(0);
}

tick-10ms
{
	i++;
}
