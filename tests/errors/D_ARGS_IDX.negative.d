/* constant args[] index out of range */
syscall::read:entry { trace(args[-1]); }
