syscall::read:entry { self->spec = speculation(); speculate(self->spec); printf("%d\n", arg0); }
syscall::read:return /self->spec && arg1 < 0/ { commit(self->spec); self->spec = 0; }
syscall::read:return /self->spec/ { discard(self->spec); self->spec = 0; }
