/* llquantize() steps must be a non-negative constant */
BEGIN { @a = llquantize(1, 10, 0, 6, -1); }
