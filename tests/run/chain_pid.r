3 add 1
1 3 mul3 1
3 add 2
1 2 3 mul3 2
3 add 3
1 2 3 mul3 3

