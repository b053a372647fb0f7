/* SPDX-License-Identifier: MIT */
/*
 * test_symbols.c -- unit tests of libdload's symbol lookup (symbols.c):
 * the text forms DTrace prints, kernel lookups in a made-up kallsyms file,
 * the frames of the tracing machinery left out of kernel stacks, user
 * lookups in this very process (a function of this program, one of libc),
 * and the merging of aggregation keys by symbol (aggcanon.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

static int npass, nfail;

static void check(const char *name, const char *got, const char *want)
{
	if (got && strcmp(got, want) == 0) {
		npass++;
		return;
	}
	nfail++;
	printf("FAIL %s\n  want: %s\n  got:  %s\n", name, want,
	       got ? got : "(null)");
}

static void check_int(const char *name, long long got, long long want)
{
	char g[32], w[32];

	snprintf(g, sizeof(g), "%lld", got);
	snprintf(w, sizeof(w), "%lld", want);
	check(name, g, w);
}

/* ---- text forms ------------------------------------------------------- */

static void test_format(void)
{
	struct dl_symres r = { "vmlinux", "do_sys_open", 0x1000 };
	char buf[128];

	dl_sym_format(buf, sizeof(buf), &r, 0x101c, true);
	check("format offset", buf, "vmlinux`do_sys_open+0x1c");
	dl_sym_format(buf, sizeof(buf), &r, 0x101c, false);
	check("format no offset", buf, "vmlinux`do_sys_open");
	dl_sym_format(buf, sizeof(buf), &r, 0x1000, true);
	check("format at start", buf, "vmlinux`do_sys_open");
	r.name = NULL;
	dl_sym_format(buf, sizeof(buf), &r, 0x101c, true);
	check("format module only", buf, "vmlinux`0x101c");
	check_int("format unknown rc",
		  dl_sym_format(buf, sizeof(buf), NULL, 0xffff0000, true),
		  -ENOENT);
	check("format unknown", buf, "0xffff0000");
}

/* ---- kernel ------------------------------------------------------------- */

static const char kallsyms[] =
	"0000000000000000 A fixed_percpu_data\n"
	"ffffffff81000000 T _text\n"
	"ffffffff81000000 T startup_64\n"
	"ffffffff81001000 t helper\n"
	"ffffffff81001000 T __helper_alias\n"
	"ffffffff81002000 T do_syscall_64\n"
	"ffffffff81003000 T bpf_trace_run2\n"
	"ffffffff81004000 T __bpf_trace_sys_enter\n"
	"ffffffff81005000 T bpf_prog_test_run_raw_tp\n"
	"ffffffff81006000 D some_data\n"
	"ffffffffc0001000 t ext4_read\t[ext4]\n"
	"ffffffffc0002000 t bpf_prog_0123456789abcdef_dt_c0_p0\t[bpf]\n";

static char *write_tmp(const char *text)
{
	static char path[] = "/tmp/test_symbols.XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return NULL;
	close(fd);
	return path;
}

static void ktext(struct dl_syms *s, const char *name, uint64_t pc,
		  bool offset, const char *want)
{
	char buf[256];

	dl_ksym_text(s, pc, offset, buf, sizeof(buf));
	check(name, buf, want);
}

static void test_kernel(void)
{
	struct dl_syms *s = dl_syms_new();
	char *path = write_tmp(kallsyms);
	uint64_t st1[] = { 0xffffffffc0002010, 0xffffffff81003010,
			   0xffffffff81004008, 0xffffffff81002040, 0 };
	uint64_t st2[] = { 0xffffffffc0002010, 0xffffffff81005020,
			   0xffffffff81002040 };
	uint64_t st3[] = { 0xffffffff81002040, 0xffffffff81001004 };

	if (!s || !path) {
		nfail++;
		printf("FAIL kernel fixture\n");
		return;
	}
	check_int("load", dl_syms_load_kernel(s, path), 0);
	unlink(path);
	ktext(s, "k exact", 0xffffffff81002000, true, "vmlinux`do_syscall_64");
	ktext(s, "k offset", 0xffffffff8100205f, true,
	      "vmlinux`do_syscall_64+0x5f");
	ktext(s, "k sym()", 0xffffffff8100205f, false, "vmlinux`do_syscall_64");
	ktext(s, "k preferred name", 0xffffffff81000010, true,
	      "vmlinux`startup_64+0x10");
	ktext(s, "k global over local", 0xffffffff81001004, true,
	      "vmlinux`__helper_alias+0x4");
	ktext(s, "k data", 0xffffffff81006008, true, "vmlinux`some_data+0x8");
	ktext(s, "k module", 0xffffffffc0001024, true, "ext4`ext4_read+0x24");
	ktext(s, "k below all", 0x1000, true, "0x1000");
	check_int("skip bpf frames", dl_kstack_skip(s, st1, 4), 3);
	check_int("skip test run", dl_kstack_skip(s, st2, 3), 3);
	check_int("skip nothing", dl_kstack_skip(s, st3, 2), 0);
	dl_syms_free(s);
}

/* ---- user ---------------------------------------------------------------- */

__attribute__((noinline, used)) int sym_test_target(int x)
{
	return x * 3 + 1;
}

static void utext(struct dl_syms *s, const char *name, uint64_t pc,
		  bool offset, const char *want)
{
	char buf[256];

	dl_usym_text(s, getpid(), pc, offset, buf, sizeof(buf));
	check(name, buf, want);
}

static void test_user(void)
{
	struct dl_syms *s = dl_syms_new();
	uint64_t fn = (uint64_t)(uintptr_t)&sym_test_target;
	uint64_t lc = (uint64_t)(uintptr_t)&getppid;
	char self[512], want[600], buf[256];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	const char *base;
	void *anon;
	struct dl_symres r;

	if (!s || n <= 0) {
		nfail++;
		printf("FAIL user fixture\n");
		return;
	}
	self[n] = '\0';
	base = strrchr(self, '/') + 1;
	snprintf(want, sizeof(want), "%s`sym_test_target", base);
	utext(s, "u exact", fn, true, want);
	utext(s, "u usym()", fn + 2, false, want);
	snprintf(want, sizeof(want), "%s`sym_test_target+0x2", base);
	utext(s, "u offset", fn + 2, true, want);
	utext(s, "u libc", lc, true, "libc.so.6`getppid");
	check_int("u lookup", dl_usym_lookup(s, getpid(), lc + 1, &r), 0);
	check_int("u lookup addr", (long long)(r.addr == lc), 1);
	anon = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	snprintf(want, sizeof(want), "0x%llx",
		 (unsigned long long)(uintptr_t)anon + 16);
	utext(s, "u anonymous", (uint64_t)(uintptr_t)anon + 16, true, want);
	munmap(anon, 4096);
	dl_usym_text(s, 0, fn, true, buf, sizeof(buf));
	snprintf(want, sizeof(want), "0x%llx", (unsigned long long)fn);
	check("u pid 0", buf, want);
	check_int("note pid", dl_syms_note_pid(s, getpid(), true), 0);
	utext(s, "u after refresh", lc, false, "libc.so.6`getppid");
	dl_syms_free(s);
}

/* ---- merging of keys that print alike (aggcanon.c) ---------------------- */

/* symbols every 0x100 bytes; modules every 0x10000 */
static int fake_canon(void *arg, uint32_t kind, uint64_t pid, uint64_t *pc)
{
	*pc &= kind == DTM_K_MOD ? ~0xffffull : ~0xffull;
	return 0;
}

static size_t fake_skip(void *arg, const uint64_t *pcs, size_t n)
{
	return n && pcs[0] >= 0xc000 ? 1 : 0;	/* "BPF" frames at 0xc000 */
}

static void test_canon(void)
{
	struct dtm_agg agg = { .func = DTM_AGG_COUNT, .nkeys = 2,
			       .key_size = 32, .val_size = 8 };
	struct dtm_aggkey keys[2] = {
		{ .kind = DTM_K_SYM, .offset = 0, .size = 8 },
		{ .kind = DTM_K_STACK, .offset = 8, .size = 24 },
	};
	struct dlo_agginfo ai = { &agg, keys, "", 0, 0 };
	uint64_t k[4][4] = {
		{ 0x1004, 0xc010, 0x2000, 0 },	/* sym 0x1000, stack {0x2000} */
		{ 0x10f0, 0x2000, 0, 0 },	/* the same once canonical */
		{ 0x1104, 0xc020, 0x2000, 0 },	/* another symbol */
		{ 0x1008, 0xc030, 0x2000, 0 },	/* like the first */
	};
	int64_t v[4] = { 1, 2, 4, 8 };
	struct dlo_aggent ents[4];
	struct dlo_ctx c = { .sym_canon = fake_canon, .kstack_skip = fake_skip };
	void *block;
	int n, i;
	int64_t first = -1, other = -1;

	for (i = 0; i < 4; i++)
		ents[i] = (struct dlo_aggent){ k[i], &v[i] };
	n = dlo_agg_canon(&c, &ai, ents, 4, &block);
	check_int("canon count", n, 2);
	for (i = 0; i < n; i++) {
		const uint64_t *key = ents[i].key;

		if (key[0] == 0x1000 && key[1] == 0x2000 && key[2] == 0)
			first = ents[i].val[0];
		else if (key[0] == 0x1100)
			other = ents[i].val[0];
	}
	check_int("canon merged", first, 1 + 2 + 8);
	check_int("canon other", other, 4);
	dlo_agg_canon_free(block);
	c.sym_canon = NULL;
	c.kstack_skip = NULL;
	check_int("canon without callbacks", dlo_agg_canon(&c, &ai, ents, 2,
							    &block), 2);
	check_int("canon no block", block == NULL, 1);
}

int main(void)
{
	test_format();
	test_kernel();
	test_user();
	test_canon();
	printf("test_symbols: %d passed, %d failed\n", npass, nfail);
	return nfail ? 1 : 0;
}
