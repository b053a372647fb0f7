/*
 * Without the D library (-xnolibs, from the .opts file) psinfo_t, the
 * translated type of proc:::create's args[0], is not known.
 */
proc:::create
{
	trace(args[0]->pr_pid);
}
