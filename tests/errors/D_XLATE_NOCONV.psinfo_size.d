/* the D library's psinfo_t translator does not define pr_size */
BEGIN
{
	trace(curpsinfo->pr_size);
}
