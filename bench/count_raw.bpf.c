/* SPDX-License-Identifier: MIT */
/*
 * count_raw.bpf.c -- the hand-written reference on the raw syscall
 * tracepoint: a per-CPU counter bumped when sys_enter sees getppid().
 * This is the mechanism dcc uses for syscall::NAME:entry, so the ratio
 * against it compares code quality rather than attachment points.
 */
#include <linux/bpf.h>
#include <asm/unistd.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("raw_tp/sys_enter")
int count_getppid(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 key = 0;
	__u64 *v;

	if (ctx->args[1] != __NR_getppid)
		return 0;
	v = bpf_map_lookup_elem(&counts, &key);
	if (v)
		(*v)++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
