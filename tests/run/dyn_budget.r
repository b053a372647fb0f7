three: 1 2 10
replaced: 11 3
after delete: 0 3 11 20

