/* llquantize() high magnitude must be a constant */
BEGIN { @a = llquantize(1, 10, 0, timestamp, 20); }
