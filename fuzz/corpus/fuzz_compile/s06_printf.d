#pragma D option quiet
BEGIN { printf("%d %i %u %x %X %o %c %s %5d|%-5d|%05d %lld %llu %p %%\n", -1, 2, 3u, 255, 255, 8, 'a', "s", 1, 2, 3, 4LL, 5ULL, 0); printf("%a %A\n", 0, 0); trace(1); trace("s"); tracemem(&`max_pfn, 8); exit(0); }
