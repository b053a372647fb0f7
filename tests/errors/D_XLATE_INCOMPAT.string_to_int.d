/* translator member of incompatible type */
struct in { int a; };
struct out { int b; };
translator struct out < struct in *p > { b = "str"; };
