true [/bin/true one two three]

