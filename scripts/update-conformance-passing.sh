#!/bin/bash
# update-conformance-passing.sh -- run the conformance suite against
# build/dtrace and write the tests that pass to tests/conformance-passing.txt
# (the list `make check` guards against regressions).  Review the diff
# before committing: a test that passes only sometimes does not belong there.
set -e
cd "$(dirname "$0")/.."
CONF=${CONFORMANCE:-$PWD/../shared/conformance}
out=$(mktemp -d /tmp/conf-update.XXXXXX)
DTRACE=$PWD/build/dtrace "$CONF/run-conformance" -l "$CONF/visible.txt" \
	-j "${CONF_JOBS:-2}" -r "$out/results" >"$out/log" 2>&1 || true
tail -n 1 "$out/log"
grep -E '^PASS ' "$out/log" | sed -E 's/^PASS ([^:]*).*/\1/' | sort -u \
	>tests/conformance-passing.txt
echo "$(wc -l <tests/conformance-passing.txt) tests in tests/conformance-passing.txt (log: $out/log)"
