struct outer {
	struct undefined_inner m;
};
BEGIN
{
	exit(0);
}
