/* pid probes need a dynamically linked process: a static executable
 * (build/progs/ia32) is refused with D_PROC_DYN, as DTrace does. */
pid$target:a.out:_start:entry
{
	trace(arg0);
}
