start: 8 KiB writes >= 4 1, B_PHYS 1, file <none>
start: device named 1, major 1 of b_edev 1
done: 8 KiB writes completed >= 4 1

