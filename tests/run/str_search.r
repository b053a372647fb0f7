[o, world] [orld]
null null
4 8 -1 0
8 4 -1 12
[world] [lo, world]
[a] [b] [c]
end
-42 31 511 1295
[-1234567890123] [0xff] [010] [101]

