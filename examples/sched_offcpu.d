/*
 * sched_offcpu.d -- the sched provider: how long the -c command spends off
 * the CPU each time it leaves it (off-cpu), until it runs again (a
 * sched_switch to it, seen with the sdt provider), as a power-of-two
 * histogram in microseconds, and which processes ran instead: off-cpu's
 * args[1] is the psinfo_t of the next thread's process, translated from
 * its task_struct.
 *
 *   dcc -o sched_offcpu.bpf.o sched_offcpu.d
 *   dload -c "sleep 0.3" sched_offcpu.bpf.o
 */
#pragma D option quiet

sched:::off-cpu
/pid == $target/
{
	ts[tid] = timestamp;
	@offcpu[execname] = count();
	@next[args[1]->pr_fname] = count();
}

sdt:sched::sched_switch
/ts[args[5]]/
{
	@us["off-CPU time (us)"] = quantize((timestamp - ts[args[5]]) / 1000);
	ts[args[5]] = 0;
}

END
{
	printa("%s left the CPU %@d times\n", @offcpu);
	printa("  to %s %@d times\n", @next);
}
