uprog`add uprog`add+0x1
uprog`mul3 uprog`mul3+0x1
uprog`add uprog`add+0x1
uprog`mul3 uprog`mul3+0x1
uprog`add uprog`add+0x1
uprog`mul3 uprog`mul3+0x1

  uprog`add                                                         3
  uprog`mul3                                                        3

              uprog`add
                3

              uprog`mul3
                3
