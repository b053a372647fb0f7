#pragma D option quiet
#pragma D option bufsize=16k
#pragma D option aggsize=8k
#pragma D option aggrate=1hz
#pragma D option switchrate=10hz
#pragma D option dynvarsize=1m
#pragma D option strsize=64
#pragma D option nspec=4
#pragma D option specsize=4k
#pragma D option aggsortkey
#pragma D option aggsortrev
BEGIN { @a[1] = count(); exit(0); }
