/* array dimension above UINT32_MAX */
int a[0x100000000];
