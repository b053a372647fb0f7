create: new pid 1, ppid is the parent 1, fname of the parent
signal-send: pid 1, lwp 1, fname sh, sig 10
exit: reason 2

