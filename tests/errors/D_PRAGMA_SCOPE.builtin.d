/* attributes of a built-in variable */
#pragma D attributes Evolving/Evolving/Common pid
BEGIN { exit(0); }
