fox  4    0    400
cat  1    1     -5
emu  3    1      0
dog  2    2    200
fox 4 n=0 t=400 h=
           value  ------------- Distribution ------------- count    
              -1 |                                         0        
               0 |                                         0        
               1 |                                         0        

cat 1 n=1 t=-5 h=
           value  ------------- Distribution ------------- count    
              -1 |                                         0        
               0 |                                         0        
               1 |                                         0        

emu 3 n=1 t=0 h=
           value  ------------- Distribution ------------- count    
              -1 |                                         0        
               0 |                                         0        
               1 |                                         0        

dog 2 n=2 t=200 h=
           value  ------------- Distribution ------------- count    
               1 |                                         0        
               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        
               4 |                                         0        


  fox                                                       4                0              400
  cat                                                       1                1               -5
  emu                                                       3                1                0
  dog                                                       2                2              200
cat 1 -5 0
dog 2 200 0
fox 4 400 0

