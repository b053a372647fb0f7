fault 3

