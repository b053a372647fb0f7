/* SPDX-License-Identifier: MIT */
/*
 * mkbtf.c -- write a small, kernel-like BTF file for tests.
 *
 * The golden `dcc -S` tests (tests/golden/kernel.btf) and the CO-RE test
 * (tests/unit/test_core.c) compile against this BTF instead of the host's
 * /sys/kernel/btf/vmlinux, so their results do not depend on the machine.
 * It holds the kernel's base integer types, a few typedefs and a reduced
 * struct task_struct (with struct cred and struct mm_struct), and a struct
 * pt_regs, whose members carry the kernel's names and types but sit at
 * *other* offsets, in another order, than in any real kernel: a program
 * that reads them is only right on the running kernel if libbpf relocated
 * its CO-RE offsets.
 *
 *   cc -o mkbtf tests/tools/mkbtf.c $(pkg-config --cflags --libs libbpf)
 *   ./mkbtf tests/golden/kernel.btf
 *
 * test_core.c includes this file with MKBTF_NO_MAIN defined and calls
 * mkbtf_build() itself.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/btf.h>

/* byte offsets of struct task_struct members in the test BTF; the real
 * kernel has __state first and pid/tgid/real_parent/comm around 1-2 KB */
enum {
	MKBTF_TASK_SIZE = 256,
	MKBTF_OFF_COMM = 8,		/* char comm[16] */
	MKBTF_OFF_TGID = 24,		/* pid_t, before pid (the kernel: after) */
	MKBTF_OFF_PID = 28,
	MKBTF_OFF_REAL_PARENT = 40,	/* struct task_struct * */
	MKBTF_OFF_PARENT = 48,
	MKBTF_OFF_STATE = 64,		/* unsigned int __state */
	MKBTF_OFF_FLAGS = 68,
	MKBTF_OFF_PRIO = 72,
	MKBTF_OFF_EXIT_CODE = 76,
	MKBTF_OFF_START_TIME = 80,	/* u64 */
	MKBTF_OFF_MM = 96,		/* struct mm_struct * */
	MKBTF_OFF_CRED = 104,		/* const struct cred * */
};

struct mkbtf_ids {
	int int_, uint, ulong, char_, u64, pid_t, kuid_t;
	int task, task_ptr, cred, mm;
};

static int mkbtf_ints(struct btf *b, struct mkbtf_ids *id)
{
	id->int_ = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	id->uint = btf__add_int(b, "unsigned int", 4, 0);
	id->ulong = btf__add_int(b, "long unsigned int", 8, 0);
	id->char_ = btf__add_int(b, "char", 1, 0);
	btf__add_int(b, "long int", 8, BTF_INT_SIGNED);
	btf__add_int(b, "long long int", 8, BTF_INT_SIGNED);
	btf__add_int(b, "long long unsigned int", 8, 0);
	btf__add_int(b, "short int", 2, BTF_INT_SIGNED);
	btf__add_int(b, "short unsigned int", 2, 0);
	btf__add_int(b, "unsigned char", 1, 0);
	btf__add_int(b, "signed char", 1, BTF_INT_SIGNED);
	btf__add_int(b, "_Bool", 1, BTF_INT_BOOL);
	id->u64 = btf__add_typedef(b, "u64", btf__add_typedef(b, "__u64",
				   btf__find_by_name(b, "long long unsigned int")));
	btf__add_typedef(b, "u32", btf__add_typedef(b, "__u32", id->uint));
	id->pid_t = btf__add_typedef(b, "pid_t", btf__add_typedef(b, "__kernel_pid_t",
				     id->int_));
	return id->pid_t < 0 ? id->pid_t : 0;
}

/* typedef struct { uid_t val; } kuid_t; struct cred { kuid_t gid, uid; };
 * struct mm_struct { start_code, end_code } */
static int mkbtf_cred(struct btf *b, struct mkbtf_ids *id)
{
	int uid_t = btf__add_typedef(b, "uid_t", id->uint), kuid, err = 0;

	kuid = btf__add_struct(b, NULL, 4);
	err |= btf__add_field(b, "val", uid_t, 0, 0);
	id->kuid_t = btf__add_typedef(b, "kuid_t", kuid);
	id->cred = btf__add_struct(b, "cred", 64);
	err |= btf__add_field(b, "gid", id->kuid_t, 16 * 8, 0);
	err |= btf__add_field(b, "uid", id->kuid_t, 24 * 8, 0);
	id->mm = btf__add_struct(b, "mm_struct", 128);
	err |= btf__add_field(b, "start_code", id->ulong, 32 * 8, 0);
	err |= btf__add_field(b, "end_code", id->ulong, 40 * 8, 0);
	return err ? -EINVAL : 0;
}

static int mkbtf_task(struct btf *b, struct mkbtf_ids *id)
{
	int comm = btf__add_array(b, id->int_, id->char_, 16), err = 0;
	int fwd_ptr, cred_ptr = btf__add_ptr(b, btf__add_const(b, id->cred));
	int mm_ptr = btf__add_ptr(b, id->mm);

	/* struct task_struct *, to the struct added right after it */
	fwd_ptr = btf__add_ptr(b, btf__type_cnt(b) + 1);
	id->task = btf__add_struct(b, "task_struct", MKBTF_TASK_SIZE);
	err |= btf__add_field(b, "comm", comm, MKBTF_OFF_COMM * 8, 0);
	err |= btf__add_field(b, "tgid", id->pid_t, MKBTF_OFF_TGID * 8, 0);
	err |= btf__add_field(b, "pid", id->pid_t, MKBTF_OFF_PID * 8, 0);
	err |= btf__add_field(b, "real_parent", fwd_ptr, MKBTF_OFF_REAL_PARENT * 8, 0);
	err |= btf__add_field(b, "parent", fwd_ptr, MKBTF_OFF_PARENT * 8, 0);
	err |= btf__add_field(b, "__state", id->uint, MKBTF_OFF_STATE * 8, 0);
	err |= btf__add_field(b, "flags", id->uint, MKBTF_OFF_FLAGS * 8, 0);
	err |= btf__add_field(b, "prio", id->int_, MKBTF_OFF_PRIO * 8, 0);
	err |= btf__add_field(b, "exit_code", id->int_, MKBTF_OFF_EXIT_CODE * 8, 0);
	err |= btf__add_field(b, "start_time", id->u64, MKBTF_OFF_START_TIME * 8, 0);
	err |= btf__add_field(b, "mm", mm_ptr, MKBTF_OFF_MM * 8, 0);
	err |= btf__add_field(b, "cred", cred_ptr, MKBTF_OFF_CRED * 8, 0);
	if (err || fwd_ptr < 0 || id->task != fwd_ptr + 1)
		return -EINVAL;
	id->task_ptr = fwd_ptr;
	return 0;
}

/* struct pt_regs (for kprobe and uprobe programs): the x86_64 member
 * names, but in reverse order, so that every offset differs from the
 * kernel's (di is at 112 there, 8 here).  Added last: the ids of the
 * types above do not move. */
static int mkbtf_regs(struct btf *b, struct mkbtf_ids *id)
{
	static const char *const regs[] = {
		"ss", "sp", "flags", "cs", "ip", "orig_ax", "di", "si", "dx",
		"cx", "ax", "r8", "r9", "r10", "r11", "bx", "bp", "r12", "r13",
		"r14", "r15",
	};
	int n = sizeof(regs) / sizeof(regs[0]), err = 0;

	if (btf__add_struct(b, "pt_regs", 8 * n) < 0)
		return -EINVAL;
	for (int i = 0; i < n; i++)
		err |= btf__add_field(b, regs[i], id->ulong, 64 * i, 0);
	return err ? -EINVAL : 0;
}

/* The test BTF, or NULL (errno set). */
static struct btf *mkbtf_build(void)
{
	struct btf *b = btf__new_empty();
	struct mkbtf_ids id = { 0 };

	if (!b)
		return NULL;
	if (mkbtf_ints(b, &id) || mkbtf_cred(b, &id) || mkbtf_task(b, &id) ||
	    mkbtf_regs(b, &id)) {
		btf__free(b);
		errno = EINVAL;
		return NULL;
	}
	return b;
}

/* Write the test BTF to path: 0 or a negative errno. */
static int mkbtf_write(const char *path)
{
	struct btf *b = mkbtf_build();
	const void *data;
	__u32 len;
	FILE *f;
	int err = 0;

	if (!b)
		return -errno;
	data = btf__raw_data(b, &len);
	f = fopen(path, "wb");
	if (!data || !f || fwrite(data, 1, len, f) != len)
		err = -EIO;
	if (f && fclose(f))
		err = -EIO;
	btf__free(b);
	return err;
}

#ifndef MKBTF_NO_MAIN
int main(int argc, char **argv)
{
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: mkbtf OUT.btf\n");
		return 2;
	}
	err = mkbtf_write(argv[1]);
	if (err) {
		fprintf(stderr, "mkbtf: %s: %s\n", argv[1], strerror(-err));
		return 1;
	}
	return 0;
}
#endif
