syscall::read:entry { @c[execname] = count(); @s[pid] = sum(arg2); @a = avg(arg2); @mn = min(arg2); @mx = max(arg2); @sd = stddev(arg2); }
syscall::write:entry { @q = quantize(arg2); @l = lquantize(arg2, 0, 100, 10); @ll = llquantize(arg2, 10, 0, 6, 20); }
tick-1sec { printa("%s %@d\n", @c); printa(@q); trunc(@c, 5); clear(@s); normalize(@a, 2); denormalize(@a); exit(0); }
END { printa("%d %@d %@d\n", @s, @s); }
