BEGIN { printf("%s %d\n", stringof(curthread->comm), curthread->cred->uid.val); exit(0); }
