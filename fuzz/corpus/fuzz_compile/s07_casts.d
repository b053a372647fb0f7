BEGIN { x = (char)300; y = (unsigned short)-1; z = (int)(long)arg0; p = (char *)0; w = (uint64_t)y << 3; v = (int8_t)x + (uint32_t)z; printf("%d %d %d %d\n", x, y, w, v); exit(0); }
