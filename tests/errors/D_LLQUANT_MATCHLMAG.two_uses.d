/* llquantize() low magnitude differs from the previous use */
BEGIN { @a = llquantize(1, 10, 0, 6, 20); }
END { @a = llquantize(1, 10, 1, 6, 20); }
