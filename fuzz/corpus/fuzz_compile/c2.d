#pragma D option quiet
syscall::read:entry
/execname == "bash" && arg0 > 2/
{
	self->ts = timestamp;
	@bytes[execname, pid] = sum(arg2);
}
syscall::read:return
/self->ts/
{
	@lat = quantize(timestamp - self->ts);
	self->ts = 0;
}
tick-1sec { printa("%s %d %@d\n", @bytes); trunc(@bytes); exit(0); }
