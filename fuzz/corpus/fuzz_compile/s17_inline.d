inline int N = 3 << 2;
inline string S = "abc";
enum colors { RED, GREEN = 5, BLUE };
BEGIN { x = N + GREEN + BLUE; printf("%d %s %d\n", x, S, sizeof (enum colors)); exit(0); }
