int a[int, string];
string names[int];
BEGIN { a[1, "x"] = 3; a[2, "y"] += a[1, "x"]; names[4] = "four"; printf("%d %s\n", a[2, "y"], names[4]); a[1, "x"] = 0; exit(0); }
syscall::openat:entry { counts[execname, pid, tid] = 1; counts[execname, pid, tid] += 2; }
