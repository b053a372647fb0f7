struct in { int i; char c; } *uvar;
struct out { int myi; char myc; };
translator struct out < struct in *u > { myi = u->i; myc = u->c; };
BEGIN { x = xlate<struct out>(uvar).myi; y = xlate<struct out *>(uvar)->myc; printf("%d %d\n", x, y); exit(0); }
