#pragma D option quiet
syscall::read:entry { @[execname] = count(); }
tick-100ms { printa("%20s %@10d\n", @); trunc(@, 1); clear(@); }
tick-1s { exit(0); }
