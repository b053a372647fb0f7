/* associative array key signature cannot be variadic */
int a[int, ...];
