/* tracemem() size must be a positive constant */
BEGIN { tracemem(0, 0); }
