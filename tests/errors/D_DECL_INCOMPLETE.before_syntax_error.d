/* a declaration is checked when it is parsed, before a later syntax error */
struct outer {
	struct inner in;
};

BEGIN
/1 2/
{
}
