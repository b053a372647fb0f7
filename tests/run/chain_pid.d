/*
 * Clause order on one uprobe (issue 7): the clauses of a probe run in
 * clause order in one firing, although the kernel runs the uprobes of one
 * address last-attached first.  dload attaches only the first program of
 * a probe; each exit tail-calls the next (cg_chain.c, loader/chain.c):
 * after a false predicate and after a fault too.  The third clause also
 * matches add:entry, where it is the first (attached) program.
 */
#pragma D option quiet

pid$target:a.out:mul3:entry
{
	printf("1 ");
}

pid$target:a.out:mul3:entry
/arg0 > 1/
{
	printf("2 ");
}

pid$target:a.out:mul3:entry
/arg0 == 2/
{
	trace(*(int *)0);
}

pid$target:a.out:add:entry,
pid$target:a.out:mul3:entry
{
	printf("3 %s %d\n", probefunc, arg0);
}
