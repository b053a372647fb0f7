BEGIN { setopt("aggsortpos", "1"); setopt("quiet"); printf("%Y %T\n", walltimestamp, walltimestamp); exit(0); }
