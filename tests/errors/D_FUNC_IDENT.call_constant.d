/* only an identifier can be called */
BEGIN { trace((1)(2)); }
