/* golden: a per-CPU aggregation on a syscall tracepoint */
syscall::getppid:entry
{
	@calls = count();
}
