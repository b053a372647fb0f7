/* a typedef name taken as the declarator, then another name */
int pid_t x;
