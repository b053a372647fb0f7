BEGIN { print(1); print("s"); print(curthread->pid); print(*curthread); exit(0); }
