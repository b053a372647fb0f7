/* tracemem() dynamic size must be an integer */
BEGIN { tracemem(0, 8, "x"); }
