/* jstack( ) counts its own arguments (illumos: "stack(...)"); the
 * message names ustack( ), as in illumos DTrace */
BEGIN
{
	jstack(1, 2, 3);
}
