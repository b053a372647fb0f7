/* alloca() of a constant size larger than scratchsize */
BEGIN { trace(alloca(100000)); }
