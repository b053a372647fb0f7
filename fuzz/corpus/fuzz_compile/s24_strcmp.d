syscall::execve:entry /execname != "sh" && execname >= "a"/ { printf("%s\n", execname); }
syscall::execve:return /strlen(execname) > 3 && probefunc == "execve"/ { exit(0); }
