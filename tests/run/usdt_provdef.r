mul-done: 6 = 1 * 2 * 3 (4 bytes)
hello world 1 (strlen 5)
guarded 1 -1 (8 bytes)
mul-done: 12 = 2 * 2 * 3 (4 bytes)
hello world 2 (strlen 5)
guarded 2 -2 (8 bytes)
mul-done: 18 = 3 * 2 * 3 (4 bytes)
hello world 3 (strlen 5)
guarded 3 -3 (8 bytes)
world greeted 3 times

