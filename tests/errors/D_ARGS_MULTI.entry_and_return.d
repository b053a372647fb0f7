/* args[] for a description matching both read probes */
syscall::read: { trace(args[0]); }
