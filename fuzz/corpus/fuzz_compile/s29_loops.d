BEGIN { x = 1; x = x * 2; x = x * 2; x = x * 2; x = x * 2; x = x * 2; y = x > 10 ? (x > 20 ? 2 : 1) : 0; z = (x, y); exit(y); }
