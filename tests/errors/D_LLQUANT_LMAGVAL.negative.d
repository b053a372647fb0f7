/* llquantize() low magnitude must be an unsigned 16-bit value */
BEGIN { @a = llquantize(1, 10, 100000, 100001, 20); }
