/* SPDX-License-Identifier: MIT */
/*
 * dcc.c -- the compilation pipeline, error reporting and the arena.
 *
 * dcc_compile() runs every pass in order on one struct dcc.  A pass that
 * finds an error calls dcc_error(), which records the first error and
 * longjmps back here, so passes never check return codes for user errors.
 * All memory a compilation allocates comes from one arena freed by
 * dcc_fini(), so an error at any point leaks nothing.
 */
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "dcc.h"
#include "ir.h"
#include "types.h"

struct arena_blk {
	struct arena_blk *next;
	size_t used, cap;
	max_align_t data[];
};

struct intern {
	struct intern *next;
	char s[];
};

struct dcc_mem {
	struct arena_blk *blk;
	/* interned strings: a hash table that doubles when it gets full */
	struct intern **interned;
	unsigned nbuckets, ninterned;
};

static struct dcc_mem *mem(struct dcc *cc)
{
	return (struct dcc_mem *)cc->mem;
}

void dcc_init(struct dcc *cc, const struct dcc_opts *opts)
{
	memset(cc, 0, sizeof(*cc));
	if (opts)
		cc->opts = *opts;
	cc->warn_out = stderr;
	cc->mem = calloc(1, sizeof(struct dcc_mem));
	if (!cc->mem)
		abort();
}

void dcc_fini(struct dcc *cc)
{
	struct dcc_mem *m = mem(cc);
	struct arena_blk *b, *nb;

	if (!m)
		return;
	btf_in_fini(cc);
	for (b = m->blk; b; b = nb) {
		nb = b->next;
		free(b);
	}
	free(m);
	free(cc->obj);
	btf__free(cc->kbtf);	/* loaded by btf_in.c or core_out.c */
	cc->mem = NULL;
	cc->obj = NULL;
	cc->kbtf = NULL;
}

void *dcc_alloc(struct dcc *cc, size_t n)
{
	struct dcc_mem *m = mem(cc);
	struct arena_blk *b = m->blk;
	size_t a = sizeof(max_align_t);
	void *p;

	n = (n + a - 1) / a * a;
	if (!b || b->used + n > b->cap) {
		size_t cap = n > 65536 ? n : 65536;

		b = malloc(sizeof(*b) + cap);
		if (!b)
			abort();	/* out of memory: nothing sane to do */
		b->cap = cap;
		b->used = 0;
		b->next = m->blk;
		m->blk = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *dcc_strndup(struct dcc *cc, const char *s, size_t n)
{
	char *d = dcc_alloc(cc, n + 1);

	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

char *dcc_strdup(struct dcc *cc, const char *s)
{
	return dcc_strndup(cc, s, strlen(s));
}

static unsigned intern_hash(const char *s)
{
	unsigned h = 0;

	for (; *s; s++)
		h = h * 31 + (unsigned char)*s;
	return h;
}

/* Double the interned-string table (the old one stays in the arena). */
static void intern_grow(struct dcc *cc, struct dcc_mem *m)
{
	unsigned nb = m->nbuckets ? m->nbuckets * 2 : 256, k;
	struct intern **t = dcc_alloc(cc, nb * sizeof(*t)), *i, *next;

	for (k = 0; k < m->nbuckets; k++)
		for (i = m->interned[k]; i; i = next) {
			next = i->next;
			i->next = t[intern_hash(i->s) & (nb - 1)];
			t[intern_hash(i->s) & (nb - 1)] = i;
		}
	m->interned = t;
	m->nbuckets = nb;
}

const char *dcc_intern(struct dcc *cc, const char *s)
{
	struct dcc_mem *m = mem(cc);
	size_t n = strlen(s);
	struct intern *i;
	unsigned h;

	if (m->ninterned >= m->nbuckets)
		intern_grow(cc, m);
	h = intern_hash(s) & (m->nbuckets - 1);
	for (i = m->interned[h]; i; i = i->next)
		if (!strcmp(i->s, s))
			return i->s;
	i = dcc_alloc(cc, sizeof(*i) + n + 1);
	memcpy(i->s, s, n + 1);
	i->next = m->interned[h];
	m->interned[h] = i;
	m->ninterned++;
	return i->s;
}

/* ---- diagnostics -------------------------------------------------------- */

void dcc_verror(struct dcc *cc, struct loc loc, const char *tag,
		const char *fmt, va_list ap)
{
	if (!cc->failed) {
		cc->failed = true;
		snprintf(cc->err_tag, sizeof(cc->err_tag), "%s", tag ? tag : "");
		vsnprintf(cc->err_msg, sizeof(cc->err_msg), fmt, ap);
		cc->err_loc = loc;
	}
	if (cc->err_jmp)
		longjmp(*cc->err_jmp, 1);
	abort();	/* a pass ran outside dcc_compile(): a bug */
}

void dcc_error(struct dcc *cc, struct loc loc, const char *tag,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dcc_verror(cc, loc, tag, fmt, ap);
}

void dcc_warn(struct dcc *cc, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	if (!cc->warn_out)
		return;
	if (cc->warn_dtrace_style) {
		fprintf(cc->warn_out, "dtrace: ");
	} else if (loc.line > 0) {
		fprintf(cc->warn_out, "%s:%d: warning: ",
			loc.file ? loc.file : cc->filename, loc.line);
	} else {
		fprintf(cc->warn_out, "%s: warning: ", cc->filename);
	}
	va_start(ap, fmt);
	vfprintf(cc->warn_out, fmt, ap);
	va_end(ap);
	fputc('\n', cc->warn_out);
}

void dcc_print_error(const struct dcc *cc, FILE *f)
{
	const char *file = cc->err_loc.file ? cc->err_loc.file : cc->filename;

	if (cc->err_loc.line > 0)
		fprintf(f, "%s:%d: ", file, cc->err_loc.line);
	else
		fprintf(f, "%s: ", file);
	if (cc->err_tag[0])
		fprintf(f, "[%s] ", cc->err_tag);
	fprintf(f, "%s\n", cc->err_msg);
}

/* ---- options -------------------------------------------------------------- */

static const struct dcc_option *find_option(const struct dcc *cc, const char *name)
{
	const struct dcc_option *o, *found = NULL;

	for (o = cc->options; o; o = o->next)
		if (!strcmp(o->name, name))
			found = o;
	return found;
}

const char *dcc_option(const struct dcc *cc, const char *name)
{
	const struct dcc_option *o = find_option(cc, name);

	return o ? (o->value ? o->value : "") : NULL;
}

bool dcc_option_set(const struct dcc *cc, const char *name)
{
	return find_option(cc, name) != NULL;
}

/* ---- the pipeline ----------------------------------------------------------- */

static void run_passes(struct dcc *cc)
{
	if (cc->opts.cpp)
		cpp_run(cc);
	cc->prog = parse_program(cc);
	sema_program(cc);
	cg_program(cc);
	regalloc_prog(cc, cc->ir);
	peep_prog(cc, cc->ir);
	emit_bpf_prog(cc, cc->ir);
	emit_elf(cc, cc->ir);
}

int dcc_compile(struct dcc *cc, const char *filename, const char *src,
		size_t len)
{
	jmp_buf jb;

	cc->filename = dcc_intern(cc, filename);
	cc->source = dcc_strndup(cc, src, len);
	cc->source_len = len;
	cc->err_jmp = &jb;
	if (setjmp(jb)) {
		cc->err_jmp = NULL;
		return -1;
	}
	run_passes(cc);
	cc->err_jmp = NULL;
	return 0;
}
