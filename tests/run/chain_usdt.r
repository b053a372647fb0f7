1 2 3 mul-done
3 greet
1 3 mul-done
3 greet
1 2 3 mul-done
3 greet

