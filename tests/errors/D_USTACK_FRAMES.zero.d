/* ustack() frame count must be positive */
BEGIN { ustack(0); }
