/* newline inside a string literal */
BEGIN { trace("abc
"); }
