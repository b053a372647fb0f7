/* llquantize() factor must be a constant */
BEGIN { @a = llquantize(1, timestamp, 0, 6, 20); }
