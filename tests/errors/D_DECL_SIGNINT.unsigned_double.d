/* signed/unsigned only apply to integer types */
unsigned double d;
