/* llquantize() high magnitude below low magnitude */
BEGIN { @a = llquantize(1, 10, 4, 2, 20); }
