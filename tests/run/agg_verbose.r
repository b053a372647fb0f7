                   FUNCTION:NAME
                          :BEGIN   hi                               
                          :BEGIN 

  k                                                                 2
                3

           value  ------------- Distribution ------------- count    
               1 |                                         0        
               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        
               4 |                                         0        

  one                                                       1                4
