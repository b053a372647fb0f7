/* normalize() needs an aggregation as argument #1 */
BEGIN { normalize(1, 2); }
