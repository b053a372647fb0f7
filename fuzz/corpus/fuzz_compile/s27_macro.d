BEGIN { printf("%d %s %d %s\n", $1, $$2, $3, $$0); printf("%d %d\n", $pid, $target); exit(0); }
