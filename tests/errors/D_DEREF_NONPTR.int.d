/* * needs a pointer operand */
BEGIN { trace(*1); }
