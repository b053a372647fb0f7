/* & needs an lvalue operand */
BEGIN { trace(&1); }
