/* SPDX-License-Identifier: MIT */
/*
 * test_loader.c -- unit tests of libdload: object validation (truncated
 * files, wrong machine, bad magic, unknown major, out-of-range offsets and
 * indices, garbled bytes: always a clean negative errno and a one-line
 * message), option parsing, and an in-kernel end-to-end run of a script
 * compiled with build/dcc when it exists and we are root.
 * Prints "N passed, N failed"; exits non-zero on failure.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dload/dload.h"
#include "dload/meta.h"
#include "internal.h"

static int passed, failed;

#define CHECK(cond, ...) do {						\
	if (cond) passed++;						\
	else { failed++; printf("FAIL %s:%d: ", __FILE__, __LINE__);	\
	       printf(__VA_ARGS__); printf("\n"); }			\
} while (0)

/* ---- a minimal valid object: ELF header, 5 sections, metadata, globals -- */

struct img {
	uint8_t buf[8192];
	size_t len;
	size_t meta_off;	/* offset of DTM_SECTION in buf */
	size_t shoff;
};

struct meta {
	uint8_t b[4096];
	struct dtm_header *h;
	char *str;
};

/* Metadata: BEGIN probe -> clause 0 {printf("%d\n", int)}, aggregation 0. */
static size_t make_meta(uint8_t *out)
{
	struct dtm_header h = { .magic = DTM_MAGIC, .major = DTM_MAJOR,
				.minor = DTM_MINOR, .hdr_size = sizeof(h) };
	static const char strs[] = "\0dt_c0_p0\0dtrace\0BEGIN\0%d\n\0a\0dt_agg_0\0t.d";
	struct dtm_probe p = { .provider = 10, .name = 17, .prog = 1,
			       .clause = 0, .kind = DTM_PROV_DTRACE,
			       .param = DTM_BEGIN };
	struct dtm_clause c = { .rec_first = 0, .rec_count = 2, .size = 24,
				.flags = DTM_CF_TRACES, .line = 3 };
	struct dtm_rec r[2] = {
		{ .action = DTM_ACT_PRINTF, .offset = 16, .fmt = 23, .arg = 1 },
		{ .action = DTM_ACT_ARG, .kind = DTM_K_INT, .offset = 16,
		  .size = 8, .flags = DTM_RF_SIGNED },
	};
	struct dtm_agg a = { .name = 27, .map = 29, .func = DTM_AGG_COUNT,
			     .key_size = 8, .val_size = 8 };
	size_t off = sizeof(h);

#define PUT(t, ptr, n, sz) do {						\
	h.tables[t] = (struct dtm_table_desc){ off, n, sz };		\
	memcpy(out + off, ptr, (size_t)(n) * (sz));			\
	off += ((size_t)(n) * (sz) + 7) & ~7ul;				\
} while (0)
	PUT(DTM_T_PROBE, &p, 1, sizeof(p));
	PUT(DTM_T_CLAUSE, &c, 1, sizeof(c));
	PUT(DTM_T_REC, r, 2, sizeof(r[0]));
	PUT(DTM_T_AGG, &a, 1, sizeof(a));
#undef PUT
	h.strtab_off = off;
	h.strtab_len = sizeof(strs);
	h.source = 38;
	memcpy(out + off, strs, sizeof(strs));
	off += sizeof(strs);
	h.total_size = off;
	memcpy(out, &h, sizeof(h));
	return off;
}

static void add_shdr(struct img *im, int i, uint32_t name, uint32_t type,
		     size_t off, size_t size, uint32_t link, size_t entsize)
{
	Elf64_Shdr sh = { .sh_name = name, .sh_type = type, .sh_offset = off,
			  .sh_size = size, .sh_link = link,
			  .sh_entsize = entsize };

	memcpy(im->buf + im->shoff + i * sizeof(sh), &sh, sizeof(sh));
}

static void make_obj(struct img *im)
{
	static const char shstr[] = "\0.shstrtab\0.strtab\0.symtab\0" DTM_SECTION
				    "\0" DTM_MAP_GLOBALS;
	static const char symstr[] = "\0dt_c0_p0";
	Elf64_Ehdr eh = { .e_type = ET_REL, .e_machine = EM_BPF,
			  .e_version = EV_CURRENT, .e_ehsize = sizeof(eh),
			  .e_shentsize = sizeof(Elf64_Shdr), .e_shnum = 6,
			  .e_shstrndx = 1 };
	Elf64_Sym syms[2] = { { 0 }, { .st_name = 1,
		.st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC) } };
	size_t off = sizeof(eh), o_shstr, o_str, o_sym, mlen, o_glob;
	Elf64_Shdr *gsh;

	memset(im, 0, sizeof(*im));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	o_shstr = off; memcpy(im->buf + off, shstr, sizeof(shstr));
	off += sizeof(shstr);
	o_str = off; memcpy(im->buf + off, symstr, sizeof(symstr));
	off = (off + sizeof(symstr) + 7) & ~7ul;
	o_sym = off; memcpy(im->buf + off, syms, sizeof(syms));
	off += sizeof(syms);
	im->meta_off = off;
	mlen = make_meta(im->buf + off);
	off = (off + mlen + 7) & ~7ul;
	o_glob = off;	/* zero-filled globals */
	off += sizeof(struct dtm_globals_hdr);
	im->shoff = eh.e_shoff = off;
	add_shdr(im, 1, 1, SHT_STRTAB, o_shstr, sizeof(shstr), 0, 0);
	add_shdr(im, 2, 11, SHT_STRTAB, o_str, sizeof(symstr), 0, 0);
	add_shdr(im, 3, 19, SHT_SYMTAB, o_sym, sizeof(syms), 2, sizeof(syms[0]));
	add_shdr(im, 4, 27, SHT_PROGBITS, im->meta_off, mlen, 0, 0);
	add_shdr(im, 5, 28 + sizeof(DTM_SECTION) - 1, SHT_PROGBITS, o_glob,
		 sizeof(struct dtm_globals_hdr), 0, 0);
	gsh = (Elf64_Shdr *)(im->buf + im->shoff + 5 * sizeof(*gsh));
	gsh->sh_flags = SHF_ALLOC | SHF_WRITE;
	memcpy(im->buf, &eh, sizeof(eh));
	im->len = off + 6 * sizeof(Elf64_Shdr);
}

static struct dtm_header *hdr(struct img *im)
{
	return (struct dtm_header *)(im->buf + im->meta_off);
}

/* Open im; returns the error, copies the message. */
static int try_open(struct img *im, char *msg, size_t len)
{
	struct dload_obj *o = NULL;
	int err = dload_obj__open_mem(im->buf, im->len, NULL, &o);

	snprintf(msg, len, "%s", dload_obj__errmsg(o));
	dload_obj__close(o);
	return err;
}

static void expect_err(struct img *im, int want, const char *substr,
		       const char *what)
{
	char msg[1100];
	int err = try_open(im, msg, sizeof(msg));

	CHECK(err < 0 && (!want || err == want) && strstr(msg, substr) &&
	      !strchr(msg, '\n'),
	      "%s: err %d msg '%s' (want %d, '%s')", what, err, msg, want,
	      substr);
}

/* ---- validation tests -------------------------------------------------- */

static void test_valid(void)
{
	struct img im;
	char msg[1100];
	int err;

	make_obj(&im);
	err = try_open(&im, msg, sizeof(msg));
	CHECK(err == 0, "valid object: err %d '%s'", err, msg);
}

static void test_truncated(void)
{
	struct img im;
	int bad = 0;

	make_obj(&im);
	for (size_t n = 0; n < im.len; n++) {
		struct dload_obj *o = NULL;
		int err = dload_obj__open_mem(im.buf, n, NULL, &o);

		if (err >= 0 || !*dload_obj__errmsg(o))
			bad++;
		dload_obj__close(o);
	}
	CHECK(bad == 0, "%d truncated objects accepted", bad);
}

static void test_elf_header(void)
{
	struct img im;

	make_obj(&im);
	im.buf[0] = 0x7e;
	expect_err(&im, -EINVAL, "not an ELF file", "bad ELF magic");
	make_obj(&im);
	((Elf64_Ehdr *)im.buf)->e_machine = EM_X86_64;
	expect_err(&im, -EINVAL, "not a BPF object", "wrong machine");
	make_obj(&im);
	((Elf64_Ehdr *)im.buf)->e_type = ET_EXEC;
	expect_err(&im, -EINVAL, "not a relocatable", "wrong type");
	make_obj(&im);
	im.buf[EI_CLASS] = ELFCLASS32;
	expect_err(&im, -EINVAL, "64-bit", "32-bit class");
	make_obj(&im);
	((Elf64_Ehdr *)im.buf)->e_shoff = 1u << 30;
	expect_err(&im, -EINVAL, "section headers out of bounds", "e_shoff");
	make_obj(&im);
	((Elf64_Ehdr *)im.buf)->e_shstrndx = 9;
	expect_err(&im, -EINVAL, "section name table", "e_shstrndx");
	make_obj(&im);
	add_shdr(&im, 4, 27, SHT_PROGBITS, im.meta_off, 1u << 20, 0, 0);
	expect_err(&im, -EINVAL, "out of bounds", "section size");
	make_obj(&im);
	add_shdr(&im, 4, 9999, SHT_PROGBITS, im.meta_off, 16, 0, 0);
	expect_err(&im, -EINVAL, "bad name", "section name offset");
	make_obj(&im);
	add_shdr(&im, 4, 11, SHT_PROGBITS, im.meta_off, 16, 0, 0);
	expect_err(&im, -ENOENT, "no .dtrace_meta", "no metadata");
	make_obj(&im);
	add_shdr(&im, 5, 11, SHT_PROGBITS, im.shoff - sizeof(struct dtm_globals_hdr),
		 sizeof(struct dtm_globals_hdr), 0, 0);
	expect_err(&im, -ENOENT, "no " DTM_MAP_GLOBALS, "no globals section");
	make_obj(&im);
	((Elf64_Shdr *)(im.buf + im.shoff))[5].sh_flags = SHF_ALLOC;
	expect_err(&im, -EINVAL, "bad " DTM_MAP_GLOBALS, "read-only globals");
	make_obj(&im);
	((Elf64_Shdr *)(im.buf + im.shoff))[5].sh_size = 8;
	expect_err(&im, -EINVAL, "bad " DTM_MAP_GLOBALS, "short globals");
}

static void test_meta_header(void)
{
	struct img im;

	make_obj(&im);
	hdr(&im)->magic = 0x12345678;
	expect_err(&im, -EINVAL, "wrong magic", "bad magic");
	make_obj(&im);
	hdr(&im)->major = DTM_MAJOR + 1;
	hdr(&im)->minor = 0;
	{
		char want[64];

		snprintf(want, sizeof(want), "version %d.0 is not supported",
			 DTM_MAJOR + 1);
		expect_err(&im, -ENOTSUP, want, "major");
	}
	make_obj(&im);	/* a major-1 object had dt_globals in .maps */
	hdr(&im)->major = 1;
	hdr(&im)->minor = 0;
	expect_err(&im, -ENOTSUP, "version 1.0 is not supported", "major 1");
	make_obj(&im);
	hdr(&im)->total_size += 4096;
	expect_err(&im, -EINVAL, "truncated", "total_size");
	make_obj(&im);
	hdr(&im)->strtab_len += 4096;
	expect_err(&im, -EINVAL, "string table", "strtab_len");
	make_obj(&im);
	hdr(&im)->tables[DTM_T_REC].off = 0xfffffff8u;
	expect_err(&im, -EINVAL, "record table out of bounds", "table off");
	make_obj(&im);
	hdr(&im)->tables[DTM_T_REC].count = 0x40000000u;
	expect_err(&im, -EINVAL, "out of bounds", "table count");
	make_obj(&im);
	hdr(&im)->tables[DTM_T_PROBE].entsize = 4096;
	expect_err(&im, -EINVAL, "probe table out of bounds", "entsize");
	make_obj(&im);
	hdr(&im)->tables[DTM_T_CLAUSE].off += 4;
	expect_err(&im, -EINVAL, "clause table", "misaligned table");
}

static void *table(struct img *im, int t, int i)
{
	struct dtm_header *h = hdr(im);

	return im->buf + im->meta_off + h->tables[t].off +
	       (size_t)i * h->tables[t].entsize;
}

static void test_meta_refs(void)
{
	struct img im;

	make_obj(&im);
	((struct dtm_probe *)table(&im, DTM_T_PROBE, 0))->name = 100000;
	expect_err(&im, -EINVAL, "string out of bounds", "string offset");
	make_obj(&im);
	((struct dtm_probe *)table(&im, DTM_T_PROBE, 0))->clause = 7;
	expect_err(&im, -EINVAL, "clause index", "clause index");
	make_obj(&im);
	((struct dtm_probe *)table(&im, DTM_T_PROBE, 0))->kind = 99;
	expect_err(&im, -EINVAL, "provider kind", "provider kind");
	make_obj(&im);
	((struct dtm_clause *)table(&im, DTM_T_CLAUSE, 0))->rec_count = 3;
	expect_err(&im, -EINVAL, "record items out of range", "rec slice");
	make_obj(&im);
	((struct dtm_rec *)table(&im, DTM_T_REC, 1))->offset = 20;
	expect_err(&im, -EINVAL, "outside the record", "item offset");
	make_obj(&im);
	((struct dtm_rec *)table(&im, DTM_T_REC, 1))->size = 0xfffffff0u;
	expect_err(&im, -EINVAL, "outside the record", "item size");
	make_obj(&im);
	((struct dtm_rec *)table(&im, DTM_T_REC, 0))->arg = 5;
	expect_err(&im, -EINVAL, "missing arguments", "printf argc");
	make_obj(&im);
	((struct dtm_rec *)table(&im, DTM_T_REC, 0))->action = DTM_ACT_PRINTA;
	((struct dtm_rec *)table(&im, DTM_T_REC, 0))->arg = 3;
	expect_err(&im, -EINVAL, "aggregation id", "printa id");
	make_obj(&im);
	((struct dtm_agg *)table(&im, DTM_T_AGG, 0))->val_size = 12;
	expect_err(&im, -EINVAL, "value size", "agg value size");
	make_obj(&im);
	((struct dtm_agg *)table(&im, DTM_T_AGG, 0))->nkeys = 2;
	expect_err(&im, -EINVAL, "keys out of range", "agg keys");
	make_obj(&im);
	memcpy(im.buf + im.meta_off + hdr(&im)->strtab_off + 1, "dt_xx", 5);
	expect_err(&im, -EINVAL, "not in the object", "program symbol");
}

/* Random byte changes: never a crash, always 0 or a message. */
static void test_garbled(void)
{
	unsigned seed = 12345;
	int bad = 0;

	for (int iter = 0; iter < 20000; iter++) {
		struct dload_obj *o = NULL;
		struct img im;
		int err;

		make_obj(&im);
		for (int k = 1 + iter % 4; k > 0; k--) {
			seed = seed * 1103515245u + 12345u;
			im.buf[(seed >> 8) % im.len] ^= (uint8_t)(1u << (seed % 8));
		}
		err = dload_obj__open_mem(im.buf, im.len, NULL, &o);
		if (err < 0 && !*dload_obj__errmsg(o))
			bad++;
		dload_obj__close(o);
	}
	CHECK(bad == 0, "%d garbled objects failed without a message", bad);
}

static void test_options(void)
{
	uint64_t v;

	CHECK(!dl_parse_size("4m", &v) && v == 4u << 20, "size 4m");
	CHECK(!dl_parse_size("512", &v) && v == 512, "size 512");
	CHECK(!dl_parse_size("2K", &v) && v == 2048, "size 2K");
	CHECK(dl_parse_size("4x", &v) < 0 && dl_parse_size("", &v) < 0,
	      "bad sizes");
	CHECK(!dl_parse_rate("10hz", &v) && v == 100000000, "rate 10hz");
	CHECK(!dl_parse_rate("50ms", &v) && v == 50000000, "rate 50ms");
	CHECK(!dl_parse_rate("2", &v) && v == 500000000, "rate 2");
	CHECK(dl_parse_rate("0", &v) < 0 && dl_parse_rate("1x", &v) < 0,
	      "bad rates");
}

/* ---- end to end: build/dcc + the kernel --------------------------------- */

/* The dcc of this test's own build tree (B/tests/test_loader -> B/dcc),
 * else build/dcc: the object format must match this libdload's. */
static const char *find_dcc(void)
{
	static char own[4096];
	static const char *const paths[] = { "build/dcc", "../build/dcc",
					     "../../build/dcc" };
	ssize_t n = readlink("/proc/self/exe", own, sizeof(own) - 16);
	char *slash;

	if (n > 0) {
		own[n] = 0;
		if ((slash = strrchr(own, '/')) && (*slash = 0, 1) &&
		    (slash = strrchr(own, '/'))) {
			strcpy(slash, "/dcc");
			if (!access(own, X_OK))
				return own;
		}
	}
	for (size_t i = 0; i < 3; i++)
		if (!access(paths[i], X_OK))
			return paths[i];
	return NULL;
}

static int compile(const char *dcc, const char *src, const char *obj)
{
	char cmd[4800], dpath[] = "/tmp/test_loader_XXXXXX.d";
	int fd = mkstemps(dpath, 2), st;

	if (fd < 0 || write(fd, src, strlen(src)) < 0)
		return -1;
	close(fd);
	snprintf(cmd, sizeof(cmd), "%s -o %s %s 2>/dev/null", dcc, obj, dpath);
	st = system(cmd);
	unlink(dpath);
	return st == 0 ? 0 : -1;
}

/* Run obj with output to a temporary file; returns the status. */
static int run_obj(const char *obj, char *out, size_t outlen)
{
	struct dload_run_opts ro = { .sz = sizeof(ro), .no_cpu_id = true };
	struct dload_obj *o = NULL;
	FILE *f = tmpfile();
	int st;
	size_t n;

	if (!f)
		return -errno;
	ro.out = f;
	st = dload_obj__open(obj, NULL, &o);
	if (!st)
		st = dload_obj__load(o, &ro);
	if (!st && (st = dload_obj__attach(o)) >= 0)
		st = dload_obj__run(o);
	if (st < 0)
		printf("  run: %s\n", dload_obj__errmsg(o));
	dload_obj__close(o);
	rewind(f);
	n = fread(out, 1, outlen - 1, f);
	out[n] = 0;
	fclose(f);
	return st;
}

static void test_end_to_end(void)
{
	const char *dcc = find_dcc();
	const char *obj = "/tmp/test_loader_e2e.bpf.o";
	char out[4096];
	int st;

	if (!dcc || geteuid() != 0) {
		printf("SKIP end-to-end: %s\n", dcc ? "not root" : "no build/dcc");
		return;
	}
	if (compile(dcc, "BEGIN { printf(\"hi %d\\n\", 42); }\n"
			 "tick-50ms { exit(3); }\n", obj)) {
		printf("SKIP end-to-end: dcc cannot compile the test script yet\n");
		return;
	}
	st = run_obj(obj, out, sizeof(out));
	CHECK(st == 3, "end-to-end: status %d", st);
	CHECK(strstr(out, ":BEGIN hi 42") != NULL, "end-to-end output: '%s'", out);
	CHECK(strstr(out, ":tick-50ms") != NULL, "end-to-end tick: '%s'", out);
	unlink(obj);
}

int main(void)
{
	test_valid();
	test_truncated();
	test_elf_header();
	test_meta_header();
	test_meta_refs();
	test_garbled();
	test_options();
	test_end_to_end();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
