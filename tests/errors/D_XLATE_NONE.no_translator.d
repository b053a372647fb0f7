/* xlate with no matching translator */
struct in { int a; };
struct out { int b; };
struct in *p;
BEGIN { trace(xlate<struct out>(p)->b); }
