/* an aggregation cannot be indexed as a multi-dimensional array */
BEGIN { @a[1][2] = count(); }
