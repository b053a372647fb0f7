BEGIN {
	s = "hello, world";
	t = strjoin(s, "!");
	printf("%s %d %s\n", t, strlen(t), substr(t, 3, 4));
	printf("%d %s %s\n", index(s, "o"), strchr(s, 'w'), strrchr(s, 'o'));
	printf("%s %s\n", strstr(s, "wor"), toupper(s));
	printf("%s %s %s\n", tolower("ABC"), basename("/a/b/c"), dirname("/a/b/c"));
	printf("%d %d\n", rindex(s, "o"), strtok(s, ",") == "hello");
	printf("%s\n", lltostr(1234));
	printf("%d\n", s == t || s < t);
	exit(0);
}
