/* the scoping operator cannot appear in a declared name */
int vmlinux`x;
