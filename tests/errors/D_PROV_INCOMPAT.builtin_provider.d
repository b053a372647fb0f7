/* a definition of a provider dcc implements may not add probes to it */
provider syscall {
	probe myprobe(int);
};

BEGIN { exit(0); }
