uprog:add:entry 1 10
add:return 0 11
uprog:add:entry 2 20
add:return 0 22
uprog:add:entry 3 30
add:return 0 33

  mul3                                                              6                1
  mul3                                                             12                1
  mul3                                                             18                1
