struct point { int x; int y; char name[8]; };
struct point pt;
typedef struct point point_t;
BEGIN { pt.x = 1; pt.y = 2; this->pp = (point_t *)alloca(sizeof (point_t)); this->pp->x = pt.x + pt.y; printf("%d %d\n", pt.x, this->pp->x); exit(0); }
