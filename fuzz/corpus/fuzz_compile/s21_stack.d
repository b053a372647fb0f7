profile-99 { @k[stack(5)] = count(); @u[ustack(4, 64)] = count(); @s[sym(arg0), mod(arg0)] = count(); @us[usym(arg1), umod(arg1), uaddr(arg1)] = count(); @f[func(arg0), ufunc(arg1)] = count(); }
tick-1s { exit(0); }
