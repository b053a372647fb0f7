/*
 * Clause order on a tick probe (issue 7): the clauses of tick-10ms run in
 * one firing, in clause order (one perf event, the later clauses
 * tail-called: cg_chain.c), so the second clause always sees the count
 * the first one just made, and does not run in the firing that called
 * exit() (as aggs/tst.lquantround.d expects).
 */
#pragma D option quiet

int i, j;

tick-10ms
/i++ >= 9/
{
	exit(0);
}

tick-10ms
{
	j++;
	printf("%d%s", i - j, j % 5 ? " " : "\n");
	@ = count();
}

tick-10ms
/i == 5/
{
	@ = count();
}
