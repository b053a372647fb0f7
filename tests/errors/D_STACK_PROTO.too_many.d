/* stack( ) counts its own arguments (illumos: "stack(...)") */
BEGIN
{
	stack(1, 2);
}
