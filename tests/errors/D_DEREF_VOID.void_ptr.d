/* a void pointer cannot be dereferenced */
void *p;
BEGIN { trace(*p); }
