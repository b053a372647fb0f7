/* usdt provider: .note.stapsdt probes, arguments, a semaphore-guarded probe */
#pragma D option quiet

uprog$target:::mul-done
{
	printf("%s:%s:%s %d*%d*3 = %d\n", probemod, probefunc, probename, arg0,
	    arg1, arg2);
}

uprog$target::greet:greet
{
	printf("hello %s %d\n", copyinstr(arg0), arg1);
}

uprog*:::guarded
{
	printf("guarded %d %d\n", arg0, arg1);
}
