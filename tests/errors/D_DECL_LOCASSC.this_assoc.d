/* a clause-local associative array declaration */
this int x[int];
