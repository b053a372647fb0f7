/* print() of a pointer to a script struct: typed output through the
 * object's BTF (zero members left out, char arrays to their NUL, enums by
 * name), then again cut by printsize. */
#pragma D option quiet

enum color { RED, GREEN, BLUE };

struct point {
	int x;
	int y;
};

struct shape {
	char name[8];
	struct point at;
	union {
		uint8_t small;
		uint32_t big;
	} u;
	enum color c;
	long zero;
};

BEGIN
{
	s = (struct shape *)alloca(sizeof (struct shape));
	s->name[0] = 'b';
	s->name[1] = 'o';
	s->name[2] = 'x';
	s->at.x = 3;
	s->at.y = -4;
	s->u.big = 258;
	s->c = BLUE;
	print(s);
	setopt("printsize", "12");
	print(s);
	exit(0);
}
