/*
 * Sorting options, changed at run time with setopt() between printa()s:
 * the default (by value, then key), aggsortkey (by key, then value),
 * aggsortkeypos (from the given key on), aggsortrev (everything
 * reversed), aggsortpos (printa of several aggregations: which value
 * leads).  As in DTrace, a flag option is unset by "no" (or "unset",
 * "off", ...) or "", while any number, even "0", sets it.
 */
#pragma D option quiet

BEGIN
{
	@a["b", 2] = sum(10);
	@a["a", 3] = sum(10);
	@a["c", 1] = sum(5);
	@a["a", 1] = sum(20);
	@x["b", 2] = sum(1);
	@x["a", 3] = sum(3);
	@x["c", 1] = sum(2);
	@x["a", 1] = sum(0);

	printa("default:       %s %d %@d\n", @a);
	setopt("aggsortkey");
	printa("aggsortkey:    %s %d %@d\n", @a);
	setopt("aggsortkeypos", "1");
	printa("aggsortkeypos: %s %d %@d\n", @a);
	setopt("aggsortrev");
	printa("+aggsortrev:   %s %d %@d\n", @a);
	setopt("aggsortkey", "no");
	setopt("aggsortkeypos", "0");
	printa("aggsortrev:    %s %d %@d\n", @a);
	setopt("aggsortrev", "");
	printa("joined:        %s %d %@d %@d\n", @a, @x);
	setopt("aggsortpos", "1");
	printa("aggsortpos=1:  %s %d %@d %@d\n", @a, @x);
	setopt("aggsortkey", "0");
	printa("aggsortkey=0:  %s %d %@d %@d\n", @a, @x);
	exit(0);
}
