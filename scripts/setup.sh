#!/bin/sh
# setup.sh -- prepare a fresh Debian/Ubuntu machine for building and running
# dcc/dload: install the packages the build and the tests need (only when
# one is missing, with apt-get), and mount tracefs if it is not mounted.
# Run as root (or with sudo available).  Idempotent.
set -e

PKGS="libbpf-dev libelf-dev zlib1g-dev bison flex clang llvm bpftool pkg-config make gcc python3 systemtap-sdt-dev"

SUDO=
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
fi

missing=
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "setup.sh: missing packages:$missing (no apt-get: install them by hand)" >&2
		exit 1
	fi
	echo "setup.sh: installing$missing"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# bpftool is its own package on Debian 12; older releases ship it in
	# linux-tools: do not fail the whole setup for it.
	if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; then
		rest=$(echo "$missing" | sed 's/\bbpftool\b//')
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $rest
	fi
fi

# tracefs: dload resolves syscall probes and attaches tracepoints through it.
if [ ! -d /sys/kernel/tracing/events ]; then
	$SUDO mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null ||
		echo "setup.sh: warning: could not mount tracefs on /sys/kernel/tracing" >&2
fi
exit 0
