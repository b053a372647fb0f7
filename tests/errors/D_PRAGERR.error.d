/* #pragma D error reports an error */
#pragma D error "stop here"
BEGIN { trace(1); }
