uprog:mul3:mul-done 1*2*3 = 6
hello world 1
guarded 1 -1
uprog:mul3:mul-done 2*2*3 = 12
hello world 2
guarded 2 -2
uprog:mul3:mul-done 3*2*3 = 18
hello world 3
guarded 3 -3

