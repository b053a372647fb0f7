/* one definition declares the same probe twice (a__b names probe a-b) */
provider myprov {
	probe a__b(int);
	probe greet(char *);
	probe a__b(long);
};

BEGIN { exit(0); }
