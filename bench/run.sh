#!/bin/bash
# run.sh -- the benchmark (`make bench`).  Compares dcc+dload with a
# hand-written libbpf program doing the same work, and prints every ratio:
#
#   (a) per-event overhead: N getppid() calls untraced, traced by dcc's
#       `syscall::getppid:entry { @ = count(); }` (bench/getppid.d) under
#       dload, and traced by the hand-written bench/count.bpf.c (syscall
#       tracepoint) and bench/count_raw.bpf.c (raw sys_enter tracepoint
#       filtered on the syscall number, as dcc does), both built with clang
#       -target bpf and run by their own small loader (bench/hand_loader.c);
#       ns/event for each
#   (b) time from starting the loader to probes attached (the loader prints
#       "ready": dload from the BEGIN clause, which it runs after attaching)
#   (c) compile time of dcc on the examples (and clang on count.bpf.c)
#   (d) BPF instructions per clause (llvm-objdump), dcc vs hand-written
#
# Environment: N (calls per run, default 2000000), REPS (runs, median
# taken, default 5).  Needs root, clang and llvm-objdump.
set -e
cd "$(dirname "$0")/.."
B=build
BB=$B/bench
N=${N:-2000000}
REPS=${REPS:-5}
mkdir -p "$BB"

OBJDUMP=$(command -v llvm-objdump || ls /usr/bin/llvm-objdump-* 2>/dev/null | head -n 1)
ARCH_INC=/usr/include/$(uname -m)-linux-gnu

# ---- build -----------------------------------------------------------------
cc -O2 -Wall -o "$BB/harness" bench/harness.c
clang -O2 -g -target bpf -I"$ARCH_INC" -c bench/count.bpf.c -o "$BB/count.bpf.o"
clang -O2 -g -target bpf -I"$ARCH_INC" -c bench/count_raw.bpf.c -o "$BB/count_raw.bpf.o"
# shellcheck disable=SC2046
cc -O2 -Wall -o "$BB/hand_loader" bench/hand_loader.c $(pkg-config --cflags --libs libbpf)
"$B/dcc" -o "$BB/getppid.bpf.o" bench/getppid.d

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

# ---- (a) + (b) --------------------------------------------------------------
echo "== per-event overhead: $N getppid() calls, median of $REPS runs"
: >"$BB/untraced" ; : >"$BB/dcc" ; : >"$BB/hand" ; : >"$BB/hand_raw"
for _ in $(seq "$REPS"); do
	"$BB/harness" loop "$N" >>"$BB/untraced"
	"$BB/harness" traced "$N" "$B/dload" "$BB/getppid.bpf.o" >>"$BB/dcc" 2>/dev/null
	"$BB/harness" traced "$N" "$BB/hand_loader" "$BB/count.bpf.o" >>"$BB/hand"
	"$BB/harness" traced "$N" "$BB/hand_loader" "$BB/count_raw.bpf.o" >>"$BB/hand_raw"
done
base=$(field ns_per_call <"$BB/untraced" | median)
dcc_ns=$(field ns_per_call <"$BB/dcc" | median)
hand_ns=$(field ns_per_call <"$BB/hand" | median)
raw_ns=$(field ns_per_call <"$BB/hand_raw" | median)
dcc_start=$(field startup_ms <"$BB/dcc" | median)
hand_start=$(field startup_ms <"$BB/hand" | median)

line() {	# line LABEL NS FILE
	awk -v l="$1" -v x="$2" -v b="$base" -v c="$(field count <"$3" | tail -n 1)" \
	    -v n="$N" 'BEGIN { printf "  %-34s %8.1f ns/call  (+%.1f ns/event, counted %d of %d)\n", l, x, x - b, c, n * 1.1 }'
}
ratio() {	# ratio LABEL NS_DCC NS_REF
	awk -v l="$1" -v d="$2" -v h="$3" -v b="$base" 'BEGIN {
		if (h - b > 0) printf "  ratio dcc/%s per-event overhead: %.2f (total ns/call %.2f)\n", l, (d - b) / (h - b), d / h }'
}
printf "  %-34s %8.1f ns/call\n" "untraced" "$base"
line "dcc + dload" "$dcc_ns" "$BB/dcc"
line "hand-written, syscall tracepoint" "$hand_ns" "$BB/hand"
line "hand-written, raw sys_enter" "$raw_ns" "$BB/hand_raw"
ratio "hand-written tracepoint" "$dcc_ns" "$hand_ns"
ratio "hand-written raw_tp" "$dcc_ns" "$raw_ns"

echo "== time from loader start to probes attached (median)"
awk -v d="$dcc_start" -v h="$hand_start" 'BEGIN {
	printf "  dload         %8.2f ms\n  hand_loader   %8.2f ms\n", d, h
	if (h > 0) printf "  ratio dload/hand_loader: %.2f\n", d / h
}'

# ---- (c) compile time ------------------------------------------------------------
echo "== compile time (mean of 20 runs)"
time_cmd() {	# time_cmd CMD...: mean ms of 20 runs
	local t0 t1
	t0=$(date +%s%N)
	for _ in $(seq 20); do "$@" >/dev/null 2>&1; done
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 20000 ))" | awk '{ printf "%.2f", $1 / 1000 }'
}
for f in examples/*.d bench/getppid.d; do
	ms=$(time_cmd "$B/dcc" -o "$BB/tmp.o" "$f")
	printf "  dcc %-24s %8s ms\n" "$f" "$ms"
	[ "$f" = bench/getppid.d ] && dcc_ms=$ms
done
clang_ms=$(time_cmd clang -O2 -g -target bpf -I"$ARCH_INC" -c bench/count.bpf.c -o "$BB/tmp.o")
printf "  clang bench/count.bpf.c        %8s ms\n" "$clang_ms"
awk -v d="$dcc_ms" -v c="$clang_ms" 'BEGIN { if (c > 0) printf "  ratio dcc/clang compile time: %.3f\n", d / c }'

# ---- (d) instructions per clause ----------------------------------------------------------
echo "== BPF instructions per program (llvm-objdump)"
count_insns() {	# count_insns OBJ: "section count" lines
	"$OBJDUMP" -d "$1" | awk '
		/^Disassembly of section / { sec = $4; sub(/:$/, "", sec); next }
		/^ *[0-9]+:/ && sec != "" { n[sec]++ }
		END { for (s in n) print s, n[s] }' | sort
}
if [ -n "$OBJDUMP" ]; then
	for f in examples/*.d; do
		o=$BB/$(basename "$f" .d).bpf.o
		"$B/dcc" -o "$o" "$f" 2>/dev/null || continue
		count_insns "$o" | sed "s|^|  $(basename "$f"): |"
	done
	count_insns "$BB/getppid.bpf.o" | sed 's|^|  getppid.d: |'
	count_insns "$BB/count.bpf.o" | sed 's|^|  count.bpf.c (hand-written): |'
	count_insns "$BB/count_raw.bpf.o" | sed 's|^|  count_raw.bpf.c (hand-written): |'
	# the getppid clause: dcc's program that is not a dtrace-provider one
	d=$(count_insns "$BB/getppid.bpf.o" | awk '!/dtrace_/ { print $2; exit }')
	h=$(count_insns "$BB/count.bpf.o" | awk '{ print $2; exit }')
	r=$(count_insns "$BB/count_raw.bpf.o" | awk '{ print $2; exit }')
	awk -v d="$d" -v h="$h" -v r="$r" 'BEGIN {
		if (h > 0) printf "  ratio dcc/hand-written instructions (getppid clause): %d/%d = %.2f\n", d, h, d / h
		if (r > 0) printf "  ratio dcc/hand-written raw_tp instructions:            %d/%d = %.2f\n", d, r, d / r }'
else
	echo "  (llvm-objdump not found)"
fi
rm -f "$BB/tmp.o"
