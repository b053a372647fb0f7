                   FUNCTION:NAME
                          :BEGIN       12345
                          :BEGIN 

