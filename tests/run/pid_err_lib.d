/* '-' (an absolute address) is for the executable only: D_PROC_LIB */
pid$target:libc:-:800
{
}
