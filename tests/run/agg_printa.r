a|1|1
b|22|2
[a  ] [   1] [1     ]
[b  ] [  22] [2     ]
3: fffffffffffffb2e FFFFFFFFFFFFFB2E 1777777777777777775456 -1234 -1234|
4: ddd5 DDD5 156725 56789 56789|
255 0xff +255 00000255|
[    42] 1
total:
           value  ------------- Distribution ------------- count    
               4 |                                         0        
               8 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        
              16 |                                         0        


  x                                                                10
no conversions
a=1; b=2; 
end x 10

