/* an aggregating function used outside an aggregation assignment */
BEGIN { count(); }
