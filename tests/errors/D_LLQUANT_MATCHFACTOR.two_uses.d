/* llquantize() factor differs from the previous use */
BEGIN { @a = llquantize(1, 10, 0, 6, 2); }
END { @a = llquantize(1, 4, 0, 6, 2); }
