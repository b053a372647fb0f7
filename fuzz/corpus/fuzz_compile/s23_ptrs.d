BEGIN { this->t = curthread; this->p = &this->t->pid; printf("%d %d\n", *this->p, this->t->mm->start_code); x = (uintptr_t)this->t + 8; y = this->t == NULL; printf("%d\n", y); exit(0); }
