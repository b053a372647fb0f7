#pragma D option destructive
BEGIN { freopen("/tmp/x.out"); printf("a\n"); ftruncate(); exit(0); }
