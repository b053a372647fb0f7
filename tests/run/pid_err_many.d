/* every function of the target and its libraries, entry and return: more
 * uprobes than dload creates (D_PROC_CREATEFAIL), found before attaching */
pid$target:::
{
}
