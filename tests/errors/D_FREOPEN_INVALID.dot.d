/* freopen() cannot open "." */
BEGIN { freopen("."); }
