#!/bin/sh
# demo.sh -- compile the examples with dcc and run them with dload
# (run by `make demo` after the build).
set -e
cd "$(dirname "$0")/.."
B=${B:-build}
mkdir -p "$B/examples"

run() {
	echo "\$ $*"
	"$@"
}

run "$B/dcc" -o "$B/examples/hello.bpf.o" examples/hello.d
run "$B/dload" "$B/examples/hello.bpf.o"
echo
run "$B/dcc" -o "$B/examples/syscalls.bpf.o" examples/syscalls.d
echo "(counting system calls for 3 seconds)"
run timeout 30 "$B/dload" "$B/examples/syscalls.bpf.o"
