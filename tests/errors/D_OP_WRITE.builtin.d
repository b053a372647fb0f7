/* built-in variables are not writable */
BEGIN { timestamp = 1; }
