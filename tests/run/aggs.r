
  one                                                               1
  two                                                               2
               42
  k                                                         1                7
