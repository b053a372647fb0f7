io:::start { @[arg0] = count(); }
io:::done { @d = count(); }
