/* stack() frame count must be positive */
BEGIN { stack(0); }
