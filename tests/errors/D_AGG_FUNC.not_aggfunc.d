/* an aggregation must be assigned the result of an aggregating function */
BEGIN { @a = 1; }
