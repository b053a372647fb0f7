BEGIN { printf("%d %d %s %d\n", curthread->pid, curthread->tgid, stringof(curthread->comm), curthread->real_parent->pid);
	printf("%d %d\n", curthread->prio, curthread->parent->real_parent->tgid);
	t = curthread; printf("%d %u\n", t->exit_code, t->__state); exit(0); }
