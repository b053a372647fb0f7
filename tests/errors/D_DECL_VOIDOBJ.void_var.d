/* a variable cannot be of type void */
void v;
