/* lquantize() limit must be a 32-bit quantity */
BEGIN { @a = lquantize(1, 0, 0x100000000, 1); }
