/* print() of a void expression */
BEGIN { print(trace(1)); }
