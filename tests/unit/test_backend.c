/* SPDX-License-Identifier: MIT */
/*
 * test_backend.c -- the back end without the front end: IR programs built
 * by hand go through regalloc, peep, emit_bpf and emit_elf; the objects are
 * opened and loaded by libbpf alone, run in the kernel (as root), and
 * disassembled by llvm-objdump (no warnings allowed).
 *
 *   counter    tracepoint getppid + PERCPU_ARRAY counter, attached for real
 *   spills     values live across helper calls (r6..r9 and stack spills)
 *   subprog    BPF-to-BPF call into .text
 *   rodata     .rodata string sent through a ring buffer (raw_tp test run)
 *   core       CO-RE field offsets into struct task_struct
 *   shared     two programs in one section sharing a subprogram
 *   oflow      a clean D_STACK_OFLOW error when spills exceed 512 bytes
 *   legal      64-bit immediates and offsets beyond s16 legalized
 *   fold       peep.c's constant folding agrees with the kernel
 *   dscripts   D scripts through the whole compiler: llvm-objdump decodes
 *              every instruction of the objects
 */
#include <errno.h>
#include <stdarg.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

#include "dcc.h"
#include "ir.h"

static int passed, failed;

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "FAIL %s:%d: ", __func__, __LINE__);	\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		return -1;						\
	}								\
} while (0)

/* ---- helpers ---------------------------------------------------------------- */

static const char test_src[] =
	"/* test */\n"
	"syscall::getppid:entry\n"
	"{\n"
	"\t@c = count();\n"
	"}\n";

static struct ir_prog *new_prog(struct dcc *cc)
{
	struct ir_prog *p;

	dcc_init(cc, NULL);
	cc->filename = "test.d";
	cc->source = (char *)test_src;
	cc->source_len = sizeof(test_src) - 1;
	p = ir_prog_new(cc);
	cc->ir = p;
	return p;
}

/* run the back end; 0 or -1 with the error printed */
static int backend(struct dcc *cc)
{
	jmp_buf jb;

	cc->err_jmp = &jb;
	if (setjmp(jb)) {
		dcc_print_error(cc, stderr);
		cc->err_jmp = NULL;
		return -1;
	}
	if (getenv("TEST_IR")) {
		const struct ir_func *f;

		for (f = cc->ir->funcs; f; f = f->next)
			ir_dump_func(f, stdout);
	}
	regalloc_prog(cc, cc->ir);
	peep_prog(cc, cc->ir);
	emit_bpf_prog(cc, cc->ir);
	emit_elf(cc, cc->ir);
	cc->err_jmp = NULL;
	if (getenv("TEST_ASM"))
		dcc_print_asm(cc, stdout);
	return 0;
}

/* output of a shell command (stdout and stderr together), malloc'ed */
static char *command_output(const char *cmd, int *status)
{
	FILE *f = popen(cmd, "r");
	size_t n = 0, cap = 4096, k;
	char *out = malloc(cap);

	while (f && (k = fread(out + n, 1, cap - n - 1, f)) > 0) {
		n += k;
		if (n + 1 == cap)
			out = realloc(out, cap *= 2);
	}
	out[n] = 0;
	*status = f ? pclose(f) : -1;
	return out;
}

/* llvm-objdump -d prints nothing on stderr and no "<unknown>" instruction
 * (llvm-objdump 14 cannot decode BPF_ST, so the back end never emits it);
 * bpftool btf dump succeeds */
static int tools_ok_file(const char *name, const char *path)
{
	char cmd[1024], *out;
	int rc, bad;

	snprintf(cmd, sizeof(cmd), "llvm-objdump -d -r %s 2>&1 >/dev/null; "
		 "llvm-objdump -d %s 2>/dev/null | grep -m 3 -F '<unknown>'; "
		 "bpftool btf dump file %s >/dev/null 2>&1 || echo bpftool failed",
		 path, path, path);
	out = command_output(cmd, &rc);
	bad = *out || rc;
	if (bad)
		fprintf(stderr, "%s: tools complain: %s\n", name, out);
	free(out);
	return bad ? -1 : 0;
}

static int tools_ok(struct dcc *cc, const char *name)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/test_backend_%s.o", name);
	f = fopen(path, "w");
	if (!f || fwrite(cc->obj, 1, cc->obj_len, f) != cc->obj_len)
		return -1;
	fclose(f);
	return tools_ok_file(name, path);
}

/* the kernel took the func_info and line_info of every program */
static int check_btf_info(struct bpf_object *obj, const char *name)
{
	struct bpf_program *p;

	bpf_object__for_each_program(p, obj) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);

		if (bpf_obj_get_info_by_fd(bpf_program__fd(p), &info, &len) ||
		    !info.nr_func_info || !info.nr_line_info || !info.btf_id) {
			fprintf(stderr, "%s: %s: no BTF func/line info in the kernel\n",
				name, bpf_program__name(p));
			return -1;
		}
	}
	return 0;
}

static int libbpf_log(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG && !getenv("TEST_VERBOSE"))
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static struct bpf_object *load(struct dcc *cc, const char *name)
{
	LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = name);
	struct bpf_object *obj = bpf_object__open_mem(cc->obj, cc->obj_len, &oo);

	if (!obj) {
		fprintf(stderr, "%s: open failed: %s\n", name, strerror(errno));
		return NULL;
	}
	if (bpf_object__load(obj)) {
		fprintf(stderr, "%s: load failed\n", name);
		bpf_object__close(obj);
		return NULL;
	}
	if (check_btf_info(obj, name)) {
		bpf_object__close(obj);
		return NULL;
	}
	return obj;
}

static int test_run(struct bpf_object *obj, const char *prog, int *ret)
{
	struct bpf_program *p = bpf_object__find_program_by_name(obj, prog);
	__u64 args[6] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, o, .ctx_in = args, .ctx_size_in = sizeof(args));
	int err;

	if (!p)
		return -ENOENT;
	err = bpf_prog_test_run_opts(bpf_program__fd(p), &o);
	*ret = (int)o.retval;
	return err;
}

static int array_u64(struct bpf_object *obj, const char *map, uint32_t key, uint64_t *v)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, map);

	if (!m)
		return -ENOENT;
	return bpf_map_lookup_elem(bpf_map__fd(m), &key, v);
}

/* v = &map[0] or goto out; the common prologue of the tests */
static vreg_t lookup0(struct dcc *cc, struct ir_func *f, const char *map, int out)
{
	int32_t key = ir_stack_alloc(f, 4, 4);
	vreg_t m = ir_vreg(f), kp = ir_vreg(f), v = ir_vreg(f);
	vreg_t args[2] = { m, kp };

	ir_storei(cc, f, 4, IR_FP, key, 0);
	ir_ld_map(cc, f, m, map);
	ir_mov(cc, f, kp, IR_FP);
	ir_alui(cc, f, BPF_ADD, kp, key);
	ir_call(cc, f, v, BPF_FUNC_map_lookup_elem, 2, args)->text = "map_lookup_elem";
	ir_jcci(cc, f, BPF_JEQ, v, 0, out);
	return v;
}

static void ret0(struct dcc *cc, struct ir_func *f, int out)
{
	ir_place_label(cc, f, out);
	ir_movi(cc, f, IR_R0, 0);
	ir_exit(cc, f);
}

/* ---- counter: tracepoint + per-CPU array, attached ---------------------------------- */

static void build_counter(struct dcc *cc, struct ir_prog *p)
{
	struct ir_func *f = ir_func_new(cc, p, "count_getppid",
					"tracepoint/syscalls/sys_enter_getppid", IR_FN_PROG);
	int out = ir_label(f);
	vreg_t v, c = ir_vreg(f), one = ir_vreg(f);

	ir_map_add(cc, p, "counts", BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 1);
	ir_loc(cc, f, 2);
	v = lookup0(cc, f, "counts", out);
	ir_loc(cc, f, 4);
	ir_comment(cc, f, "@c = count()");
	ir_load(cc, f, 8, c, v, 0);
	ir_movi(cc, f, one, 1);
	ir_alu(cc, f, BPF_ADD, c, one);
	ir_store(cc, f, 8, v, 0, c);
	ret0(cc, f, out);
}

static int test_counter(void)
{
	struct dcc cc;
	struct bpf_object *obj;
	struct bpf_link *link;
	int ncpu = libbpf_num_possible_cpus(), i, fd;
	uint64_t *vals, sum = 0;
	uint32_t key = 0;

	build_counter(&cc, new_prog(&cc));
	CHECK(!backend(&cc), "backend");
	CHECK(!tools_ok(&cc, "counter"), "tools");
	obj = load(&cc, "counter");
	CHECK(obj, "load");
	link = bpf_program__attach(bpf_object__find_program_by_name(obj, "count_getppid"));
	CHECK(link, "attach: %s", strerror(errno));
	for (i = 0; i < 7; i++)
		syscall(SYS_getppid);
	bpf_link__destroy(link);
	fd = bpf_map__fd(bpf_object__find_map_by_name(obj, "counts"));
	vals = calloc(ncpu, sizeof(*vals));
	CHECK(!bpf_map_lookup_elem(fd, &key, vals), "lookup");
	for (i = 0; i < ncpu; i++)
		sum += vals[i];
	free(vals);
	bpf_object__close(obj);
	dcc_fini(&cc);
	CHECK(sum == 7, "counter is %llu, expected 7", (unsigned long long)sum);
	return 0;
}

/* ---- spills: 14 values live across two helper calls ------------------------------------ */

#define NVALS 14

static void build_spills(struct dcc *cc, struct ir_prog *p)
{
	struct ir_func *f = ir_func_new(cc, p, "spills", "raw_tp/sys_enter", IR_FN_PROG);
	int out = ir_label(f), i;
	vreg_t vals[NVALS], t = ir_vreg(f), cpu = ir_vreg(f), v, sum = ir_vreg(f);

	ir_map_add(cc, p, "result", BPF_MAP_TYPE_ARRAY, 4, 8, 1);
	for (i = 0; i < NVALS; i++) {
		vals[i] = ir_vreg(f);
		ir_movi(cc, f, vals[i], (i + 1) * 1000);
		if (i) {
			ir_mov(cc, f, t, vals[i - 1]);
			ir_alui(cc, f, BPF_RSH, t, 10);		/* t = vals[i-1] / 1024 */
			ir_alu(cc, f, BPF_ADD, vals[i], t);
		}
	}
	ir_call(cc, f, cpu, BPF_FUNC_get_smp_processor_id, 0, NULL);
	v = lookup0(cc, f, "result", out);
	ir_movi(cc, f, sum, 0);
	for (i = 0; i < NVALS; i++)
		ir_alu(cc, f, BPF_ADD, sum, vals[i]);
	ir_alu(cc, f, BPF_SUB, sum, cpu);
	ir_alu(cc, f, BPF_ADD, sum, cpu);
	ir_store(cc, f, 8, v, 0, sum);
	ret0(cc, f, out);
	/* the large constant needs ld_imm64 */
	(void)0;
}

static uint64_t spills_expect(void)
{
	uint64_t vals[NVALS], sum = 0;
	int i;

	for (i = 0; i < NVALS; i++) {
		vals[i] = (i + 1) * 1000;
		if (i)
			vals[i] += vals[i - 1] >> 10;
		sum += vals[i];
	}
	return sum;
}

static int test_spills(void)
{
	struct dcc cc;
	struct bpf_object *obj;
	uint64_t v = 0;
	int ret = -1;

	build_spills(&cc, new_prog(&cc));
	CHECK(!backend(&cc), "backend");
	CHECK(cc.ir->funcs->stack_size > 4, "expected spill slots, stack %d",
	      cc.ir->funcs->stack_size);
	CHECK(!tools_ok(&cc, "spills"), "tools");
	obj = load(&cc, "spills");
	CHECK(obj, "load");
	CHECK(!test_run(obj, "spills", &ret) && ret == 0, "test run: ret %d", ret);
	CHECK(!array_u64(obj, "result", 0, &v), "lookup");
	bpf_object__close(obj);
	dcc_fini(&cc);
	CHECK(v == spills_expect(), "sum %llu, expected %llu", (unsigned long long)v,
	      (unsigned long long)spills_expect());
	return 0;
}

/* ---- subprog: r0 = add_big(x, y) in .text ------------------------------------------------ */

static void build_subprog(struct dcc *cc, struct ir_prog *p)
{
	struct ir_func *f = ir_func_new(cc, p, "caller", "raw_tp/sys_enter", IR_FN_PROG);
	struct ir_func *s = ir_func_new(cc, p, "add_big", NULL, IR_FN_SUBPROG);
	int out = ir_label(f);
	vreg_t a = ir_vreg(f), b = ir_vreg(f), r = ir_vreg(f), v, args[2] = { a, b };
	vreg_t y = ir_vreg(s), big = ir_vreg(s);
	struct ir_insn *call;

	ir_map_add(cc, p, "result", BPF_MAP_TYPE_ARRAY, 4, 8, 1);
	/* subprogram: return x + y + 0x100000000 */
	ir_mov(cc, s, y, IR_R1 + 1);
	ir_movi(cc, s, big, 0x100000000ll);
	ir_alu(cc, s, BPF_ADD, big, s->ctx);
	ir_alu(cc, s, BPF_ADD, big, y);
	ir_mov(cc, s, IR_R0, big);
	ir_exit(cc, s);
	/* caller */
	v = lookup0(cc, f, "result", out);
	ir_movi(cc, f, a, 40);
	ir_movi(cc, f, b, 2);
	call = ir_emit(cc, f, IR_CALL_SUB);
	call->dst = r;
	call->sym = "add_big";
	call->nargs = 2;
	memcpy(call->args, args, sizeof(args));
	ir_store(cc, f, 8, v, 0, r);
	ret0(cc, f, out);
}

static int test_subprog(void)
{
	struct dcc cc;
	struct bpf_object *obj;
	uint64_t v = 0;
	int ret = -1;

	build_subprog(&cc, new_prog(&cc));
	CHECK(!backend(&cc), "backend");
	CHECK(!tools_ok(&cc, "subprog"), "tools");
	obj = load(&cc, "subprog");
	CHECK(obj, "load");
	CHECK(!test_run(obj, "caller", &ret) && ret == 0, "test run: ret %d", ret);
	CHECK(!array_u64(obj, "result", 0, &v), "lookup");
	bpf_object__close(obj);
	dcc_fini(&cc);
	CHECK(v == 0x100000000ull + 42, "got %#llx", (unsigned long long)v);
	return 0;
}

/* ---- rodata: a .rodata string through the ring buffer ------------------------------------ */

static const char msg1[] = "hello, world";
static const char msg2[] = "second string";

static void build_rodata(struct dcc *cc, struct ir_prog *p)
{
	struct ir_func *f = ir_func_new(cc, p, "say", "raw_tp/sys_enter", IR_FN_PROG);
	vreg_t rb = ir_vreg(f), d = ir_vreg(f), n = ir_vreg(f), z = ir_vreg(f), r = ir_vreg(f);
	vreg_t args[4] = { rb, d, n, z };
	uint32_t off;

	ir_map_add(cc, p, "events", BPF_MAP_TYPE_RINGBUF, 0, 0, 4096 * 4);
	ir_rodata_add(cc, p, msg1, sizeof(msg1));
	off = ir_rodata_add(cc, p, msg2, sizeof(msg2));
	if (ir_rodata_add(cc, p, "world", 6) != 7)	/* dedup: a suffix of msg1 */
		fprintf(stderr, "rodata dedup failed\n");
	ir_ld_map(cc, f, rb, "events");
	ir_ld_data(cc, f, d, off);
	ir_movi(cc, f, n, sizeof(msg2));
	ir_movi(cc, f, z, 0);
	ir_call(cc, f, r, BPF_FUNC_ringbuf_output, 4, args);
	ir_mov(cc, f, IR_R0, r);
	ir_exit(cc, f);
}

static int got_msg;

static int on_event(void *ctx, void *data, size_t len)
{
	got_msg = len == sizeof(msg2) && !memcmp(data, msg2, len);
	return 0;
}

static int test_rodata(void)
{
	struct dcc cc;
	struct bpf_object *obj;
	struct ring_buffer *rb;
	int ret = -1;

	build_rodata(&cc, new_prog(&cc));
	CHECK(cc.ir->rodata_len == sizeof(msg1) + sizeof(msg2), "rodata dedup");
	CHECK(!backend(&cc), "backend");
	CHECK(!tools_ok(&cc, "rodata"), "tools");
	obj = load(&cc, "rodata");
	CHECK(obj, "load");
	CHECK(!test_run(obj, "say", &ret) && ret == 0, "test run: ret %d", ret);
	rb = ring_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(obj, "events")),
			      on_event, NULL, NULL);
	CHECK(rb, "ring buffer");
	ring_buffer__consume(rb);
	ring_buffer__free(rb);
	bpf_object__close(obj);
	dcc_fini(&cc);
	CHECK(got_msg, "ring buffer record missing or wrong");
	return 0;
}

/* ---- core: CO-RE offsets into struct task_struct ------------------------------------------ */

struct kfield {
	uint32_t id;		/* kernel type id of the struct */
	int idx;		/* member index */
	uint32_t off;		/* byte offset */
	uint32_t type;		/* member type id */
};

static int kfield(const struct btf *b, uint32_t id, const char *name, struct kfield *kf)
{
	const struct btf_type *t = btf__type_by_id(b, id);
	int i;

	for (i = 0; t && i < btf_vlen(t); i++) {
		const struct btf_member *m = btf_members(t) + i;

		if (!strcmp(btf__name_by_offset(b, m->name_off), name)) {
			kf->id = id, kf->idx = i, kf->type = m->type;
			kf->off = btf_member_bit_offset(t, i) / 8;
			return 0;
		}
	}
	return -1;
}

/* p = base + offsetof(...) with a CO-RE relocation; read n bytes at p into
 * the stack slot, load them into a fresh vreg */
static vreg_t core_read(struct dcc *cc, struct ir_func *f, vreg_t base, uint32_t off,
			struct ir_core *core, int n, int32_t slot)
{
	vreg_t p = ir_vreg(f), dst = ir_vreg(f), sz = ir_vreg(f), r = ir_vreg(f);
	vreg_t v = ir_vreg(f), args[3] = { dst, sz, p };

	ir_mov(cc, f, p, base);
	ir_alui(cc, f, BPF_ADD, p, off)->core = core;
	ir_mov(cc, f, dst, IR_FP);
	ir_alui(cc, f, BPF_ADD, dst, slot);
	ir_movi(cc, f, sz, n);
	ir_call(cc, f, r, BPF_FUNC_probe_read_kernel, 3, args);
	ir_load(cc, f, n, v, IR_FP, slot);
	return v;
}

static struct ir_core *mk_core(struct dcc *cc, uint32_t id, const char *access)
{
	struct ir_core *c = dcc_alloc(cc, sizeof(*c));

	c->btf_id = id;
	c->access = dcc_strdup(cc, access);
	c->kind = BPF_CORE_FIELD_BYTE_OFFSET;
	return c;
}

static int build_core(struct dcc *cc, struct ir_prog *p)
{
	struct ir_func *f = ir_func_new(cc, p, "coretest", "raw_tp/sys_enter", IR_FN_PROG);
	struct btf *kb = btf__load_vmlinux_btf();
	struct kfield pid, parent, se, vrt;
	int32_t slot = ir_stack_alloc(f, 8, 8);
	int task_id, out = ir_label(f);
	vreg_t task = ir_vreg(f), v, x, par;
	char acc[64];

	if (!kb || (task_id = btf__find_by_name_kind(kb, "task_struct", BTF_KIND_STRUCT)) < 0 ||
	    kfield(kb, task_id, "pid", &pid) || kfield(kb, task_id, "real_parent", &parent) ||
	    kfield(kb, task_id, "se", &se) || kfield(kb, se.type, "vruntime", &vrt))
		return -1;
	cc->kbtf = kb;
	ir_map_add(cc, p, "result", BPF_MAP_TYPE_ARRAY, 4, 24, 1);
	ir_call(cc, f, task, BPF_FUNC_get_current_task, 0, NULL);
	v = lookup0(cc, f, "result", out);
	snprintf(acc, sizeof(acc), "0:%d", pid.idx);
	x = core_read(cc, f, task, pid.off, mk_core(cc, task_id, acc), 4, slot);
	ir_store(cc, f, 8, v, 0, x);
	snprintf(acc, sizeof(acc), "0:%d", parent.idx);
	par = core_read(cc, f, task, parent.off, mk_core(cc, task_id, acc), 8, slot);
	snprintf(acc, sizeof(acc), "0:%d", pid.idx);
	x = core_read(cc, f, par, pid.off, mk_core(cc, task_id, acc), 4, slot);
	ir_store(cc, f, 8, v, 8, x);
	snprintf(acc, sizeof(acc), "0:%d:%d", se.idx, vrt.idx);
	x = core_read(cc, f, task, se.off + vrt.off, mk_core(cc, task_id, acc), 8, slot);
	ir_store(cc, f, 8, v, 16, x);
	ret0(cc, f, out);
	return 0;
}

static int test_core(void)
{
	struct dcc cc;
	struct bpf_object *obj;
	struct bpf_map *m;
	uint64_t v[3] = { 0 };
	uint32_t key = 0;
	int ret = -1;

	CHECK(!build_core(&cc, new_prog(&cc)), "kernel BTF");
	CHECK(!backend(&cc), "backend");
	CHECK(!tools_ok(&cc, "core"), "tools");
	obj = load(&cc, "core");
	CHECK(obj, "load");
	CHECK(!test_run(obj, "coretest", &ret) && ret == 0, "test run: ret %d", ret);
	m = bpf_object__find_map_by_name(obj, "result");
	CHECK(!bpf_map_lookup_elem(bpf_map__fd(m), &key, v), "lookup");
	bpf_object__close(obj);
	dcc_fini(&cc);		/* frees cc.kbtf */
	CHECK(v[0] == (uint64_t)getpid() && v[1] == (uint64_t)getppid(),
	      "pid %llu ppid %llu, expected %d %d", (unsigned long long)v[0],
	      (unsigned long long)v[1], getpid(), getppid());
	return 0;
}

/* ---- shared: two programs in one section calling one subprogram ------------------------ */

/* a program that stores twice(n) at offset off of result[0] */
static void shared_prog(struct dcc *cc, struct ir_prog *p, const char *name, int n, int off)
{
	struct ir_func *f = ir_func_new(cc, p, name, "raw_tp/sys_enter", IR_FN_PROG);
	int out = ir_label(f);
	vreg_t a = ir_vreg(f), r = ir_vreg(f), v;
	struct ir_insn *call;

	ir_loc(cc, f, 2);
	v = lookup0(cc, f, "result", out);
	ir_loc(cc, f, 4);
	ir_movi(cc, f, a, n);
	call = ir_emit(cc, f, IR_CALL_SUB);
	call->dst = r;
	call->sym = "twice";
	call->nargs = 1;
	call->args[0] = a;
	ir_store(cc, f, 8, v, off, r);
	ret0(cc, f, out);
}

static void build_shared(struct dcc *cc, struct ir_prog *p)
{
	struct ir_func *s;

	ir_map_add(cc, p, "result", BPF_MAP_TYPE_ARRAY, 4, 16, 1);
	shared_prog(cc, p, "first", 21, 0);
	s = ir_func_new(cc, p, "twice", NULL, IR_FN_SUBPROG);
	ir_loc(cc, s, 3);
	ir_alu(cc, s, BPF_ADD, s->ctx, s->ctx);
	ir_mov(cc, s, IR_R0, s->ctx);
	ir_exit(cc, s);
	shared_prog(cc, p, "second", 50, 8);
}

static int test_shared(void)
{
	struct dcc cc;
	struct bpf_object *obj;
	uint64_t v[2] = { 0 };
	uint32_t key = 0;
	int ret = -1;

	build_shared(&cc, new_prog(&cc));
	CHECK(!backend(&cc), "backend");
	CHECK(!tools_ok(&cc, "shared"), "tools");
	obj = load(&cc, "shared");
	CHECK(obj, "load");
	CHECK(!test_run(obj, "first", &ret) && ret == 0, "test run first: ret %d", ret);
	CHECK(!test_run(obj, "second", &ret) && ret == 0, "test run second: ret %d", ret);
	CHECK(!bpf_map_lookup_elem(bpf_map__fd(bpf_object__find_map_by_name(obj, "result")),
				   &key, v), "lookup");
	bpf_object__close(obj);
	dcc_fini(&cc);
	CHECK(v[0] == 42 && v[1] == 100, "got %llu %llu", (unsigned long long)v[0],
	      (unsigned long long)v[1]);
	return 0;
}

/* ---- oflow: too many values live across a call: a clean error ------------------------ */

static int test_oflow(void)
{
	struct dcc cc;
	struct ir_prog *p = new_prog(&cc);
	struct ir_func *f = ir_func_new(&cc, p, "big", "raw_tp/sys_enter", IR_FN_PROG);
	vreg_t v[80], sum = ir_vreg(f), r = ir_vreg(f);
	FILE *saved = stderr;
	int i, rc;

	for (i = 0; i < 80; i++)
		ir_movi(&cc, f, v[i] = ir_vreg(f), i);
	ir_call(&cc, f, r, BPF_FUNC_get_smp_processor_id, 0, NULL);
	ir_movi(&cc, f, sum, 0);
	for (i = 0; i < 80; i++)
		ir_alu(&cc, f, BPF_ADD, sum, v[i]);
	ir_mov(&cc, f, IR_R0, sum);
	ir_exit(&cc, f);
	stderr = fopen("/dev/null", "w");
	rc = backend(&cc);
	fclose(stderr);
	stderr = saved;
	CHECK(rc == -1 && !strcmp(cc.err_tag, "D_STACK_OFLOW"), "expected D_STACK_OFLOW, got %s",
	      cc.err_tag);
	dcc_fini(&cc);
	return 0;
}

/* ---- legal: 64-bit immediates and large offsets through registers ---------------------- */

#define BIGOFF 40008

static void build_legal(struct dcc *cc, struct ir_prog *p)
{
	struct ir_func *f = ir_func_new(cc, p, "legal", "raw_tp/sys_enter", IR_FN_PROG);
	int out = ir_label(f), ok = ir_label(f);
	vreg_t v, x = ir_vreg(f);

	ir_map_add(cc, p, "result", BPF_MAP_TYPE_ARRAY, 4, BIGOFF + 8, 1);
	v = lookup0(cc, f, "result", out);
	ir_movi(cc, f, x, 5);
	ir_alui(cc, f, BPF_ADD, x, 0x100000000ll);
	ir_store(cc, f, 8, v, BIGOFF, x);
	ir_jcci(cc, f, BPF_JEQ, x, 0x100000005ll, ok);
	ir_storei(cc, f, 8, v, 0, 1);
	ir_place_label(cc, f, ok);
	ir_storei(cc, f, 8, v, 8, 2);
	ir_load(cc, f, 8, x, v, BIGOFF);
	ir_store(cc, f, 8, v, 16, x);
	ret0(cc, f, out);
}

static int test_legal(void)
{
	struct dcc cc;
	struct bpf_object *obj;
	uint64_t *v = calloc(1, BIGOFF + 8);
	uint32_t key = 0;
	int ret = -1;

	build_legal(&cc, new_prog(&cc));
	CHECK(!backend(&cc), "backend");
	CHECK(!tools_ok(&cc, "legal"), "tools");
	obj = load(&cc, "legal");
	CHECK(obj, "load");
	CHECK(!test_run(obj, "legal", &ret) && ret == 0, "test run: ret %d", ret);
	CHECK(!bpf_map_lookup_elem(bpf_map__fd(bpf_object__find_map_by_name(obj, "result")),
				   &key, v), "lookup");
	bpf_object__close(obj);
	dcc_fini(&cc);
	ret = v[0] == 0 && v[1] == 2 && v[2] == 0x100000005ull &&
	      v[BIGOFF / 8] == 0x100000005ull;
	free(v);
	CHECK(ret, "wrong values");
	return 0;
}

/* ---- fold: constant folding in peep.c agrees with the BPF semantics ---------------------- */

struct fold_case {
	int64_t a;
	int alu, w32;
	int64_t k;
	uint64_t expect;
};

static const struct fold_case fold_cases[] = {
	{ 6, BPF_LSH, 0, 32, 6ull << 32 },
	{ -6, BPF_ARSH, 0, 1, (uint64_t)-3 },
	{ -6, BPF_ARSH, 1, 1, 0xfffffffdull },
	{ -1, BPF_RSH, 1, 4, 0x0fffffffull },
	{ 0x7fffffff, BPF_ADD, 1, 1, 0x80000000ull },
	{ 0x7fffffff, BPF_ADD, 0, 1, 0x80000000ull },
	{ 5, BPF_SUB, 0, 7, (uint64_t)-2 },
	{ 5, BPF_SUB, 1, 7, 0xfffffffeull },
	{ 0x12345, BPF_MUL, 0, -3, (uint64_t)(0x12345ll * -3) },
	{ 0xf0f0, BPF_XOR, 0, -1, ~0xf0f0ull },
	{ 0xf0f0, BPF_AND, 1, 0xff, 0xf0 },
	{ 1, BPF_OR, 0, -256, (uint64_t)-255 },
};
#define NFOLD (int)(sizeof(fold_cases) / sizeof(fold_cases[0]))

static void build_fold(struct dcc *cc, struct ir_prog *p)
{
	struct ir_func *f = ir_func_new(cc, p, "folds", "raw_tp/sys_enter", IR_FN_PROG);
	int out = ir_label(f), i;
	vreg_t v;

	ir_map_add(cc, p, "result", BPF_MAP_TYPE_ARRAY, 4, NFOLD * 8, 1);
	v = lookup0(cc, f, "result", out);
	for (i = 0; i < NFOLD; i++) {
		vreg_t x = ir_vreg(f);

		ir_movi(cc, f, x, fold_cases[i].a);
		ir_alui(cc, f, fold_cases[i].alu, x, fold_cases[i].k)->w32 = fold_cases[i].w32;
		ir_store(cc, f, 8, v, i * 8, x);
	}
	ret0(cc, f, out);
}

static int test_fold(void)
{
	struct dcc cc;
	struct bpf_object *obj;
	uint64_t v[NFOLD];
	uint32_t key = 0;
	int ret = -1, i;

	build_fold(&cc, new_prog(&cc));
	CHECK(!backend(&cc), "backend");
	CHECK(cc.ir->funcs->ninsns < 14 + 2 * NFOLD, "not folded: %d insns",
	      cc.ir->funcs->ninsns);
	CHECK(!tools_ok(&cc, "fold"), "tools");
	obj = load(&cc, "fold");
	CHECK(obj, "load");
	CHECK(!test_run(obj, "folds", &ret) && ret == 0, "test run: ret %d", ret);
	CHECK(!bpf_map_lookup_elem(bpf_map__fd(bpf_object__find_map_by_name(obj, "result")),
				   &key, v), "lookup");
	bpf_object__close(obj);
	dcc_fini(&cc);
	for (i = 0; i < NFOLD; i++)
		CHECK(v[i] == fold_cases[i].expect, "case %d: %#llx, expected %#llx", i,
		      (unsigned long long)v[i], (unsigned long long)fold_cases[i].expect);
	return 0;
}

/* ---- dscripts: objects of the whole compiler disassemble cleanly ------------------------ */

static const char *const dscripts[] = {
	"BEGIN { x = 1; y = \"s\"; trace(x); trace(y); exit(0); }",
	"syscall::getppid:entry /pid != 0/ { printf(\"%s %d\\n\", execname, pid); }",
	"syscall::getppid:entry { @c[probefunc] = count(); @q = quantize(tid); "
	"@s = sum(1); @m = max(pid); }",
	"BEGIN { printf(\"%d %d %s\\n\", curthread->pid, curthread->real_parent->tgid, "
	"stringof(curthread->comm)); exit(0); }",
	"BEGIN { self->t = timestamp; this->a = 6 * 7; trace(this->a); "
	"trace(self->t > 0 ? 1 : 0); exit(0); }",
};

static int test_dscripts(void)
{
	char path[64];
	size_t i;
	FILE *f;

	for (i = 0; i < sizeof(dscripts) / sizeof(dscripts[0]); i++) {
		struct dcc cc;
		int rc;

		dcc_init(&cc, NULL);
		rc = dcc_compile(&cc, "dscript.d", dscripts[i], strlen(dscripts[i]));
		if (rc)
			dcc_print_error(&cc, stderr);
		snprintf(path, sizeof(path), "/tmp/test_backend_d%zu.o", i);
		f = rc ? NULL : fopen(path, "w");
		if (f && fwrite(cc.obj, 1, cc.obj_len, f) != cc.obj_len)
			rc = -1;
		if (f)
			fclose(f);
		dcc_fini(&cc);
		CHECK(!rc && f, "script %zu does not compile: %s", i, dscripts[i]);
		CHECK(!tools_ok_file("dscript", path), "script %zu: tools", i);
	}
	return 0;
}

/* ---- main ------------------------------------------------------------------------------------ */

static void run(const char *name, int (*fn)(void))
{
	if (fn() == 0) {
		passed++;
		printf("ok   %s\n", name);
	} else {
		failed++;
		printf("FAIL %s\n", name);
	}
}

int main(int argc, char **argv)
{
	libbpf_set_print(libbpf_log);
	run("counter", test_counter);
	run("spills", test_spills);
	run("subprog", test_subprog);
	run("rodata", test_rodata);
	run("core", test_core);
	run("shared", test_shared);
	run("oflow", test_oflow);
	run("legal", test_legal);
	run("fold", test_fold);
	run("dscripts", test_dscripts);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
