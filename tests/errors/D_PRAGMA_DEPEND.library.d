/* a program cannot depend on a library */
#pragma D depends_on library net.d
BEGIN { trace(1); }
