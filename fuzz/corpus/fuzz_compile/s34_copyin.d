syscall::write:entry { this->buf = (char *)copyin(arg1, 16); printf("%s\n", stringof(this->buf)); tracemem(this->buf, 16); this->s = copyinstr(arg1, 8); }
