/* an offset beyond the end of the function: D_PROC_OFF */
pid$target:a.out:add:1000
{
}
