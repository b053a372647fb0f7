/* llquantize() steps differ from the previous use */
BEGIN { @a = llquantize(1, 10, 0, 6, 20); }
END { @a = llquantize(1, 10, 0, 6, 10); }
