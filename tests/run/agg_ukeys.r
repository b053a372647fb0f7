uprog`add    3
uprog`mul3   3
uprog`greet  3

  uprog`add                                                         3
  uprog`mul3                                                        3
  uprog`greet                                                       3

  uprog                                                             9
uprog`mul3 6
uprog`greet 6
uprog`add 60
add/uprog`add: 3
greet/uprog`greet: 3
mul3/uprog`mul3: 3


              uprog`mul3
                3


                9
