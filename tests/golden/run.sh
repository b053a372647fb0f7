#!/bin/sh
# run.sh -- golden tests of the back end: `dcc --btf kernel.btf -S X.d` must
# print X.S.
#
#   tests/golden/run.sh [DCC]      compare (DCC defaults to build/dcc)
#   UPDATE=1 tests/golden/run.sh   rewrite kernel.btf (from tests/tools/mkbtf.c)
#                                  and the .S files after a reviewed change
#
# The listing shows every BPF instruction with the source lines and the
# codegen comments, so a diff here is a change in generated code.  Kernel
# types come from kernel.btf (checked in, written by tests/tools/mkbtf.c),
# never from the host's /sys/kernel/btf/vmlinux, so the listings do not
# depend on the machine.  Prints "N passed, N failed"; exits non-zero on a
# failure.
cd "$(dirname "$0")" || exit 2
DCC=${1:-../../build/dcc}
case $DCC in /*) ;; *) DCC=$PWD/$DCC ;; esac
BTF=kernel.btf

if [ -n "$UPDATE" ]; then
	tmp=$(mktemp -d /tmp/mkbtf.XXXXXX) || exit 2
	# shellcheck disable=SC2046
	if ! ${CC:-cc} -std=gnu11 -O1 -o "$tmp/mkbtf" ../tools/mkbtf.c \
		$(pkg-config --cflags --libs libbpf) || ! "$tmp/mkbtf" "$BTF"; then
		echo "run.sh: cannot regenerate $BTF" >&2
		rm -rf "$tmp"
		exit 2
	fi
	rm -rf "$tmp"
fi

passed=0 failed=0
for d in *.d; do
	exp=${d%.d}.S
	out=$("$DCC" --btf "$BTF" -S "$d" 2>&1)
	if [ -n "$UPDATE" ]; then
		printf '%s\n' "$out" > "$exp"
	fi
	if printf '%s\n' "$out" | diff -u "$exp" - > /dev/null 2>&1; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL golden/$d"
		printf '%s\n' "$out" | diff -u "$exp" - | head -20
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
