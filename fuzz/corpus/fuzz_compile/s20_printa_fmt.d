BEGIN { @a["x", 1] = sum(5); @b["x", 1] = max(3); @c = lquantize(3, 0, 10, 1); printa("%-10s %5d %@8d %@8d\n", @a, @b); printa("%@d\n", @c); setopt("quiet"); exit(0); }
