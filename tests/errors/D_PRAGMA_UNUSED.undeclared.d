/* attributes for an identifier no declaration defines (the clause
 * creates it too late) */
#pragma D attributes Evolving/Evolving/Common foo
BEGIN { foo = 1; }
