/* SPDX-License-Identifier: MIT */
/*
 * test_cg.c -- codegen and the metadata section: small D scripts are
 * compiled by the whole dcc pipeline, and the tables of the DTM_SECTION
 * blob (ir_prog.meta) are checked; the objects are then loaded by libbpf
 * (as root) so that the verifier accepts every generated program.
 *
 *   hello     BEGIN + printf + exit: probe, clause and record items
 *   default   an empty clause records the header only (DTM_CF_TRACES)
 *   noout     statements without recording actions: no record
 *   profile   profile-97 / tick-1sec periods and kinds, D_PDESC_ZERO
 *   syscall   entry/return sections and flags, two programs for "read:"
 *   aggs      count/quantize/lquantize tables, keys and map names
 *   options   #pragma D option in DTM_T_OPT
 *   verify    a mix of expressions loads (the verifier accepts it)
 *   core      kernel member accesses carry CO-RE relocations (nested
 *             members share one access string, bitfields get four kinds)
 *   alloca    alloca/bcopy/copyinto load; D_ALLOCA_INCOMPAT, non-alloca
 *             bcopy destination, D_ALLOCA_SIZE are compile errors
 *   keys      integer aggregation keys keep their declared size
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

#include "dcc.h"
#include "dload/meta.h"
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

struct meta {
	const struct dtm_header *h;
	const uint8_t *base;
};

static const void *tab(const struct meta *m, int t, uint32_t *n)
{
	*n = m->h->tables[t].count;
	return m->base + m->h->tables[t].off;
}

static const char *str(const struct meta *m, uint32_t off)
{
	return (const char *)m->base + m->h->strtab_off + off;
}

/* Compile src; 0 and *m on success, -1 with the error printed. */
static int compile(struct dcc *cc, const char *src, struct meta *m)
{
	dcc_init(cc, NULL);
	cc->warn_out = NULL;
	if (dcc_compile(cc, "test.d", src, strlen(src)) < 0)
		return -1;
	m->base = cc->ir->meta;
	m->h = (const struct dtm_header *)m->base;
	return 0;
}

static int load_ok(struct dcc *cc)
{
	struct bpf_object *obj = bpf_object__open_mem(cc->obj, cc->obj_len, NULL);
	int err;

	if (!obj)
		return -1;
	err = bpf_object__load(obj);
	bpf_object__close(obj);
	return err;
}

static int t_hello(void)
{
	struct dcc cc;
	struct meta m;
	uint32_t n;
	const struct dtm_probe *p;
	const struct dtm_clause *c;
	const struct dtm_rec *r;

	CHECK(!compile(&cc, "BEGIN { printf(\"hi %d\\n\", 42); exit(0); }", &m),
	      "%s", cc.err_msg);
	CHECK(m.h->magic == DTM_MAGIC && m.h->major == DTM_MAJOR, "header");
	CHECK(*str(&m, 0) == 0, "strtab offset 0 is not \"\"");
	p = tab(&m, DTM_T_PROBE, &n);
	CHECK(n == 1 && p->kind == DTM_PROV_DTRACE && p->param == DTM_BEGIN,
	      "probe %u kind %u", n, p->kind);
	CHECK(!strcmp(str(&m, p->name), "BEGIN") && !strcmp(str(&m, p->prog), "dt_c0_p0"),
	      "probe names");
	c = tab(&m, DTM_T_CLAUSE, &n);
	CHECK(n == 1 && c->rec_count == 3 && (c->flags & DTM_CF_TRACES), "clause");
	r = tab(&m, DTM_T_REC, &n);
	CHECK(r[0].action == DTM_ACT_PRINTF && r[0].arg == 1 &&
	      !strcmp(str(&m, r[0].fmt), "hi %d\n"), "printf item");
	CHECK(r[1].action == DTM_ACT_ARG && r[1].kind == DTM_K_INT &&
	      r[1].offset >= sizeof(struct dtm_rec_hdr) && r[1].size == 4, "arg item");
	CHECK(r[2].action == DTM_ACT_EXIT && r[2].size == 4, "exit item");
	CHECK(c->size >= r[2].offset + 4 && c->size % 8 == 0, "record size %u", c->size);
	CHECK(load_ok(&cc) == 0, "load");
	dcc_fini(&cc);
	return 0;
}

static int t_default(void)
{
	struct dcc cc;
	struct meta m;
	uint32_t n;
	const struct dtm_clause *c;

	CHECK(!compile(&cc, "BEGIN {} BEGIN { x = 1; }", &m), "%s", cc.err_msg);
	c = tab(&m, DTM_T_CLAUSE, &n);
	CHECK(n == 2, "clauses %u", n);
	CHECK((c[0].flags & DTM_CF_TRACES) && c[0].rec_count == 0 &&
	      c[0].size == sizeof(struct dtm_rec_hdr), "default action");
	CHECK(!(c[1].flags & DTM_CF_TRACES), "no output expected");
	CHECK(load_ok(&cc) == 0, "load");
	dcc_fini(&cc);
	return 0;
}

static int t_profile(void)
{
	struct dcc cc;
	struct meta m;
	uint32_t n;
	const struct dtm_probe *p;

	CHECK(!compile(&cc, "profile-97 {} tick-1sec {} profile:::profile-10ms {}", &m),
	      "%s", cc.err_msg);
	p = tab(&m, DTM_T_PROBE, &n);
	CHECK(n == 3, "probes %u", n);
	CHECK(p[0].kind == DTM_PROV_PROFILE && p[0].param == 1000000000ull / 97,
	      "profile-97: %llu", (unsigned long long)p[0].param);
	CHECK(p[1].kind == DTM_PROV_TICK && p[1].param == 1000000000ull, "tick-1sec");
	CHECK(p[2].param == 10000000ull, "10ms");
	dcc_fini(&cc);
	CHECK(compile(&cc, "profile-1us {}", &m) < 0 &&
	      !strcmp(cc.err_tag, "D_PDESC_ZERO"), "profile-1us must not match");
	CHECK(!strcmp(cc.err_msg, "probe description :::profile-1us does not match any probes"),
	      "message: %s", cc.err_msg);
	dcc_fini(&cc);
	return 0;
}

static int t_syscall(void)
{
	struct dcc cc;
	struct meta m;
	uint32_t n;
	const struct dtm_probe *p;

	CHECK(!compile(&cc, "syscall::write:entry { trace(arg0); } "
		       "syscall::read: { trace(errno); }", &m), "%s", cc.err_msg);
	p = tab(&m, DTM_T_PROBE, &n);
	CHECK(n == 3, "probes %u", n);
	CHECK(p[0].kind == DTM_PROV_SYSCALL && !(p[0].flags & DTM_PF_RETURN), "entry");
	CHECK(p[1].clause == 1 && p[2].clause == 1 && (p[2].flags & DTM_PF_RETURN),
	      "read: gives entry and return");
	CHECK(load_ok(&cc) == 0, "load");
	dcc_fini(&cc);
	return 0;
}

static int t_aggs(void)
{
	struct dcc cc;
	struct meta m;
	uint32_t n, nk;
	const struct dtm_agg *a;
	const struct dtm_aggkey *k;

	CHECK(!compile(&cc, "BEGIN { @c[execname, 1] = count(); @q = quantize(3); "
		       "@l = lquantize(5, 0, 10, 2); @s = sum(1); printa(@c); }", &m),
	      "%s", cc.err_msg);
	a = tab(&m, DTM_T_AGG, &n);
	k = tab(&m, DTM_T_AGGKEY, &nk);
	CHECK(n == 4 && nk == 2, "aggs %u keys %u", n, nk);
	CHECK(a[0].func == DTM_AGG_COUNT && a[0].nkeys == 2 && a[0].val_size == 8 &&
	      !strcmp(str(&m, a[0].map), "dt_agg_0") && !strcmp(str(&m, a[0].name), "c"),
	      "@c");
	CHECK(k[0].kind == DTM_K_STRING && k[1].kind == DTM_K_INT &&
	      k[1].offset >= k[0].size && a[0].key_size % 8 == 0, "keys");
	CHECK(a[1].func == DTM_AGG_QUANTIZE && a[1].val_size == 127 * 8 &&
	      a[1].key_size == 8, "@q");
	CHECK(a[2].func == DTM_AGG_LQUANTIZE && a[2].params[2] == 2 &&
	      a[2].val_size == 7 * 8, "@l %u", a[2].val_size);
	CHECK(load_ok(&cc) == 0, "load");
	dcc_fini(&cc);
	return 0;
}

static int t_options(void)
{
	struct dcc cc;
	struct meta m;
	uint32_t n;
	const struct dtm_opt *o;

	CHECK(!compile(&cc, "#pragma D option quiet\n#pragma D option bufsize=8m\n"
		       "BEGIN { exit(0); }", &m), "%s", cc.err_msg);
	o = tab(&m, DTM_T_OPT, &n);
	CHECK(n == 2 && !strcmp(str(&m, o[0].name), "quiet") &&
	      !strcmp(str(&m, o[1].value), "8m"), "options %u", n);
	dcc_fini(&cc);
	return 0;
}

static int t_verify(void)
{
	struct dcc cc;
	struct meta m;

	CHECK(!compile(&cc,
		       "int x; this int y;\n"
		       "BEGIN { x = -7; this->y = x / 2 + x % 3; trace(this->y);\n"
		       "  s = execname; trace(s == \"dcc\" ? 1 : 0); trace(strlen(s));\n"
		       "  self->t = 1; a[\"k\", 2] = x; trace(a[\"k\", 2] + self->t);\n"
		       "  @m[probename] = max(x); @v = avg(this->y); printf(\"%s %d\\n\", probefunc, pid);\n"
		       "}\n"
		       "syscall::*read:return /errno != 0/ { @e[probefunc] = count(); }\n", &m),
	      "%s", cc.err_msg);
	CHECK(load_ok(&cc) == 0, "verifier rejected the program");
	dcc_fini(&cc);
	return 0;
}

/* the CO-RE relocations of the object: count, and whether one has
 * access `acc` and one has kind `kind` */
static int core_relocs(struct dcc *cc, const char *acc, bool *has_acc,
		       uint32_t kind, bool *has_kind)
{
	const struct ir_func *f;
	int i, n = 0;

	*has_acc = *has_kind = false;
	for (f = cc->ir->funcs; f; f = f->next)
		for (i = 0; i < f->nrelocs; i++) {
			const struct ir_reloc *r = &f->relocs[i];

			if (r->kind != IR_RELOC_CORE)
				continue;
			n++;
			*has_acc |= acc && !strcmp(r->core.access, acc);
			*has_kind |= r->core.kind == kind;
		}
	return n;
}

static int t_core(void)
{
	struct btf *kb = btf__load_vmlinux_btf();
	int id = kb ? btf__find_by_name_kind(kb, "task_struct", BTF_KIND_STRUCT) : -1;
	const struct btf_type *t = id > 0 ? btf__type_by_id(kb, id) : NULL;
	int se = -1, i;
	struct dcc cc;
	struct meta m;
	bool acc, bf;
	char want[32];

	for (i = 0; t && i < btf_vlen(t); i++)
		if (!strcmp(btf__name_by_offset(kb, btf_members(t)[i].name_off), "se"))
			se = i;
	btf__free(kb);
	CHECK(se >= 0, "no task_struct.se in the kernel BTF");
	CHECK(!compile(&cc, "BEGIN { trace(curthread->real_parent->tgid);\n"
		       " trace(curthread->se.vruntime); trace(curthread->in_execve);\n"
		       " trace(stringof(curthread->comm)); trace(ppid); }", &m),
	      "%s", cc.err_msg);
	snprintf(want, sizeof(want), "0:%d:", se);
	CHECK(core_relocs(&cc, NULL, &acc, BPF_CORE_FIELD_LSHIFT_U64, &bf) >= 9 && bf,
	      "relocations");
	core_relocs(&cc, NULL, &acc, BPF_CORE_FIELD_BYTE_SIZE, &bf);
	CHECK(bf, "bitfield byte size relocation");
	{
		const struct ir_func *f;

		acc = false;
		for (f = cc.ir->funcs; f; f = f->next)
			for (i = 0; i < f->nrelocs; i++)
				acc |= f->relocs[i].kind == IR_RELOC_CORE &&
				       !strncmp(f->relocs[i].core.access, want,
						strlen(want));
		CHECK(acc, "se.vruntime: no access %s<vruntime>", want);
	}
	CHECK(load_ok(&cc) == 0, "load");
	dcc_fini(&cc);
	return 0;
}

static int compile_fails(const char *src, const char *tag)
{
	struct dcc cc;
	struct meta m;
	int ok = compile(&cc, src, &m) < 0 && (!strcmp(cc.err_tag, tag) ||
						 strstr(cc.err_msg, tag));

	if (!ok)
		fprintf(stderr, "expected %s, got: [%s] %s\n", tag, cc.err_tag,
			cc.err_msg);
	dcc_fini(&cc);
	return ok ? 0 : -1;
}

static int t_alloca(void)
{
	struct dcc cc;
	struct meta m;

	CHECK(!compile(&cc, "struct foo { int a; char b; int c; } *p;\n"
		       "BEGIN { s = (char *)alloca(16); s[0] = 'a'; s[1] = 0;\n"
		       " trace(stringof(s)); p = alloca(sizeof(struct foo));\n"
		       " p->c = 0x42; trace(p->c); bcopy(execname, s, 8);\n"
		       " n = 4; d = alloca(n); bcopy(s, d, n); trace(*(int *)d); }\n"
		       "syscall::write:entry { q = (char *)alloca(8);\n"
		       " copyinto(arg1, 8, q); trace(q[7]); trace(*(char *)copyin(arg1, 1)); }",
		       &m), "%s", cc.err_msg);
	CHECK(load_ok(&cc) == 0, "verifier rejected the program");
	dcc_fini(&cc);
	CHECK(!compile_fails("BEGIN { a = (char *)alloca(1); }\n"
			     "BEGIN { a = (char *)&curthread->comm[0]; }",
			     "D_ALLOCA_INCOMPAT"), "clash");
	CHECK(!compile_fails("BEGIN { bcopy(execname, (void *)curthread, 1); }",
			     "alloca pointer"), "bcopy destination");
	CHECK(!compile_fails("#pragma D option scratchsize=64\n"
			     "BEGIN { alloca(65); }", "D_ALLOCA_SIZE"), "size");
	return 0;
}

static int t_keys(void)
{
	struct dcc cc;
	struct meta m;
	uint32_t n, nk;
	const struct dtm_aggkey *k;

	CHECK(!compile(&cc, "BEGIN { @a[(char)1, (short)2, 3, 4L] = count(); }", &m),
	      "%s", cc.err_msg);
	tab(&m, DTM_T_AGG, &n);
	k = tab(&m, DTM_T_AGGKEY, &nk);
	CHECK(nk == 4 && k[0].size == 1 && k[1].size == 2 && k[2].size == 4 &&
	      k[3].size == 8 && k[1].offset == 8 && k[3].offset == 24,
	      "key sizes %u %u %u %u", k[0].size, k[1].size, k[2].size, k[3].size);
	CHECK(load_ok(&cc) == 0, "load");
	dcc_fini(&cc);
	return 0;
}

/* an error inside a call's arguments must not leave state behind that
 * changes how the next compilation (same process) checks calls */
static int t_error_state(void)
{
	CHECK(!compile_fails("BEGIN { trace(1, nosuch); }", "D_IDENT_UNDEF"),
	      "undefined variable in arguments");
	CHECK(!compile_fails("BEGIN { exit(); }", "D_PROTO_LEN"),
	      "exit() after an error in call arguments");
	return 0;
}

/* Clause chains (meta.h DTM_MAP_CHAIN): tick/profile programs chain
 * through the perf_event prog array and load; syscall ones have none. */
static int t_chain(void)
{
	struct dcc cc;
	struct meta m;
	struct bpf_object *obj;
	struct bpf_map *pe, *up;

	CHECK(!compile(&cc, "tick-1sec { x = 1; } tick-1sec /x/ { trace(x); } "
		       "profile-97 { @ = count(); }", &m), "%s", cc.err_msg);
	CHECK(m.h->minor >= 1, "minor %u", m.h->minor);
	obj = bpf_object__open_mem(cc.obj, cc.obj_len, NULL);
	CHECK(obj, "open");
	pe = bpf_object__find_map_by_name(obj, DTM_MAP_CHAIN_PE);
	up = bpf_object__find_map_by_name(obj, DTM_MAP_CHAIN);
	bpf_object__close(obj);
	CHECK(pe && !up, "maps %p %p", (void *)pe, (void *)up);
	CHECK(load_ok(&cc) == 0, "load");
	dcc_fini(&cc);
	CHECK(!compile(&cc, "syscall::getppid:entry { trace(1); } "
		       "syscall::getppid:entry { trace(2); }", &m), "%s", cc.err_msg);
	obj = bpf_object__open_mem(cc.obj, cc.obj_len, NULL);
	CHECK(obj, "open");
	pe = bpf_object__find_map_by_name(obj, DTM_MAP_CHAIN_PE);
	up = bpf_object__find_map_by_name(obj, DTM_MAP_CHAIN);
	bpf_object__close(obj);
	CHECK(!pe && !up, "syscall programs chain");
	dcc_fini(&cc);
	return 0;
}

static void run(const char *name, int (*fn)(void))
{
	if (fn() == 0) {
		passed++;
	} else {
		failed++;
		fprintf(stderr, "  in %s\n", name);
	}
}

int main(void)
{
	libbpf_set_print(NULL);
	run("hello", t_hello);
	run("default", t_default);
	run("profile", t_profile);
	run("syscall", t_syscall);
	run("aggs", t_aggs);
	run("options", t_options);
	run("verify", t_verify);
	run("core", t_core);
	run("alloca", t_alloca);
	run("keys", t_keys);
	run("error state", t_error_state);
	run("chain", t_chain);
	printf("test_cg: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
