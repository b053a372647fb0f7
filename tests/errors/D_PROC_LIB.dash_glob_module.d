/* the '-' function's addresses are the executable's (a.out) */
pid$target:lib*:-:800
{
}
