/*
 * Clause order on USDT probes (issue 7): as chain_pid.d, on the uprobes
 * dload puts on .note.stapsdt sites; the last clause is the first program
 * of the greet probe and the third of mul-done.
 */
#pragma D option quiet

uprog$target:::mul-done
{
	printf("1 ");
}

uprog$target:::mul-done
/arg0 != 2/
{
	printf("2 ");
}

uprog$target:::mul-done,
uprog$target:::greet
{
	printf("3 %s\n", probename);
}
