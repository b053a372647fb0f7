syscall::read:entry /execname == "bash"/ { self->ts = timestamp; self->fd = arg0; self->name = execname; }
syscall::read:return /self->ts/ { @lat[self->name, self->fd] = quantize(timestamp - self->ts); self->ts = 0; self->fd = 0; }
