/* lquantize() step must be a 16-bit quantity */
BEGIN { @a = lquantize(1, 0, 1000000, 70000); }
