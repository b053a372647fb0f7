int g; string gs; int64_t arr[8]; uint32_t u;
BEGIN { g = 1; gs = "x"; arr[3] = 4; u = arr[3] + g; printf("%d %s %d\n", arr[3], gs, u); exit(0); }
