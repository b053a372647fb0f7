/* a member name that is an integer inline (DTrace parses it as 1) */
inline int comm = 1;
BEGIN { trace(curthread->comm); }
