/* a second definition of a provider must declare the same interface */
provider myprov {
	probe p(int, char *);
};

provider myprov {
	probe p(int, int);
};

BEGIN { exit(0); }
