#!/bin/bash
# check.sh -- run every test of the project (run by `make check` after the
# optimized and the sanitizer builds).
#
#   1. unit tests        build/san/tests/*
#   2. error tests       tests/errors/TAG.name.d must fail to compile with
#                        "[TAG]" in build/san/dcc's message, exit status 1
#                        (macro arguments from TAG.name.args, dcc options
#                        such as -xnolibs from TAG.name.opts, if present)
#   3. run tests         tests/run/X.d is compiled by build/san/dcc and run by
#                        build/san/dload (extra options from X.args) with
#                        _DTRACE_TESTING set (no CPU/ID columns); stdout
#                        must equal X.r, the exit status X.status (default 0),
#                        and each line of X.err (if present) must occur
#                        (as a fixed string) in dload's stderr
#   4. fuzz targets      fuzz/*.c, a few seconds each, if clang's libFuzzer works
#                        (seed corpus fuzz/corpus/NAME/ if present)
#   5. golden listings   tests/golden/run.sh with build/san/dcc (dcc -S output)
#   6. examples          examples/*.d compile, disassemble cleanly with
#                        llvm-objdump and run (options and expected lines in
#                        the EXAMPLES table below)
#   7. probe listing     dload -l / dtrace -l, -v, USDT of a running process
#   8. conformance       ../shared/conformance (if present) against
#                        build/dtrace over visible.txt; a test listed in
#                        tests/conformance-passing.txt that does not pass fails
#
# Prints one line per failure, a summary per part, and finally exactly one
# line "N passed, N failed".  Exits non-zero if anything failed.
#
# Environment: SKIP_CONFORMANCE=1, SKIP_FUZZ=1, FUZZ_SECONDS (default 5),
# CHECK_SAN and CHECK_OPT (the sanitizer and optimized build directories,
# relative to the top, default build/san and build, so that a tree built
# with `make B=build/x` can be tested), CONF_JOBS (default 2), CONF_ARGS
# (e.g. "-f /options/": run only that part of the suite), TEST_TIMEOUT
# (default 30 s), KEEP=1 (keep the scratch directory).

cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
SAN=${CHECK_SAN:-build/san}
OPT=${CHECK_OPT:-build}
TMP=$(mktemp -d /tmp/dcc-check.XXXXXX)
[ -n "$KEEP" ] || trap 'rm -rf "$TMP"' EXIT
TIMEOUT=${TEST_TIMEOUT:-30}
CONF=${CONFORMANCE:-$ROOT/../shared/conformance}

PASSED=0
FAILED=0
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

pass() { PASSED=$((PASSED + 1)); part_pass=$((part_pass + 1)); }
fail() {
	FAILED=$((FAILED + 1)); part_fail=$((part_fail + 1))
	echo "FAIL $*"
}
part_begin() { part_pass=0; part_fail=0; part_name=$1; }
part_end() { echo "== $part_name: $part_pass passed, $part_fail failed${1:+ $1}"; }

# A sanitizer report, a signal or a timeout is a failure whatever the test
# expects.
crashed() {	# crashed STATUS ERRFILE
	[ "$1" -ge 124 ] && return 0
	grep -q -E "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:" "$2"
}
status_text() {	# status_text STATUS [ERRFILE]
	if [ "$1" -eq 124 ] || [ "$1" -eq 137 ]; then
		echo "timed out after ${TIMEOUT}s"
	elif [ "$1" -gt 128 ]; then
		echo "killed by signal $(($1 - 128))"
	elif [ -n "$2" ] && grep -q "LeakSanitizer" "$2"; then
		echo "memory leak (status $1)"
	elif [ -n "$2" ] && grep -q -E "ERROR: AddressSanitizer|runtime error:" "$2"; then
		echo "sanitizer error (status $1)"
	else
		echo "exit status $1"
	fi
}
san_report() {	# san_report ERRFILE: the interesting lines of a report
	grep -E -A6 "ERROR: |runtime error:|Direct leak" "$1" | head -n 16 | sed 's/^/    /'
}

# ---- 1. unit tests -----------------------------------------------------------
part_begin "unit tests"
for t in "$SAN"/tests/*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	timeout "$TIMEOUT" "$t" >"$TMP/unit.out" 2>&1
	st=$?
	if [ $st -eq 0 ]; then
		pass
	else
		fail "unit $(basename "$t"): $(status_text $st)"
		tail -n 20 "$TMP/unit.out" | sed 's/^/    /'
	fi
done
part_end

# ---- 2. error tests -----------------------------------------------------------
part_begin "error tests"
for d in tests/errors/*.d; do
	[ -f "$d" ] || continue
	tag=$(basename "$d"); tag=${tag%%.*}
	margs=; [ -f "${d%.d}.args" ] && margs=$(cat "${d%.d}.args")
	dopts=; [ -f "${d%.d}.opts" ] && dopts=$(cat "${d%.d}.opts")
	# shellcheck disable=SC2086
	timeout "$TIMEOUT" "$SAN/dcc" $dopts -o "$TMP/err.o" "$d" $margs >"$TMP/err.out" 2>&1
	st=$?
	if crashed $st "$TMP/err.out"; then
		fail "$d: $(status_text $st "$TMP/err.out")"
		san_report "$TMP/err.out"
	elif [ $st -ne 1 ]; then
		fail "$d: exit status $st, expected 1"
	elif ! grep -qF "[$tag]" "$TMP/err.out"; then
		fail "$d: no [$tag] in: $(head -n 1 "$TMP/err.out")"
	else
		pass
	fi
done
part_end

# ---- 3. run tests ---------------------------------------------------------------
part_begin "run tests"
run_err_ok() {	# run_err_ok WANT GOT [-v]: each line of WANT is in GOT
	[ -f "$1" ] || return 0
	local line
	while IFS= read -r line; do
		if [ -n "$line" ] && ! grep -qF -- "$line" "$2"; then
			[ "$3" = -v ] && echo "$line"
			return 1
		fi
	done <"$1"
	return 0
}
export _DTRACE_TESTING=t	# dload leaves out the CPU and ID columns
for d in tests/run/*.d; do
	[ -f "$d" ] || continue
	base=${d%.d}
	args=; [ -f "$base.args" ] && args=$(cat "$base.args")
	want=0; [ -f "$base.status" ] && want=$(cat "$base.status")
	timeout "$TIMEOUT" "$SAN/dcc" -o "$TMP/run.o" "$d" >"$TMP/run.err" 2>&1
	st=$?
	if [ $st -ne 0 ]; then
		if crashed $st "$TMP/run.err"; then
			fail "$d: dcc: $(status_text $st "$TMP/run.err")"
			san_report "$TMP/run.err"
		else
			fail "$d: does not compile: $(head -n 1 "$TMP/run.err")"
		fi
		continue
	fi
	# shellcheck disable=SC2086
	timeout "$TIMEOUT" "$SAN/dload" $args "$TMP/run.o" >"$TMP/run.out" 2>"$TMP/run.err"
	st=$?
	if crashed $st "$TMP/run.err"; then
		fail "$d: $(status_text $st "$TMP/run.err")"
		san_report "$TMP/run.err"
	elif [ "$st" != "$want" ]; then
		fail "$d: exit status $st, expected $want: $(head -n 1 "$TMP/run.err")"
	elif [ -f "$base.r" ] && ! diff -u "$base.r" "$TMP/run.out" >"$TMP/run.diff"; then
		fail "$d: output differs"
		head -n 30 "$TMP/run.diff" | sed 's/^/    /'
	elif ! run_err_ok "$base.err" "$TMP/run.err"; then
		fail "$d: stderr lacks: $(run_err_ok "$base.err" "$TMP/run.err" -v)"
		head -n 5 "$TMP/run.err" | sed 's/^/    /'
	else
		pass
	fi
done
part_end

# ---- 4. fuzz targets ---------------------------------------------------------------
part_begin "fuzz targets"
fuzz_ok() {
	echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' \
		>"$TMP/probe.c"
	clang -fsanitize=fuzzer -o "$TMP/probe" "$TMP/probe.c" >/dev/null 2>&1
}
note=
if [ -n "$SKIP_FUZZ" ]; then
	note="(skipped: SKIP_FUZZ)"
elif ! ls fuzz/*.c >/dev/null 2>&1; then
	note="(no targets)"
elif ! command -v clang >/dev/null 2>&1 || ! fuzz_ok; then
	note="(skipped: clang's libFuzzer is not available)"
else
	mkdir -p build/fuzz
	LIBS=$(pkg-config --libs libbpf libelf zlib 2>/dev/null)
	CFL=$(pkg-config --cflags libbpf 2>/dev/null)
	for f in fuzz/*.c; do
		name=$(basename "$f" .c)
		# shellcheck disable=SC2086
		if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
			-Iinclude -Idcc -Iloader -I"$OPT/gen" $CFL "$f" \
			"$OPT/libdcc.a" "$OPT/libdload.a" $LIBS -lm \
			-o "build/fuzz/$name" >"$TMP/fuzz.log" 2>&1; then
			fail "fuzz $name: does not build"
			head -n 10 "$TMP/fuzz.log" | sed 's/^/    /'
			continue
		fi
		corpus=
		[ -d "fuzz/corpus/$name" ] && corpus="fuzz/corpus/$name"
		# new inputs go to the scratch directory (libFuzzer writes
		# to the first corpus directory), never into fuzz/corpus
		mkdir -p "$TMP/fuzz-$name/new"
		if (cd "$TMP/fuzz-$name" && timeout $(( ${FUZZ_SECONDS:-5} + 60 )) \
			"$ROOT/build/fuzz/$name" -max_total_time="${FUZZ_SECONDS:-5}" \
			-timeout=10 -rss_limit_mb=4096 \
			${corpus:+"$TMP/fuzz-$name/new" "$ROOT/$corpus"} \
			>"$TMP/fuzz.log" 2>&1); then
			pass
		else
			fail "fuzz $name: found a crash"
			grep -E "ERROR|SUMMARY|artifact" "$TMP/fuzz.log" | head -n 10 | sed 's/^/    /'
		fi
	done
fi
part_end "$note"

# ---- 5. golden back-end listings ------------------------------------------------------
part_begin "golden listings"
tests/golden/run.sh "$ROOT/$SAN/dcc" >"$TMP/golden.out" 2>&1
last=$(tail -n 1 "$TMP/golden.out")
if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
	PASSED=$((PASSED + BASH_REMATCH[1])); part_pass=${BASH_REMATCH[1]}
	FAILED=$((FAILED + BASH_REMATCH[2])); part_fail=${BASH_REMATCH[2]}
	grep -A 20 '^FAIL ' "$TMP/golden.out" | head -n 40 | sed 's/^/    /'
else
	fail "tests/golden/run.sh did not finish: $last"
fi
part_end

# ---- 6. examples ------------------------------------------------------------------------
# Every examples/*.d compiles with build/san/dcc, disassembles cleanly, and
# runs with build/san/dload: exit status 0 and, for each pattern of its
# row, a matching output line.  Row: file | dload options | patterns (EREs
# separated by " ;; ").  fbt cannot attach here: dload must refuse with a
# one-line message, and go on with -Z.
EXAMPLES=(
	'hello.d||^Hello, World!$'
	'syscalls.d||^ +[^ ]+ +[0-9]+$'
	'dtrace_probes.d||^BEGIN: tracing starts$ ;; ^ERROR: fault 1 at address 0$ ;; ^END: tracing stops$'
	'profile.d|-c "dd if=/dev/zero of=/dev/null bs=1k count=500000"|^dd +(kernel|user) +[0-9]+$'
	'tick.d||^tick-100 fired [0-9]+ times in one second$'
	'syscall_open.d|-c "cat /etc/hostname /nonexistent"|^cat: open /etc/hostname = fd [0-9]+$ ;; ^cat: open /nonexistent failed, errno 2$'
	'sdt_sched_switch.d||^context switches: [1-9][0-9]*$'
	'rawtp_sched_switch.d||^context switches: [1-9][0-9]*$'
	'pid_calls.d|-c $OPT/progs/uprog|^add\(1, 10\) = 11$ ;; ^ +mul3 +3$'
	'usdt_probes.d|-c $OPT/progs/uprog|^greet: greet\("world", 1\)$ ;; ^mul3: 3 \* 2 \* 3 = 18$'
	'proc_lifecycle.d|-c "sh -c /bin/true"|^[0-9]+ true: exec succeeded$ ;; ^([0-9]+) sh: fork of [0-9]+ \(parent [0-9]+\)$'
	'sched_offcpu.d|-c "sleep 0.3"|^sleep left the CPU [1-9][0-9]* times$'
	'io_start.d|-c "dd if=/dev/zero of=$TMP/io.tmp bs=64k count=16 oflag=direct"|^dd +issued [1-9][0-9]* I/O requests \([a-z0-9]+ write\)$ ;; ^[a-z0-9]+: [1-9][0-9]+ bytes$'
)
example_row() {	# example_row FILE: its row, if any
	for row in "${EXAMPLES[@]}"; do
		[ "${row%%|*}" = "$1" ] && { echo "$row"; return; }
	done
}
example_run() {	# example_run NAME OPTIONS PATTERNS
	# Through a pipe, not straight into the file: the target shares dload's
	# stdout, and GNU cat copies a file to a file with copy_file_range(),
	# which reads and sets the shared offset without the lock write() takes,
	# so a line dload writes meanwhile can be overwritten.
	eval "timeout $TIMEOUT $SAN/dload $2 \"\$TMP/ex.o\"" 2>"$TMP/ex.err" </dev/null |
		cat >"$TMP/ex.out"
	st=${PIPESTATUS[0]}
	if crashed $st "$TMP/ex.err"; then
		fail "$1: $(status_text $st "$TMP/ex.err")"; san_report "$TMP/ex.err"; return
	elif [ $st -ne 0 ]; then
		fail "$1: exit status $st: $(head -n 1 "$TMP/ex.err")"; return
	fi
	local rest=$3 pat
	while [ -n "$rest" ]; do
		pat=${rest%% ;; *}
		[ "$pat" = "$rest" ] && rest= || rest=${rest#* ;; }
		if ! grep -qE -- "$pat" "$TMP/ex.out"; then
			fail "$1: no line matches /$pat/ in:"
			head -n 12 "$TMP/ex.out" | sed 's/^/    /'; return
		fi
	done
	pass
}
example_fbt() {	# fbt: a one-line refusal, and -Z goes on
	timeout "$TIMEOUT" "$SAN/dload" "$TMP/ex.o" >"$TMP/ex.out" 2>"$TMP/ex.err" </dev/null
	st=$?
	if crashed $st "$TMP/ex.err"; then
		fail "$1: $(status_text $st "$TMP/ex.err")"; san_report "$TMP/ex.err"
	elif [ $st -ne 1 ] || [ "$(wc -l <"$TMP/ex.err")" -ne 1 ] ||
	     ! grep -q '^dload: .*fbt' "$TMP/ex.err"; then
		fail "$1: expected exit status 1 and one 'dload: ... fbt ...' line, got $st: $(head -n 3 "$TMP/ex.err")"
	else
		example_run "$1 (-Z)" -Z '^one second of vfs_read\(\) calls:$'
	fi
}
part_begin "examples"
note=
command -v llvm-objdump >/dev/null 2>&1 || note="(llvm-objdump missing: not disassembled)"
for d in examples/*.d; do
	name=$(basename "$d")
	timeout "$TIMEOUT" "$SAN/dcc" -o "$TMP/ex.o" "$d" >"$TMP/ex.err" 2>&1
	st=$?
	if [ $st -ne 0 ]; then
		if crashed $st "$TMP/ex.err"; then
			fail "$d: dcc: $(status_text $st "$TMP/ex.err")"; san_report "$TMP/ex.err"
		else
			fail "$d: does not compile: $(head -n 1 "$TMP/ex.err")"
		fi
		continue
	fi
	if [ -z "$note" ] && llvm-objdump -d "$TMP/ex.o" 2>&1 |
		grep -iE 'warning|<unknown>' >"$TMP/ex.dis"; then
		fail "$d: llvm-objdump: $(head -n 1 "$TMP/ex.dis")"
		continue
	fi
	case $name in fbt*) example_fbt "$d"; continue ;; esac
	row=$(example_row "$name")
	if [ -z "$row" ]; then
		fail "$d: no row in scripts/check.sh's EXAMPLES"
		continue
	fi
	rest=${row#*|}
	example_run "$d" "${rest%%|*}" "${rest#*|}"
done
rm -f "$TMP/io.tmp"
part_end "$note"

# ---- 7. probe listing ---------------------------------------------------------------------
# dload -l / dtrace -l: dtrace(8)'s format, descriptions, -v, and the USDT
# probes of a running process (and no crash on garbled mapped files).
list_check() {	# list_check WHAT WANT-STATUS PATTERN CMD...: stdout has PATTERN
	local what=$1 want=$2 pat=$3
	shift 3
	timeout "$TIMEOUT" "$@" >"$TMP/l.out" 2>"$TMP/l.err" </dev/null
	st=$?
	if crashed $st "$TMP/l.err"; then
		fail "listing $what: $(status_text $st "$TMP/l.err")"; san_report "$TMP/l.err"
	elif [ $st -ne "$want" ]; then
		fail "listing $what: exit status $st, expected $want: $(head -n 1 "$TMP/l.err")"
	elif [ -n "$pat" ] && ! grep -qE -- "$pat" "$TMP/l.out" "$TMP/l.err"; then
		fail "listing $what: no line matches /$pat/"
		head -n 5 "$TMP/l.out" "$TMP/l.err" | sed 's/^/    /'
	else
		pass
	fi
}
part_begin "probe listing"
HDR='^   ID   PROVIDER            MODULE                          FUNCTION NAME$'
list_check "header" 0 "$HDR" "$SAN/dload" -l
list_check "BEGIN is 1" 0 "^    1     dtrace {53}BEGIN$" "$SAN/dload" -l
list_check "syscall desc" 0 '^ +[0-9]+    syscall           vmlinux +read entry$' "$SAN/dload" -l syscall::read:entry
list_check "sdt -v" 0 $'^\t\targs\\[1\\]: pid_t$' "$SAN/dload" -lv sdt:sched::sched_switch
list_check "proc -v" 0 $'^\t\targs\\[0\\]: string$' "$SAN/dload" -lv proc:::exec
list_check "no match" 1 '^dload: failed to match nosuch:::: No probe matches description$' "$SAN/dload" -l nosuch:::
list_check "dtrace -l -P" 0 '^    3     dtrace {53}ERROR$' "$SAN/dtrace" -l -P dtrace
list_check "dtrace -lv" 0 $'^\t\targs\\[1\\]: const char \\*$' "$SAN/dtrace" -lv -n syscall::openat:entry
list_check "dtrace -l -f" 0 '^ +[0-9]+    syscall           vmlinux +read return$' "$SAN/dtrace" -l -f read
list_check "cpc glob" 0 '^ +[0-9]+ +cpc {53}task_clock-all-1000000000$' "$SAN/dtrace" -l -n 'cpc:::*clock*'
list_check "rawtp -l" 0 '^ +[0-9]+ +rawtp +sched +sched_switch$' "$SAN/dload" -l 'rawtp:::sched_sw*'
list_check "rawtp -P" 0 '^ +[0-9]+ +rawtp +sched +sched_process_exec$' "$SAN/dtrace" -l -P rawtp
list_check "rawtp -lv" 0 $'^\t\targs\\[1\\]: struct task_struct \\*$' "$SAN/dtrace" -lv -n rawtp:sched::sched_switch
# USDT: uprog blocks on a fifo until we have listed it
mkfifo "$TMP/fifo"
"$OPT/progs/uprog" -w 1 <"$TMP/fifo" >/dev/null 2>&1 &
upid=$!
exec 9>"$TMP/fifo"
for _ in $(seq 50); do
	[ "$(readlink "/proc/$upid/exe" 2>/dev/null)" = "$ROOT/$OPT/progs/uprog" ] && break
	sleep 0.1
done
list_check "usdt -p" 0 "^ +[0-9]+ +uprog$upid +uprog +mul3 mul-done$" "$SAN/dload" -l -u -p "$upid"
list_check "usdt all" 0 "^ +[0-9]+ +uprog$upid +uprog +greet guarded$" "$SAN/dload" -l -u
list_check "usdt desc" 0 "^ +[0-9]+ +uprog$upid +uprog +greet greet$" "$SAN/dload" -l "uprog$upid:::greet"
list_check "usdt dtrace" 0 "^ +[0-9]+ +uprog$upid +uprog +mul3 mul-done$" "$SAN/dtrace" -l -n "uprog$upid:::"
echo x >&9
exec 9>&-
wait "$upid" 2>/dev/null
# garbled ELF files mapped executable: listed or skipped, never a crash
if command -v python3 >/dev/null 2>&1; then
	cat >"$TMP/garble.py" <<'EOF'
import mmap, os, random, sys, time
src = open(sys.argv[1], 'rb').read()
random.seed(7)
maps = []
for i in range(40):
    b = bytearray(src)
    if i % 4 == 0:
        b = b[:random.randrange(64, len(b))]
    elif i % 4 == 1:
        b = bytearray(os.urandom(random.randrange(1, 4096)))
    else:
        for _ in range(20 * i):
            b[random.randrange(len(b))] = random.randrange(256)
    p = os.path.join(sys.argv[2], 'g%02d' % i)
    open(p, 'wb').write(b)
    fd = os.open(p, os.O_RDONLY)
    try:
        maps.append(mmap.mmap(fd, len(b), prot=mmap.PROT_READ | mmap.PROT_EXEC,
                              flags=mmap.MAP_PRIVATE))
    except OSError:
        pass
    os.close(fd)
print(os.getpid(), flush=True)
sys.stdin.read()
EOF
	mkdir -p "$TMP/garble"
	mkfifo "$TMP/gfifo"
	python3 "$TMP/garble.py" "$OPT/progs/uprog" "$TMP/garble" <"$TMP/gfifo" >"$TMP/gpid" &
	gpid=$!
	exec 9>"$TMP/gfifo"
	for _ in $(seq 50); do [ -s "$TMP/gpid" ] && break; sleep 0.1; done
	list_check "garbled files" 0 "$HDR" "$SAN/dload" -l -u -p "$gpid"
	exec 9>&-
	wait "$gpid" 2>/dev/null
fi
part_end

# ---- 8. conformance ---------------------------------------------------------------------
part_begin "conformance"
note=
LISTED=tests/conformance-passing.txt
if [ -n "$SKIP_CONFORMANCE" ]; then
	note="(skipped: SKIP_CONFORMANCE)"
elif [ ! -x "$CONF/run-conformance" ]; then
	note="(skipped: no $CONF)"
else
	DTRACE="$ROOT/$OPT/dtrace" "$CONF/run-conformance" \
		-l "$CONF/visible.txt" -j "${CONF_JOBS:-2}" -r "$TMP/conf" \
		$CONF_ARGS >"$TMP/conf.out" 2>&1
	finished=1
	if ! tail -n 1 "$TMP/conf.out" | grep -qE '^[0-9]+ passed, [0-9]+ failed'; then
		fail "conformance: the runner did not finish: $(tail -n 1 "$TMP/conf.out")"
		finished=
	fi
	grep -E '^PASS ' "$TMP/conf.out" | sed -E 's/^PASS ([^:]*).*/\1/' |
		sort -u >"$TMP/conf.pass"
	cpass=$(wc -l <"$TMP/conf.pass")
	PASSED=$((PASSED + cpass)); part_pass=$cpass
	if [ -n "$finished" ] && [ -f "$LISTED" ]; then
		while read -r t; do
			case "$t" in ''|'#'*) continue ;; esac
			# with CONF_ARGS (a part of the suite), only what ran
			[ -n "$CONF_ARGS" ] && ! grep -qF " $t" "$TMP/conf.out" && continue
			if ! grep -qxF "$t" "$TMP/conf.pass"; then
				why=$(grep -F " $t" "$TMP/conf.out" | head -n 1)
				fail "conformance regression: ${why:-$t (not run)}"
			fi
		done <"$LISTED"
	fi
	note="($(tail -n 1 "$TMP/conf.out"); failures not listed in $LISTED do not count)"
	[ -n "$KEEP" ] && note="$note results in $TMP/conf"
fi
part_end "$note"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
