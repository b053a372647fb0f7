/* printa() format without an aggregation */
BEGIN { printa("%d\n"); }
