/* an unknown preprocessor-style control directive */
#bogus_directive
BEGIN { trace(1); }
