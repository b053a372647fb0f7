/* $1 is not defined when no argument is given */
BEGIN { trace($1); }
