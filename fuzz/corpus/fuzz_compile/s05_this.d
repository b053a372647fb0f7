this int x;
BEGIN { this->a = 6; this->b = 7; this->s = "str"; this->x = this->a * this->b; printf("%d %s\n", this->x, this->s); exit(0); }
