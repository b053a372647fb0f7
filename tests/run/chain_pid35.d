/*
 * 35 clauses on one pid probe (issue 7): more than the 33 programs a
 * chain of tail calls allows, so the probe gets two chains (clauses 1-33
 * and 34-35), each attached as a uprobe of its own.  The kernel runs the
 * uprobes of one address last-attached first; dload attaches the heads
 * of one probe's chains in reverse so that the clauses still run in
 * clause order: "1 2 ... 35" on each call of mul3.
 */
#pragma D option quiet

pid$target:a.out:mul3:entry
{
	printf("1 ");
}

pid$target:a.out:mul3:entry
{
	printf("2 ");
}

pid$target:a.out:mul3:entry
{
	printf("3 ");
}

pid$target:a.out:mul3:entry
{
	printf("4 ");
}

pid$target:a.out:mul3:entry
{
	printf("5 ");
}

pid$target:a.out:mul3:entry
{
	printf("6 ");
}

pid$target:a.out:mul3:entry
{
	printf("7 ");
}

pid$target:a.out:mul3:entry
{
	printf("8 ");
}

pid$target:a.out:mul3:entry
{
	printf("9 ");
}

pid$target:a.out:mul3:entry
{
	printf("10 ");
}

pid$target:a.out:mul3:entry
{
	printf("11 ");
}

pid$target:a.out:mul3:entry
{
	printf("12 ");
}

pid$target:a.out:mul3:entry
{
	printf("13 ");
}

pid$target:a.out:mul3:entry
{
	printf("14 ");
}

pid$target:a.out:mul3:entry
{
	printf("15 ");
}

pid$target:a.out:mul3:entry
{
	printf("16 ");
}

pid$target:a.out:mul3:entry
{
	printf("17 ");
}

pid$target:a.out:mul3:entry
{
	printf("18 ");
}

pid$target:a.out:mul3:entry
{
	printf("19 ");
}

pid$target:a.out:mul3:entry
{
	printf("20 ");
}

pid$target:a.out:mul3:entry
{
	printf("21 ");
}

pid$target:a.out:mul3:entry
{
	printf("22 ");
}

pid$target:a.out:mul3:entry
{
	printf("23 ");
}

pid$target:a.out:mul3:entry
{
	printf("24 ");
}

pid$target:a.out:mul3:entry
{
	printf("25 ");
}

pid$target:a.out:mul3:entry
{
	printf("26 ");
}

pid$target:a.out:mul3:entry
{
	printf("27 ");
}

pid$target:a.out:mul3:entry
{
	printf("28 ");
}

pid$target:a.out:mul3:entry
{
	printf("29 ");
}

pid$target:a.out:mul3:entry
{
	printf("30 ");
}

pid$target:a.out:mul3:entry
{
	printf("31 ");
}

pid$target:a.out:mul3:entry
{
	printf("32 ");
}

pid$target:a.out:mul3:entry
{
	printf("33 ");
}

pid$target:a.out:mul3:entry
{
	printf("34 ");
}

pid$target:a.out:mul3:entry
{
	printf("35\n");
}
