#!/bin/bash
# run.sh -- the benchmark (`make bench`).  Compares dcc+dload with a
# hand-written libbpf program doing the same work, and prints every ratio:
#
#   (a) per-event overhead: N getppid() calls untraced, traced by dcc's
#       `syscall::getppid:entry { @ = count(); }` (bench/getppid.d) under
#       dload, and traced by bench/count.bpf.c (clang -target bpf) under its
#       own small loader (bench/hand_loader.c); ns/event for each
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
# shellcheck disable=SC2046
cc -O2 -Wall -o "$BB/hand_loader" bench/hand_loader.c $(pkg-config --cflags --libs libbpf)
"$B/dcc" -o "$BB/getppid.bpf.o" bench/getppid.d

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

# ---- (a) + (b) --------------------------------------------------------------
echo "== per-event overhead: $N getppid() calls, median of $REPS runs"
: >"$BB/untraced" ; : >"$BB/dcc" ; : >"$BB/hand"
for _ in $(seq "$REPS"); do
	"$BB/harness" loop "$N" >>"$BB/untraced"
	"$BB/harness" traced "$N" "$B/dload" "$BB/getppid.bpf.o" >>"$BB/dcc"
	"$BB/harness" traced "$N" "$BB/hand_loader" "$BB/count.bpf.o" >>"$BB/hand"
done
base=$(field ns_per_call <"$BB/untraced" | median)
dcc_ns=$(field ns_per_call <"$BB/dcc" | median)
hand_ns=$(field ns_per_call <"$BB/hand" | median)
dcc_start=$(field startup_ms <"$BB/dcc" | median)
hand_start=$(field startup_ms <"$BB/hand" | median)
dcc_count=$(field count <"$BB/dcc" | tail -n 1)
hand_count=$(field count <"$BB/hand" | tail -n 1)

awk -v b="$base" -v d="$dcc_ns" -v h="$hand_ns" -v dc="$dcc_count" \
    -v hc="$hand_count" -v n="$N" 'BEGIN {
	printf "  untraced               %8.1f ns/call\n", b
	printf "  dcc + dload            %8.1f ns/call  (+%.1f ns/event, counted %d of %d)\n", d, d - b, dc, n * 1.1
	printf "  hand-written + libbpf  %8.1f ns/call  (+%.1f ns/event, counted %d of %d)\n", h, h - b, hc, n * 1.1
	if (h - b > 0)
		printf "  ratio dcc/hand-written per-event overhead: %.2f\n", (d - b) / (h - b)
	printf "  ratio dcc/hand-written total ns/call:      %.2f\n", d / h
}'

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
	d=$(count_insns "$BB/getppid.bpf.o" | awk '/sys_enter_getppid/ { print $2 }')
	h=$(count_insns "$BB/count.bpf.o" | awk '/sys_enter_getppid/ { print $2 }')
	awk -v d="$d" -v h="$h" 'BEGIN { if (h > 0) printf "  ratio dcc/hand-written instructions (getppid clause): %d/%d = %.2f\n", d, h, d / h }'
else
	echo "  (llvm-objdump not found)"
fi
rm -f "$BB/tmp.o"
