/* msgsize() has no Linux implementation */
BEGIN { trace(msgsize(0)); }
