/* pid$target with neither -c nor -p: pid 0, D_PROC_BADPID */
pid$target:a.out:add:entry
{
}
