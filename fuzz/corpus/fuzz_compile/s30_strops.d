BEGIN { a = "abc"; b = a; c = b == "abc" ? "yes" : "no"; printf("%s %s\n", c, strjoin(strjoin(a, b), c)); self->s = c; this->s = self->s; printf("%s\n", this->s); exit(0); }
