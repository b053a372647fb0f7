/* $target is bound at load time (dtm_globals_hdr.target): the object does
 * not know the -c child's pid, dload writes it before BEGIN. */
#pragma D option quiet

BEGIN
{
	printf("BEGIN: target set %d\n", $target != 0);
}

syscall::exit_group:entry
/pid == $target/
{
	printf("%s: pid == $target %d\n", probefunc, pid == $target);
	exit(0);
}
