/* the format of printf() must be a string constant */
BEGIN { x = "a"; printf(x); }
