int a[int, string]; self int t; this char *s;
BEGIN { a[1, "x"] = 3; t++; --t; s = (char *)0; }
