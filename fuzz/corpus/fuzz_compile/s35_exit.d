BEGIN { exit(3); }
END { printf("end\n"); }
