/* no data recording after commit() */
BEGIN { commit(1); trace(1); }
