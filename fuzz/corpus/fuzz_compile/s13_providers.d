profile-97hz /cpu == 0/ { @[stack()] = count(); @u[ustack()] = count(); }
tick-10ms { n++; }
tick-1s /n > 5/ { exit(0); }
dtrace:::BEGIN { x = 1; }
dtrace:::END { printa(@); }
dtrace:::ERROR { printf("error %d\n", arg4); }
