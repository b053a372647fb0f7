/* inet_ntoa, inet_ntoa6, inet_ntop, link_ntop on addresses in memory */
#pragma D option quiet

uint8_t a4[4];
uint8_t a6[16];
uint8_t mac[6];

BEGIN
{
	a4[0] = 192; a4[1] = 168; a4[2] = 1; a4[3] = 23;
	printf("%s %s\n", inet_ntoa((ipaddr_t *)&a4[0]),
	    inet_ntop(AF_INET, (void *)&a4[0]));
	a6[0] = 0xfe; a6[1] = 0x80; a6[8] = 0x02; a6[15] = 0x01;
	printf("%s\n", inet_ntoa6((in6_addr_t *)&a6[0]));
	a6[0] = 0; a6[1] = 0; a6[8] = 0; a6[10] = 0xff; a6[11] = 0xff;
	a6[12] = 127; a6[15] = 1;
	printf("%s %s\n", inet_ntoa6((in6_addr_t *)&a6[0]),
	    inet_ntop(AF_INET6, (void *)&a6[0]));
	mac[0] = 0x00; mac[1] = 0x1b; mac[2] = 0x21; mac[3] = 0xa0;
	mac[4] = 0x0f; mac[5] = 0xee;
	printf("%s\n", link_ntop(ARPHRD_ETHER, (void *)&mac[0]));
	printf("%x %x\n", getmajor(0x80000123), getminor(0x80000123));
	exit(0);
}
