BEGIN { printf("%d %d %d\n", rand(), progenyof(1), htons(1)); printf("%d %d\n", ntohl(1), htonll(1)); a = inet_ntoa((ipaddr_t *)&`max_pfn); printf("%s\n", a); exit(0); }
