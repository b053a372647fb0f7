clear: a 0
clear: b 0
trunc 2: r 3
trunc 2: s 4
trunc -1: p 1
normalized: y 3
normalized: x 100


           value  ------------- Distribution ------------- count    
               8 |                                         0        
              16 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 25       
              32 |                                         0        

avg 6 stddev 67
denormalized: y 35
denormalized: x 1000
cleared entries stay: a 0
cleared entries stay: b 0

