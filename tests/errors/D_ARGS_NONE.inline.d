/* args[] in an inline, outside of any clause */
inline int64_t a0 = args[0];
