/* strchr, strrchr, index, rindex, strstr, strtok, strtoll, lltostr */
#pragma D option quiet

BEGIN
{
	s = "hello, world";
	printf("[%s] [%s]\n", strchr(s, 'o'), strrchr(s, 'o'));
	printf("%s %s\n", strchr(s, 'z') == NULL ? "null" : "?",
	    strrchr(s, 'z') == NULL ? "null" : "?");
	printf("%d %d %d %d\n", index(s, "o"), index(s, "o", 5),
	    index(s, "xyz"), index(s, ""));
	printf("%d %d %d %d\n", rindex(s, "o"), rindex(s, "o", 7),
	    rindex(s, "o", -1), rindex(s, ""));
	printf("[%s] [%s]\n", strstr(s, "wor"), strstr(strstr(s, "l"), "lo"));
	printf("[%s]", strtok("a,b;;c", ",;"));
	printf(" [%s]", strtok(NULL, ",;"));
	printf(" [%s]\n", strtok(NULL, ",;"));
	printf("%s\n", strtok(NULL, ",;") == NULL ? "end" : "?");
	printf("%d %d %d %d\n", strtoll(" -42x"), strtoll("0x1f", 16),
	    strtoll("777", 8), strtoll("Zz", 36));
	printf("[%s] [%s] [%s] [%s]\n", lltostr(-1234567890123), lltostr(255, 16),
	    lltostr(8, 8), lltostr(5, 2));
	exit(0);
}
