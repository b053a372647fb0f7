/* sizeof an operand of unknown size */
BEGIN { trace(sizeof (void)); }
