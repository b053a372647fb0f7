/* clear() needs an aggregation argument */
BEGIN { clear(1); }
