/* the '-' function takes one address, not a glob of them */
pid$target::-:10*
{
}
