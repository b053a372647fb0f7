/* a declaration that declares nothing */
int;
