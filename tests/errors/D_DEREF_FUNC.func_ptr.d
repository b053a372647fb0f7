/* a pointer to function cannot be dereferenced */
int (*fp)(void);
BEGIN { trace(*fp); }
