/* lquantize() base must be a 32-bit quantity */
BEGIN { @a = lquantize(1, 0x100000000, 0x100000010, 1); }
