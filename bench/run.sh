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
#   (a') the same tracers' cost on another system call (getuid(), which
#       the raw sys_enter programs see and must reject)
#   (b) time from starting the loader to probes attached (the loader prints
#       "ready": dload from the BEGIN clause, which it runs after attaching)
#   (c) compile time of dcc on the examples (and clang on count.bpf.c)
#   (d) BPF instructions per clause (llvm-objdump), dcc vs hand-written
#   (e) decoding throughput: bench/printf.d (one printf record per
#       getppid()) under dload vs the hand-written bench/printf.bpf.c and
#       its libbpf ring-buffer consumer bench/hand_consumer.c, both printing
#       the same lines into a pipe the harness drains; records per second
#       of the consumer's CPU time (user + system)
#   (f) maximum resident set size: dload vs the hand-written loaders, in
#       the counting runs of (a) and the decoding runs of (e)
# and finally every ratio (dcc or dload over the hand-written reference)
# together.
#
# Environment: N (calls per run, default 2000000), REPS (runs, median
# taken, default 5), NDEC (records per decoding run, default 200000).
# Needs root, clang and llvm-objdump.
set -e
cd "$(dirname "$0")/.."
B=build
BB=$B/bench
N=${N:-2000000}
REPS=${REPS:-5}
NDEC=${NDEC:-200000}
mkdir -p "$BB"

OBJDUMP=$(command -v llvm-objdump || ls /usr/bin/llvm-objdump-* 2>/dev/null | head -n 1)
ARCH_INC=/usr/include/$(uname -m)-linux-gnu

# ---- build -----------------------------------------------------------------
cc -O2 -Wall -pthread -o "$BB/harness" bench/harness.c
for p in count count_raw printf; do
	clang -O2 -g -target bpf -I"$ARCH_INC" -c bench/$p.bpf.c -o "$BB/$p.bpf.o"
done
for p in hand_loader hand_consumer; do
	# shellcheck disable=SC2046
	cc -O2 -Wall -o "$BB/$p" bench/$p.c $(pkg-config --cflags --libs libbpf)
done
"$B/dcc" -o "$BB/getppid.bpf.o" bench/getppid.d
"$B/dcc" -o "$BB/printf_d.bpf.o" bench/printf.d

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
# the summary's figure: overhead over the hand-written raw_tp (same attach point)
R_EVENT=$(awk -v d="$dcc_ns" -v h="$raw_ns" -v b="$base" 'BEGIN { if (h - b > 0) printf "%.2f", (d - b) / (h - b); else print "n/a" }')
dcc_rss=$(field maxrss_kb <"$BB/dcc" | median)
hand_rss=$(field maxrss_kb <"$BB/hand_raw" | median)

echo "== cost added to other system calls: $N getuid() calls under the getppid tracers"
: >"$BB/o_untraced" ; : >"$BB/o_dcc" ; : >"$BB/o_raw"
for _ in $(seq "$REPS"); do
	BENCH_SYSCALL=getuid "$BB/harness" loop "$N" >>"$BB/o_untraced"
	BENCH_SYSCALL=getuid "$BB/harness" traced "$N" "$B/dload" "$BB/getppid.bpf.o" >>"$BB/o_dcc" 2>/dev/null
	BENCH_SYSCALL=getuid "$BB/harness" traced "$N" "$BB/hand_loader" "$BB/count_raw.bpf.o" >>"$BB/o_raw"
done
obase=$(field ns_per_call <"$BB/o_untraced" | median)
o_dcc=$(field ns_per_call <"$BB/o_dcc" | median)
o_raw=$(field ns_per_call <"$BB/o_raw" | median)
awk -v b="$obase" -v d="$o_dcc" -v r="$o_raw" 'BEGIN {
	printf "  %-34s %8.1f ns/call\n", "untraced", b
	printf "  %-34s %8.1f ns/call  (+%.1f ns/call)\n", "dcc + dload", d, d - b
	printf "  %-34s %8.1f ns/call  (+%.1f ns/call)\n", "hand-written, raw sys_enter", r, r - b
	if (r - b > 0) printf "  ratio dcc/hand-written raw_tp overhead on other syscalls: %.2f\n", (d - b) / (r - b)
}'
R_OTHER=$(awk -v b="$obase" -v d="$o_dcc" -v r="$o_raw" 'BEGIN { if (r - b > 0) printf "%.2f", (d - b) / (r - b); else print "n/a" }')

echo "== time from loader start to probes attached (median)"
awk -v d="$dcc_start" -v h="$hand_start" 'BEGIN {
	printf "  dload         %8.2f ms\n  hand_loader   %8.2f ms\n", d, h
	if (h > 0) printf "  ratio dload/hand_loader: %.2f\n", d / h
}'
R_START=$(awk -v d="$dcc_start" -v h="$hand_start" 'BEGIN { if (h > 0) printf "%.2f", d / h; else print "n/a" }')

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
R_COMPILE=$(awk -v d="$dcc_ms" -v c="$clang_ms" 'BEGIN { if (c > 0) printf "%.3f", d / c; else print "n/a" }')

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
	R_INSNS=$(awk -v d="$d" -v r="$r" 'BEGIN { if (r > 0) printf "%.2f (%d/%d)", d / r, d, r; else print "n/a" }')
else
	echo "  (llvm-objdump not found)"
	R_INSNS=n/a
fi
rm -f "$BB/tmp.o"

# ---- (e) decoding throughput ---------------------------------------------------------
echo "== decoding: $NDEC printf records (getppid PID EXECNAME), median of $REPS runs"
: >"$BB/dec_dcc" ; : >"$BB/dec_hand"
for _ in $(seq "$REPS"); do
	"$BB/harness" decode "$NDEC" "$B/dload" "$BB/printf_d.bpf.o" >>"$BB/dec_dcc" 2>/dev/null
	"$BB/harness" decode "$NDEC" "$BB/hand_consumer" "$BB/printf.bpf.o" \
		>>"$BB/dec_hand" 2>/dev/null || true
done
rate() {	# rate FILE: median records per CPU second
	awk '{ l = c = 0
	       for (i = 1; i <= NF; i++) { split($i, kv, "=")
	           if (kv[1] == "lines") l = kv[2]; if (kv[1] == "cpu_ms") c = kv[2] }
	       if (c > 0) print l / (c / 1000) }' "$1" | median
}
dec_dcc=$(rate "$BB/dec_dcc")
dec_hand=$(rate "$BB/dec_hand")
dec_lines=$(field lines <"$BB/dec_dcc" | median)
dec_hand_lines=$(field lines <"$BB/dec_hand" | median)
awk -v d="$dec_dcc" -v h="$dec_hand" -v dl="$dec_lines" -v hl="$dec_hand_lines" 'BEGIN {
	printf "  dload          %12.0f records/s of CPU  (%d lines)\n", d, dl
	printf "  hand_consumer  %12.0f records/s of CPU  (%d lines)\n", h, hl
	if (h > 0) printf "  ratio dload/hand_consumer decoding throughput: %.2f\n", d / h
}'
R_DECODE=$(awk -v d="$dec_dcc" -v h="$dec_hand" 'BEGIN { if (h > 0) printf "%.2f", d / h; else print "n/a" }')

# ---- (f) memory -------------------------------------------------------------------------
echo "== maximum resident set size (median)"
dec_dcc_rss=$(field maxrss_kb <"$BB/dec_dcc" | median)
dec_hand_rss=$(field maxrss_kb <"$BB/dec_hand" | median)
awk -v a="$dcc_rss" -v b="$hand_rss" -v c="$dec_dcc_rss" -v d="$dec_hand_rss" 'BEGIN {
	printf "  counting: dload %8d KB   hand_loader   %8d KB\n", a, b
	printf "  decoding: dload %8d KB   hand_consumer %8d KB\n", c, d
	if (b > 0) printf "  ratio dload/hand_loader max RSS (counting): %.2f\n", a / b
	if (d > 0) printf "  ratio dload/hand_consumer max RSS (decoding): %.2f\n", c / d
}'
R_RSS=$(awk -v a="$dcc_rss" -v b="$hand_rss" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
R_RSS_DEC=$(awk -v c="$dec_dcc_rss" -v d="$dec_hand_rss" 'BEGIN { if (d > 0) printf "%.2f", c / d; else print "n/a" }')

# ---- summary -------------------------------------------------------------------------------
echo "== ratios, dcc/dload over the hand-written reference (lower is better, except decoding)"
printf "  per-event overhead (raw sys_enter, getppid count)   %s\n" "$R_EVENT"
printf "  overhead on other syscalls (getuid)                 %s\n" "$R_OTHER"
printf "  load to attached time                              %s\n" "$R_START"
printf "  compile time (dcc vs clang)                         %s\n" "$R_COMPILE"
printf "  BPF instructions per clause (vs raw_tp)             %s\n" "$R_INSNS"
printf "  decoding throughput, records/s (higher is better)   %s\n" "$R_DECODE"
printf "  max RSS, counting                                   %s\n" "$R_RSS"
printf "  max RSS, decoding                                   %s\n" "$R_RSS_DEC"
