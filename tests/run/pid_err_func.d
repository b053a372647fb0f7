/* a function the named module lacks: D_PROC_FUNC, on the description's line */
BEGIN
{
}

pid$target:a.out:nosuch:entry
{
}
