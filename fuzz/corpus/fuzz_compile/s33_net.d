BEGIN { this->a = (uint8_t *)alloca(4); *this->a = 127; *(this->a + 3) = 1; printf("%s\n", inet_ntoa((ipaddr_t *)this->a)); exit(0); }
