/* a probe description whose provider never exists */
dcc_no_such_provider:::entry { trace(1); }
