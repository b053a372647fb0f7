  uprog`add                                           uprog`add                                           uprog                                               uprog`add+0x1                                     

  uprog                                                             3
  uprog`add+0x2                                                     3
  uprog`add                                                         3
