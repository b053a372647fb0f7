/* a provider name may not end with a digit (that is a USDT pid) */
provider myprov2 {
	probe p(int);
};

BEGIN { exit(0); }
