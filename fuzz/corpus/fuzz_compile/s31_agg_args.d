syscall::read:return { @[execname] = lquantize(arg1, -10, 10, 2); @x[pid, tid] = llquantize(arg1, 2, 0, 10, 4); @y = stddev(arg1); @z = avg(arg1); }
END { printa(@); printa(@x); printa("%@d\n", @y); printa(@z); }
