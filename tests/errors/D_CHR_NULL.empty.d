/* empty character constant */
BEGIN { trace(''); }
