/* basename, dirname, cleanpath, toupper/tolower */
#pragma D option quiet

BEGIN
{
	printf("[%s] [%s] [%s] [%s] [%s]\n", basename("/usr/lib/libc.so"),
	    basename("/usr/lib//"), basename("//"), basename("f"), basename(""));
	printf("[%s] [%s] [%s] [%s] [%s]\n", dirname("/usr/lib/libc.so"),
	    dirname("/usr//lib//"), dirname("/usr"), dirname("usr"), dirname(""));
	printf("[%s] [%s] [%s]\n", cleanpath("/a//b/./c/../d/"),
	    cleanpath("/foo/bar/.././../sys/foo"), cleanpath("a/../../b"));
	printf("[%s] [%s]\n", toupper("abc-XYZ"), tolower("abc-XYZ"));
	exit(0);
}
