syscall:::entry { @[probefunc, execname, pid, (char)1, (short)2] = count(); }
tick-1s { printa(@); trunc(@); printa(@); exit(0); }
