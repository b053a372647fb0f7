/* a dynamic expression cannot be stored in a variable */
BEGIN { @a = count(); x = @a; }
