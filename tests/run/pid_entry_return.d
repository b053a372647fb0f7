/* pid provider: entry/return uprobes and globs on the -c target */
#pragma D option quiet

pid$target:a.out:add:entry
{
	printf("%s:%s:%s %d %d\n", probemod, probefunc, probename, arg0, arg1);
}

pid$target:a.out:add:return
{
	printf("%s:%s %d %d\n", probefunc, probename, arg0, arg1);
}

pid$target:a.out:mul*:entry
{
	@[probefunc, arg0 * arg1 * arg2] = count();
}
