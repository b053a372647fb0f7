struct input_struct { int i; char c; } *uvar;
struct output_struct { int myi; char myc; };
translator struct output_struct < struct input_struct *uvar >
{
	myi = ((struct input_struct *)uvar)->i;
	myc = ((struct input_struct *)uvar)->c;
};
inline int N = 3 << 2;
typedef unsigned long * pointer;
enum e { A, B = 2, C };
BEGIN { x = xlate<struct output_struct>(uvar).myi; y = offsetof(struct output_struct, myc); printf("%d %c %s\n", x, 'a', stringof(y)); exit(0); }
