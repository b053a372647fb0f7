#!/bin/bash
# check.sh -- run every test of the project (run by `make check` after the
# optimized and the sanitizer builds).
#
#   1. unit tests        build/san/tests/*
#   2. error tests       tests/errors/TAG.name.d must fail to compile with
#                        "[TAG]" in build/san/dcc's message, exit status 1
#   3. run tests         tests/run/X.d is compiled by build/san/dcc and run by
#                        build/san/dload (extra options from X.args) with
#                        _DTRACE_TESTING set (no CPU/ID columns); stdout
#                        must equal X.r, the exit status X.status (default 0)
#   4. fuzz targets      fuzz/*.c, a few seconds each, if clang's libFuzzer works
#   5. conformance       ../shared/conformance (if present) against
#                        build/dtrace over visible.txt; a test listed in
#                        tests/conformance-passing.txt that does not pass fails
#
# Prints one line per failure, a summary per part, and finally exactly one
# line "N passed, N failed".  Exits non-zero if anything failed.
#
# Environment: SKIP_CONFORMANCE=1, SKIP_FUZZ=1, FUZZ_SECONDS (default 5),
# CONF_JOBS (default 2), CONF_ARGS (e.g. "-f /options/": run only that
# part of the suite), TEST_TIMEOUT (default 30 s), KEEP=1 (keep the scratch
# directory).

cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
SAN=build/san
OPT=build
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
	timeout "$TIMEOUT" "$SAN/dcc" -o "$TMP/err.o" "$d" >"$TMP/err.out" 2>&1
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
		mkdir -p "$TMP/fuzz-$name"
		if (cd "$TMP/fuzz-$name" && timeout $(( ${FUZZ_SECONDS:-5} + 60 )) \
			"$ROOT/build/fuzz/$name" -max_total_time="${FUZZ_SECONDS:-5}" \
			-timeout=10 -rss_limit_mb=4096 ${corpus:+"$ROOT/$corpus"} \
			>"$TMP/fuzz.log" 2>&1); then
			pass
		else
			fail "fuzz $name: found a crash"
			grep -E "ERROR|SUMMARY|artifact" "$TMP/fuzz.log" | head -n 10 | sed 's/^/    /'
		fi
	done
fi
part_end "$note"

# ---- 5. conformance ---------------------------------------------------------------------
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
