8 10 8 0 hi
Hi Hi 1
8 1

