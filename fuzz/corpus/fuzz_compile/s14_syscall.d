syscall::openat:entry { self->path = copyinstr(arg1); }
syscall::openat:return /self->path != NULL/ { printf("%s %s = %d errno %d\n", execname, self->path, (int)arg1, errno); self->path = 0; }
syscall::exit_group:entry { printf("%d %d %d %d\n", pid, ppid, uid, gid); }
