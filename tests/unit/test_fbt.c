/* SPDX-License-Identifier: MIT */
/*
 * test_fbt.c -- the fbt provider on both sides.
 *
 * dcc (compiled in-process):
 *   variants   "fbt::vfs_read:" gives four programs, fentry/kprobe/fexit/
 *              kretprobe, in that order, with DTM_PF_KPROBE/DTM_PF_RETURN,
 *              one clause and one statement; each has its BTF FUNC and a
 *              .BTF.ext func_info record in its section, the kprobe ones
 *              carry CO-RE relocations on struct pt_regs, the fentry ones
 *              call bpf_get_func_arg/bpf_get_func_ret; llvm-objdump -d
 *              disassembles the object cleanly
 *   host       with host_probes, a function this host lacks matches nothing
 * dload (answers forced with dl_fbt_force, stopped before
 * bpf_object__load by calling dl_prepare):
 *   fentry     fentry ok: the fentry/fexit programs are kept, the kprobe
 *              ones get autoload off
 *   kprobe     fentry refused, kprobes there: the other way round, and the
 *              kprobe programs then really load (the verifier takes them)
 *   neither    one line, naming what was found; -Z: a warning, and every
 *              fbt program is off
 *   glob       a glob binds every matching function to the one variant
 *   targets    a glob's fentry program gets its first function as attach
 *              target (dl_fbt_set_targets), so its load reaches the kernel
 *   probe      the unforced kernel answers are consistent with
 *              machine facts (no fentry here means EPERM or the like)
 * Prints "N passed, N failed"; exits non-zero on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <elf.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

#include "dcc.h"
#include "dload/dload.h"
#include "dload/meta.h"
#include "internal.h"
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

static const char *const both_src =
	"fbt::vfs_read: { trace(arg0); trace(arg1); trace(arg7); }\n";

static const struct { const char *sec; uint32_t flags; } want[4] = {
	{ "fentry/vfs_read", 0 },
	{ "kprobe/vfs_read", DTM_PF_KPROBE },
	{ "fexit/vfs_read", DTM_PF_RETURN },
	{ "kretprobe/vfs_read", DTM_PF_RETURN | DTM_PF_KPROBE },
};

static int compile(struct dcc *cc, const char *src)
{
	dcc_init(cc, NULL);
	cc->warn_out = NULL;
	return dcc_compile(cc, "test.d", src, strlen(src)) < 0 ? -1 : 0;
}

static const struct dtm_probe *probes(const struct dcc *cc, uint32_t *n,
				      const char **strs)
{
	const uint8_t *b = cc->ir->meta;
	const struct dtm_header *h = (const void *)b;

	*n = h->tables[DTM_T_PROBE].count;
	*strs = (const char *)b + h->strtab_off;
	return (const void *)(b + h->tables[DTM_T_PROBE].off);
}

/* ---- the object's ELF: .BTF and .BTF.ext --------------------------------- */

static const void *elf_section(const struct dcc *cc, const char *name,
			       size_t *size)
{
	const Elf64_Ehdr *eh = (const void *)cc->obj;
	const Elf64_Shdr *sh = (const void *)(cc->obj + eh->e_shoff);
	const char *names = (const char *)cc->obj + sh[eh->e_shstrndx].sh_offset;

	for (int i = 0; i < eh->e_shnum; i++)
		if (!strcmp(names + sh[i].sh_name, name)) {
			*size = sh[i].sh_size;
			return cc->obj + sh[i].sh_offset;
		}
	return NULL;
}

struct btf_ext_hdr {
	uint16_t magic;
	uint8_t version, flags;
	uint32_t hdr_len;
	uint32_t func_info_off, func_info_len;
	uint32_t line_info_off, line_info_len;
	uint32_t core_relo_off, core_relo_len;
};

/* Records of the .BTF.ext info block (off, len) for section sec: count,
 * and in *recs the first one. */
static int ext_records(const uint8_t *ext, uint32_t off, uint32_t len,
		       const struct btf *btf, const char *sec,
		       const uint32_t **recs, uint32_t *rec_size)
{
	const struct btf_ext_hdr *h = (const void *)ext;
	const uint8_t *p = ext + h->hdr_len + off, *end = p + len;

	*rec_size = *(const uint32_t *)p;
	for (p += 4; p + 8 <= end;) {
		const uint32_t *si = (const void *)p;
		const char *name = btf__name_by_offset(btf, si[0]);

		if (name && !strcmp(name, sec)) {
			*recs = si + 2;
			return (int)si[1];
		}
		p += 8 + (size_t)si[1] * *rec_size;
	}
	return 0;
}

static int check_btf_ext(const struct dcc *cc, const char *sec, bool kprobe)
{
	size_t bsize, esize;
	const void *braw = elf_section(cc, ".BTF", &bsize);
	const uint8_t *ext = elf_section(cc, ".BTF.ext", &esize);
	const struct btf_ext_hdr *h = (const void *)ext;
	struct btf *btf = braw ? btf__new(braw, bsize) : NULL;
	const uint32_t *r = NULL;
	uint32_t rs, ptregs = 0;
	int n, ncore;

	CHECK(btf && ext && h->magic == 0xeB9F, "no .BTF/.BTF.ext");
	n = ext_records(ext, h->func_info_off, h->func_info_len, btf, sec, &r, &rs);
	CHECK(n == 1 && btf_is_func(btf__type_by_id(btf, r[1])),
	      "%s: %d func_info records", sec, n);
	n = ext_records(ext, h->line_info_off, h->line_info_len, btf, sec, &r, &rs);
	CHECK(n >= 1, "%s: no line_info", sec);
	ncore = ext_records(ext, h->core_relo_off, h->core_relo_len, btf, sec, &r, &rs);
	for (int i = 0; i < ncore; i++) {
		const uint32_t *c = (const uint32_t *)((const uint8_t *)r + i * rs);
		const struct btf_type *t = btf__type_by_id(btf, c[1]);

		ptregs += t && !strcmp(btf__name_by_offset(btf, t->name_off), "pt_regs");
	}
	if (kprobe)	/* di, si, dx, cx, r8, r9, sp -- or ax */
		CHECK(ptregs >= (strstr(sec, "ret") ? 1u : 7u),
		      "%s: %u CO-RE relocations on pt_regs", sec, ptregs);
	else
		CHECK(ptregs == 0, "%s: pt_regs relocations in a fentry program", sec);
	btf__free(btf);
	return 0;
}

/* ---- dcc ------------------------------------------------------------------ */

static int calls_helper(const struct ir_func *f, int helper)
{
	const struct bpf_insn *in = f ? f->insns : NULL;

	for (int i = 0; in && i < f->ninsns; i++)
		if (in[i].code == (BPF_JMP | BPF_CALL) && in[i].imm == helper)
			return 1;
	return 0;
}

static const struct ir_func *func_named(const struct dcc *cc, const char *name)
{
	for (const struct ir_func *f = cc->ir->funcs; f; f = f->next)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

static int objdump_clean(const struct dcc *cc)
{
	char path[] = "/tmp/test_fbt_XXXXXX", cmd[256], buf[256];
	int fd = mkstemp(path), bad;
	FILE *p;

	CHECK(fd >= 0 && write(fd, cc->obj, cc->obj_len) == (ssize_t)cc->obj_len,
	      "cannot write %s", path);
	close(fd);
	snprintf(cmd, sizeof(cmd), "llvm-objdump -d %s 2>&1 | grep -icE "
		 "'warning|<unknown>|error'; llvm-objdump -d %s 2>&1 | "
		 "grep -c 'fentry/vfs_read\\|kretprobe/vfs_read'", path, path);
	p = popen(cmd, "r");
	bad = !p || !fgets(buf, sizeof(buf), p) || atoi(buf) != 0 ||
	      !fgets(buf, sizeof(buf), p) || atoi(buf) < 2;
	if (p)
		pclose(p);
	unlink(path);
	CHECK(!bad, "llvm-objdump -d does not disassemble the fbt object cleanly");
	return 0;
}

static int t_variants(void)
{
	struct dcc cc;
	const struct dtm_probe *p;
	const char *s;
	uint32_t n;

	CHECK(!compile(&cc, both_src), "%s", cc.err_msg);
	p = probes(&cc, &n, &s);
	CHECK(n == 4, "%u programs, want 4", n);
	for (uint32_t i = 0; i < 4; i++) {
		const struct ir_func *f = func_named(&cc, s + p[i].prog);

		CHECK(p[i].kind == DTM_PROV_FBT && p[i].flags == want[i].flags,
		      "program %u: kind %u flags %#x", i, p[i].kind, p[i].flags);
		CHECK(p[i].clause == 0 && p[i].stmt == p[0].stmt,
		      "program %u: clause %u stmt %u", i, p[i].clause, p[i].stmt);
		CHECK(f && !strcmp(f->section, want[i].sec), "program %u: section %s",
		      i, f ? f->section : "(none)");
		if (check_btf_ext(&cc, want[i].sec, p[i].flags & DTM_PF_KPROBE))
			return -1;
	}
	CHECK(calls_helper(func_named(&cc, s + p[0].prog), BPF_FUNC_get_func_arg) &&
	      calls_helper(func_named(&cc, s + p[2].prog), BPF_FUNC_get_func_ret) &&
	      calls_helper(func_named(&cc, s + p[1].prog), BPF_FUNC_probe_read_kernel),
	      "argument helpers");
	if (objdump_clean(&cc))
		return -1;
	dcc_fini(&cc);
	return 0;
}

static int t_entry_only(void)
{
	struct dcc cc;
	const struct dtm_probe *p;
	const char *s;
	uint32_t n;

	CHECK(!compile(&cc, "fbt:vmlinux:vfs_*:entry { @[probefunc] = count(); }"),
	      "%s", cc.err_msg);
	p = probes(&cc, &n, &s);
	CHECK(n == 2 && p[0].flags == 0 && p[1].flags == DTM_PF_KPROBE,
	      "%u programs", n);
	CHECK(!strcmp(func_named(&cc, s + p[1].prog)->section, "kprobe/vfs_*"),
	      "glob section");
	dcc_fini(&cc);
	return 0;
}

static int t_host(void)
{
	struct dcc cc;

	dcc_init(&cc, NULL);
	cc.warn_out = NULL;
	cc.opts.host_probes = true;
	CHECK(dcc_compile(&cc, "t.d", "fbt::no_such_function_dcc:entry {}", 34) < 0 &&
	      !strcmp(cc.err_tag, "D_PDESC_ZERO"), "got [%s] %s", cc.err_tag,
	      cc.err_msg);
	dcc_fini(&cc);
	return 0;
}

/* ---- dload's choice --------------------------------------------------------- */

struct run {
	struct dcc cc;
	struct dload_obj *o;
	char *err;
	size_t errlen;
	FILE *errf;
	int rc;
};

/* Compile src, open it with libdload and prepare it with forced answers. */
static int prepare(struct run *r, const char *src, int fentry, int kprobes,
		   bool zdefs)
{
	memset(r, 0, sizeof(*r));
	if (compile(&r->cc, src))
		return -1;
	if (dload_obj__open_mem(r->cc.obj, r->cc.obj_len, NULL, &r->o))
		return -1;
	r->errf = open_memstream(&r->err, &r->errlen);
	r->o->ro.sz = sizeof(r->o->ro);
	r->o->ro.err = r->errf;
	r->o->ro.zdefs = zdefs;
	dl_fbt_force(fentry, EPERM, kprobes);
	r->rc = dl_prepare(r->o);
	fflush(r->errf);
	return 0;
}

static void finish(struct run *r)
{
	dload_obj__close(r->o);
	fclose(r->errf);
	free(r->err);
	dcc_fini(&r->cc);
	dl_fbt_force(DL_FBT_PROBE, 0, DL_FBT_PROBE);
}

/* "1010": autoload of each program, in DTM_T_PROBE order */
static void autoloads(struct run *r, char *buf)
{
	uint32_t i;

	for (i = 0; i < r->o->meta.nprobes; i++)
		buf[i] = bpf_program__autoload(dl_prog(r->o, i)) ? '1' : '0';
	buf[i] = 0;
}

static int t_fentry(void)
{
	struct run r;
	char al[16];

	CHECK(!prepare(&r, both_src, DL_FBT_YES, DL_FBT_NO, false), "prepare");
	autoloads(&r, al);
	CHECK(r.rc == 0 && !strcmp(al, "1010"), "rc %d autoload %s: %s", r.rc,
	      al, dload_obj__errmsg(r.o));
	CHECK(r.o->nbinds == 2 && r.o->ncprobes == 6 &&
	      !strcmp(r.o->cprobes[4].names.func, "vfs_read") &&
	      !strcmp(r.o->cprobes[4].names.mod, "vmlinux"), "binds %u cprobes %u",
	      r.o->nbinds, r.o->ncprobes);
	finish(&r);
	return 0;
}

static int t_kprobe(void)
{
	struct run r;
	char al[16];
	int err;

	CHECK(!prepare(&r, both_src, DL_FBT_NO, DL_FBT_YES, false), "prepare");
	autoloads(&r, al);
	CHECK(r.rc == 0 && !strcmp(al, "0101"), "rc %d autoload %s: %s", r.rc,
	      al, dload_obj__errmsg(r.o));
	err = bpf_object__load(r.o->bpf);	/* the verifier takes them */
	CHECK(!err, "the kprobe programs do not load: %d", err);
	finish(&r);
	return 0;
}

static int t_neither(void)
{
	static const char line[] = "fbt:vmlinux:vfs_read:entry: cannot attach: "
		"fentry programs are refused by this kernel (EPERM) and kprobes "
		"are not configured (no kprobe PMU, no kprobe_events)";
	struct run r;
	char al[16];

	CHECK(!prepare(&r, both_src, DL_FBT_NO, DL_FBT_NO, false), "prepare");
	CHECK(r.rc == -ENOTSUP && !strcmp(dload_obj__errmsg(r.o), line),
	      "rc %d: %s", r.rc, dload_obj__errmsg(r.o));
	CHECK(r.errlen == 0, "printed: %s", r.err);
	finish(&r);
	CHECK(!prepare(&r, "fbt::vfs_read:entry {} BEGIN { exit(0); }",
		       DL_FBT_NO, DL_FBT_NO, true), "prepare -Z");
	autoloads(&r, al);
	CHECK(r.rc == 0 && !strcmp(al, "001"), "-Z: rc %d autoload %s", r.rc, al);
	CHECK(r.err && strstr(r.err, "cannot attach, ignored: fentry programs are refused") &&
	      strchr(r.err, '\n') == r.err + r.errlen - 1 &&
	      !strstr(r.err, "return"), "-Z: %s", r.err ? r.err : "");
	finish(&r);
	return 0;
}

static int t_glob(void)
{
	struct dl_kfuncs k;
	struct run r;
	char al[16];
	uint32_t n;

	CHECK(!dl_kfuncs_get("vmlinux", "vfs_read*", &k) && k.n >= 1,
	      "no vfs_read* in the kernel's functions");
	n = (uint32_t)k.n;
	dl_kfuncs_free(&k);
	CHECK(!prepare(&r, "fbt::vfs_read*:entry { }", DL_FBT_NO, DL_FBT_YES,
		       false), "prepare");
	autoloads(&r, al);
	CHECK(r.rc == 0 && !strcmp(al, "01") && r.o->nbinds == n,
	      "rc %d autoload %s binds %u of %u: %s", r.rc, al, r.o->nbinds, n,
	      dload_obj__errmsg(r.o));
	finish(&r);
	return 0;
}

/* A glob's fentry program loads for its first function (libbpf cannot
 * take "fentry/vfs_read*" as a target): the load gets as far as the
 * kernel (EPERM here), not a libbpf "no such function". */
static int t_targets(void)
{
	struct run r;
	char al[16];
	int err;

	CHECK(!prepare(&r, "fbt::vfs_read*:entry { }", DL_FBT_YES, DL_FBT_NO,
		       false), "prepare");
	autoloads(&r, al);
	CHECK(r.rc == 0 && !strcmp(al, "10"), "rc %d autoload %s", r.rc, al);
	CHECK(!dl_fbt_set_targets(r.o), "%s", dload_obj__errmsg(r.o));
	err = bpf_object__load(r.o->bpf);
	CHECK(err != -ESRCH && err != -ENOENT, "the attach target: %d", err);
	if (getenv("TEST_VERBOSE"))
		fprintf(stderr, "targets: load %d\n", err);
	finish(&r);
	return 0;
}

static int t_probe(void)
{
	int fe = dl_fbt_fentry_probe("vfs_read", "vmlinux", false);
	int fx = dl_fbt_fentry_probe("vfs_read", "vmlinux", true);

	/* either answer is possible; a refusal is a negative errno, cached */
	CHECK(fe <= 0 && fx <= 0, "fentry %d fexit %d", fe, fx);
	CHECK(dl_fbt_fentry_probe("no_such_function_dcc", "vmlinux", false) < 0,
	      "a function without BTF");
	(void)dl_fbt_kprobes_usable();
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
	run("variants", t_variants);
	run("entry only", t_entry_only);
	run("host", t_host);
	if (geteuid() == 0) {
		run("fentry", t_fentry);
		run("kprobe", t_kprobe);
		run("neither", t_neither);
		run("glob", t_glob);
		run("targets", t_targets);
		run("probe", t_probe);
	}
	printf("test_fbt: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
