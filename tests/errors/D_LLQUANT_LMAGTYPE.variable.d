/* llquantize() low magnitude must be a constant */
BEGIN { @a = llquantize(1, 10, timestamp, 6, 20); }
