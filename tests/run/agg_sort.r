default:       c 1 5
default:       a 3 10
default:       b 2 10
default:       a 1 20
aggsortkey:    a 1 20
aggsortkey:    a 3 10
aggsortkey:    b 2 10
aggsortkey:    c 1 5
aggsortkeypos: a 1 20
aggsortkeypos: c 1 5
aggsortkeypos: b 2 10
aggsortkeypos: a 3 10
+aggsortrev:   a 3 10
+aggsortrev:   b 2 10
+aggsortrev:   c 1 5
+aggsortrev:   a 1 20
aggsortrev:    a 1 20
aggsortrev:    b 2 10
aggsortrev:    a 3 10
aggsortrev:    c 1 5
joined:        c 1 5 2
joined:        b 2 10 1
joined:        a 3 10 3
joined:        a 1 20 0
aggsortpos=1:  a 1 20 0
aggsortpos=1:  b 2 10 1
aggsortpos=1:  c 1 5 2
aggsortpos=1:  a 3 10 3
aggsortkey=0:  a 1 20 0
aggsortkey=0:  a 3 10 3
aggsortkey=0:  b 2 10 1
aggsortkey=0:  c 1 5 2

