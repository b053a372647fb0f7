/* long cannot qualify void */
long void v;
