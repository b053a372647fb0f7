/* the '-' function's probe name is a hex address */
pid$target:a.out:-:main
{
}
