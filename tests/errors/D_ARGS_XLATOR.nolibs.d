/*
 * Without the D library (-xnolibs, from the .opts file) the program's own
 * psinfo_t has no translator from proc:::create's native argument, the
 * new task's struct task_struct *.
 */
typedef struct psinfo {
	int pr_pid;
} psinfo_t;

proc:::create
{
	trace(args[0]->pr_pid);
}
