/* golden: kernel struct members read through curthread (kernel.btf types),
 * each offset with a CO-RE relocation */
BEGIN
{
	printf("%d %d %s\n", curthread->pid, curthread->real_parent->tgid,
	    stringof(curthread->comm));
	exit(0);
}
