/* long cannot qualify char */
long char c;
