/*
 * A provider definition types args[] of the USDT probes it describes:
 * int arguments, a char * given as a string (copied from the process),
 * and a translated prototype that names the input arguments in another
 * order.  uprog's guarded probe is not declared: its args[] stay int64_t.
 */
#pragma D option quiet

provider uprog {
	probe mul__done(int a, int b, int r) : (int r, int a, int b);
	probe greet(char *who, int n) : (string who, int n);
};

uprog$target:::mul-done
{
	printf("%s: %d = %d * %d * 3 (%d bytes)\n", probename, args[0],
	    args[1], args[2], sizeof (args[0]));
}

uprog$target::greet:greet
/args[0] == "world"/
{
	printf("hello %s %d (strlen %d)\n", args[0], args[1], strlen(args[0]));
	@[args[0]] = count();
}

uprog*:::guarded
{
	printf("guarded %d %d (%d bytes)\n", args[0], args[1], sizeof (args[1]));
}

END
{
	printa("%s greeted %@d times\n", @);
}
