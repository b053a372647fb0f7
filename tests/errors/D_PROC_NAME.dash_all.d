/* the '-' function takes one address: an empty name globs them all */
pid$target::-:
{
}
