/* SPDX-License-Identifier: MIT */
/*
 * printf.bpf.c -- the hand-written reference of the decoding benchmark:
 * on every getppid() entry (raw sys_enter, as dcc does), send {pid, comm}
 * to a ring buffer; bench/hand_consumer.c prints "getppid PID COMM" for
 * each, as dload does for bench/printf.d.
 */
#include <linux/bpf.h>
#include <asm/unistd.h>
#include <bpf/bpf_helpers.h>

struct event {
	__u32 pid;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 << 20);
} events SEC(".maps");

SEC("raw_tp/sys_enter")
int print_getppid(struct bpf_raw_tracepoint_args *ctx)
{
	struct event e;

	if (ctx->args[1] != __NR_getppid)
		return 0;
	e.pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e.comm, sizeof(e.comm));
	bpf_ringbuf_output(&events, &e, sizeof(e), 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
