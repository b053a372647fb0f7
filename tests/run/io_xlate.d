/*
 * io provider, translated arguments: io:::start's args[0..2] (bufinfo_t *,
 * devinfo_t *, fileinfo_t * from the kernel's struct bio) and io:::done's,
 * for a dd writing four 8 KiB blocks with O_DIRECT that system() starts
 * (its processes are followed through proc:::create).
 */
#pragma D option quiet
#pragma D option destructive

BEGIN
{
	loader = pid;
	system("dd if=/dev/zero of=/var/tmp/dcc-io-xlate.$$ bs=8k count=4 oflag=direct 2>/dev/null; rm -f /var/tmp/dcc-io-xlate.$$");
}

proc:::create
/pid == loader || ours[pid]/
{
	ours[args[0]->pr_pid] = 1;
}

proc:::create
/pid == loader && !child/
{
	child = args[0]->pr_pid;
}

io:::start
/ours[pid] && args[0]->b_bcount == 8192 && (args[0]->b_flags & B_WRITE)/
{
	writes++;
	dev = args[1]->dev_statname;
	major = args[1]->dev_major;
	edev = args[0]->b_edev;
	file = args[2]->fi_pathname;
	phys = (args[0]->b_flags & B_PHYS) != 0;
	blocks[args[0]->b_blkno] = 1;
}

io:::done
/writes && blocks[args[0]->b_blkno] && args[1]->dev_statname == dev/
{
	blocks[args[0]->b_blkno] = 0;
	done++;
}

proc:::exit
/pid == child/
{
	printf("start: 8 KiB writes >= 4 %d, B_PHYS %d, file %s\n", writes >= 4,
	    phys, file);
	printf("start: device named %d, major %d of b_edev %d\n", dev != "",
	    major == (edev >> 20), major != 0);
	printf("done: 8 KiB writes completed >= 4 %d\n", done >= 4);
	exit(0);
}

tick-10s
{
	printf("timed out\n");
	exit(1);
}
