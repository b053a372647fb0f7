sched:::off-cpu { self->t = timestamp; }
sched:::off-cpu /self->t/ { @[execname] = sum(timestamp - self->t); self->t = 0; }
proc:::exec-success { trace(execname); }
proc:::exit { trace(args[0]); }
