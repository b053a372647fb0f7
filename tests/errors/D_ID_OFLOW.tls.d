/*
 * Too many thread-local variables: DTrace numbers them from 0x500 to 0xfffe, so
 * creating the 64256th fails.  The C preprocessor (-C) expands line 20 into
 * 100000 assignments to distinct self->v00000 ... self->v99999, in order;
 * self->v64255 is the first one beyond the limit.
 */
#define V(n)	self->v##n = 1;
#define D1(p)	V(p##0) V(p##1) V(p##2) V(p##3) V(p##4) \
		V(p##5) V(p##6) V(p##7) V(p##8) V(p##9)
#define D2(p)	D1(p##0) D1(p##1) D1(p##2) D1(p##3) D1(p##4) \
		D1(p##5) D1(p##6) D1(p##7) D1(p##8) D1(p##9)
#define D3(p)	D2(p##0) D2(p##1) D2(p##2) D2(p##3) D2(p##4) \
		D2(p##5) D2(p##6) D2(p##7) D2(p##8) D2(p##9)
#define D4(p)	D3(p##0) D3(p##1) D3(p##2) D3(p##3) D3(p##4) \
		D3(p##5) D3(p##6) D3(p##7) D3(p##8) D3(p##9)
#define D5	D4(0) D4(1) D4(2) D4(3) D4(4) D4(5) D4(6) D4(7) D4(8) D4(9)

BEGIN
{
	D5
}
