/* ~ needs an integral operand */
BEGIN { trace(~"abc"); }
