/* golden: a predicate, string constants in .rodata and a record */
syscall::getppid:entry
/pid != 0/
{
	printf("%s %d\n", "ppid from", pid);
}
