                   FUNCTION:NAME
                          :BEGIN 
                          :BEGIN 42
                          :BEGIN 

