/* an offset inside an instruction (add begins with a load of `sink`, an
 * instruction longer than 3 bytes): D_PROC_ALIGN */
pid$target:a.out:add:3
{
}
