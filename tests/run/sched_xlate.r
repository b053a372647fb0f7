off-cpu: seen 1, next tid matches 1, next priority matches 1
off-cpu: lwpsinfo and psinfo of one task 1, next is not us 1
wakeup: the sleep, child of the loader 1

