syscall::read:entry, syscall::write:entry /pid == $pid && arg0 == 1 || arg2 > 100 && !(arg1 == 0)/ { @[probefunc] = count(); }
syscall::read:entry /(timestamp & 1) == 0/ { }
