/* struct a {...} without its ';' runs into the next declaration */
struct a {
	int x;
}

struct b {
	int y;
};

BEGIN
{
	exit(0);
}
