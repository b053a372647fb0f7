/* lquantize() limit differs from the previous use */
BEGIN { @a = lquantize(1, 0, 10, 1); }
END { @a = lquantize(1, 0, 20, 1); }
