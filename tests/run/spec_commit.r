ids 1 2 0
kept 1
kept 2
after commit
reused id 1

