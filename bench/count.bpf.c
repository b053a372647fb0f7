/* SPDX-License-Identifier: MIT */
/*
 * count.bpf.c -- the hand-written reference for the benchmark: the same
 * work as dcc's `syscall::getppid:entry { @ = count(); }`, a per-CPU counter
 * bumped on every getppid() entry, written directly in BPF C and compiled
 * by clang -target bpf when the benchmark is built.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getppid")
int count_getppid(void *ctx)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&counts, &key);

	if (v)
		(*v)++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
