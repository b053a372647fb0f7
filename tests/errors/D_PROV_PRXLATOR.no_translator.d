/* an output argument needs a translator from its input argument */
struct foo { int a; };

provider myprov {
	probe p(int, char *) : (int, struct foo);
};

BEGIN { exit(0); }
