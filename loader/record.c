/* SPDX-License-Identifier: MIT */
/*
 * record.c -- printing one ring-buffer record as DTrace does.
 *
 * In non-quiet mode a record starts with the probe column ("%3d %6d %32s "
 * with CPU, probe id and FUNCTION:NAME, or only "%32s " without CPU and ID
 * columns) after the one-time column header, and ends with a newline.
 * In between, each item of the clause's record tuple is printed by its
 * action (a table of handlers indexed by enum dtm_act): trace() by the kind
 * of its data (a table indexed by enum dtm_kind), printf() through the
 * printf engine, printa() and the side-effect actions through the loader's
 * callbacks.  Every item offset and size is checked against the record
 * length before anything is printed.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

#define DEFAULT_STACKINDENT 14

/* State of the walk over one record. */
struct rec_walk {
	struct dlo_ctx *c;
	const struct dtm_rec *items;
	int nitems;
	const uint8_t *rec;
	size_t len;
};

typedef int (*act_fn)(struct rec_walk *w, int i);
typedef int (*kind_fn)(struct dlo_ctx *c, FILE *out, const struct dtm_rec *r,
		       const void *data);

static const char *mstr(struct dlo_ctx *c, uint32_t off)
{
	const char *s = c->str ? c->str(c->arg, off) : NULL;

	return s ? s : "";
}

static const void *item_data(struct rec_walk *w, int i)
{
	return w->rec + w->items[i].offset;
}

/* ---- raw bytes and strings ---------------------------------------- */

/* tracemem()-style hex dump, as DTrace's dt_print_rawbytes. */
int dlo_print_rawbytes(FILE *out, const void *data, size_t n)
{
	const unsigned char *c = data;
	size_t i, j;

	if (n == 0)
		return 0;
	fprintf(out, "\n%5s      ", "");
	for (i = 0; i < 16; i++)
		fprintf(out, "  %c", "0123456789abcdef"[i]);
	fprintf(out, "  0123456789abcdef\n");
	for (i = 0; i < n; i += 16) {
		fprintf(out, "%5s%5zx:", "", i);
		for (j = i; j < i + 16 && j < n; j++)
			fprintf(out, " %02x", c[j]);
		for (; j % 16; j++)
			fputs("   ", out);
		fputs("  ", out);
		for (j = i; j < i + 16 && j < n; j++)
			fputc(c[j] < ' ' || c[j] > '~' ? '.' : c[j], out);
		fputc('\n', out);
	}
	return 0;
}

static bool printable(unsigned char ch)
{
	return isprint(ch) || isspace(ch) || ch == '\b' || ch == '\a';
}

/* DTrace's dt_print_bytes: a string if it looks like one, else a dump. */
int dlo_print_bytes(FILE *out, const void *data, size_t n, int width,
		    bool quiet)
{
	const char *c = data;
	size_t i, j;

	if (n == 0)
		return 0;
	for (i = 0; i < n && printable((unsigned char)c[i]); i++)
		;
	if (i < n && c[i] == '\0' && i > 0) {
		for (j = i + 1; j < n && c[j] == '\0'; j++)
			;
		if (j == n) {
			if (quiet)
				fputs(c, out);
			else
				fprintf(out, "  %-*s", width, c);
			return 0;
		}
	}
	if (i == n) {
		fprintf(out, "  %-*.*s", width, (int)n, c);
		return 0;
	}
	return dlo_print_rawbytes(out, data, n);
}

/* ---- trace() by kind ---------------------------------------------- */

static int tr_int(struct dlo_ctx *c, FILE *out, const struct dtm_rec *r,
		  const void *data)
{
	static const char *const sfmt[2][9] = {
		{ [1] = " %3d", [2] = " %5d", [4] = " %10d", [8] = " %19lld" },
		{ [1] = "%d", [2] = "%d", [4] = "%d", [8] = "%lld" },
	};
	static const char *const ufmt[2][9] = {
		{ [1] = " %3u", [2] = " %5u", [4] = " %10u", [8] = " %20llu" },
		{ [1] = "%u", [2] = "%u", [4] = "%u", [8] = "%llu" },
	};
	bool sign = r->flags & DTM_RF_SIGNED;
	int64_t v;

	if (dlo_read_int(data, r->size, sign, &v))
		return dlo_print_rawbytes(out, data, r->size);
	if (r->size == 8)
		fprintf(out, (sign ? sfmt : ufmt)[c->quiet][8], v);
	else if (sign)
		fprintf(out, sfmt[c->quiet][r->size], (int)v);
	else
		fprintf(out, ufmt[c->quiet][r->size], (unsigned)v);
	return 0;
}

static int tr_string(struct dlo_ctx *c, FILE *out, const struct dtm_rec *r,
		     const void *data)
{
	size_t n = strnlen(data, r->size);

	if (c->quiet)
		fprintf(out, "%.*s", (int)n, (const char *)data);
	else
		fprintf(out, "  %-33.*s", (int)n, (const char *)data);
	return 0;
}

static int tr_bytes(struct dlo_ctx *c, FILE *out, const struct dtm_rec *r,
		    const void *data)
{
	return dlo_print_rawbytes(out, data, r->size);
}

static int tr_ptr(struct dlo_ctx *c, FILE *out, const struct dtm_rec *r,
		  const void *data)
{
	struct dtm_rec u = *r;

	u.flags &= ~DTM_RF_SIGNED;
	return tr_int(c, out, &u, data);
}

static int tr_stack(struct dlo_ctx *c, FILE *out, const struct dtm_rec *r,
		    const void *data)
{
	return dlo_print_stack_item(c, out, r, data, -1);
}

static uint64_t rd64(const void *p, size_t i)
{
	uint64_t v;

	memcpy(&v, (const char *)p + i * 8, 8);
	return v;
}

static int tr_sym(struct dlo_ctx *c, FILE *out, const struct dtm_rec *r,
		  const void *data)
{
	char buf[512];

	if (r->size < 8)
		return -EINVAL;
	dlo_ksym_str(c, rd64(data, 0), false, buf, sizeof(buf));
	if (r->kind == DTM_K_MOD) {
		char *q = strchr(buf, '`');

		if (q)
			*q = '\0';
	}
	fprintf(out, "  %-50s", buf);
	return 0;
}

static int tr_usym(struct dlo_ctx *c, FILE *out, const struct dtm_rec *r,
		   const void *data)
{
	char buf[512];

	if (r->size < 16)
		return -EINVAL;
	dlo_usym_str(c, rd64(data, 0), rd64(data, 1), r->kind == DTM_K_UADDR,
		     buf, sizeof(buf));
	if (r->kind == DTM_K_UMOD) {
		char *q = strchr(buf, '`');

		if (q)
			*q = '\0';
	}
	fprintf(out, "  %-50s", buf);
	return 0;
}

static const kind_fn kind_table[] = {
	[DTM_K_INT] = tr_int,
	[DTM_K_STRING] = tr_string,
	[DTM_K_BYTES] = tr_bytes,
	[DTM_K_PTR] = tr_ptr,
	[DTM_K_STACK] = tr_stack,
	[DTM_K_USTACK] = tr_stack,
	[DTM_K_SYM] = tr_sym,
	[DTM_K_MOD] = tr_sym,
	[DTM_K_USYM] = tr_usym,
	[DTM_K_UMOD] = tr_usym,
	[DTM_K_UADDR] = tr_usym,
	[DTM_K_FLOAT] = tr_bytes,
};

int dlo_trace_item(struct dlo_ctx *c, FILE *out, const struct dtm_rec *r,
		   const void *data)
{
	kind_fn fn = r->kind < sizeof(kind_table) / sizeof(kind_table[0]) ?
		     kind_table[r->kind] : NULL;

	if (c->rawbytes)
		return dlo_print_rawbytes(out, data, r->size);
	return fn ? fn(c, out, r, data) : dlo_print_rawbytes(out, data, r->size);
}

/* ---- stacks ------------------------------------------------------- */

/* One frame: indent, then the symbol text through fmt ("%s" or the %k
 * conversion's "%60s"...).  fmt comes from the printf engine, which built
 * it from a parsed conversion; it takes exactly one string. */
static void print_frame(FILE *out, int indent, const char *fmt,
			const char *text)
{
	fprintf(out, "%*s", indent, "");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	fprintf(out, fmt, text);
#pragma GCC diagnostic pop
	fputc('\n', out);
}

/* Kernel stack: the pcs up to the first 0, less the leading frames of the
 * tracing machinery (kstack_skip). */
static void print_kstack(struct dlo_ctx *c, FILE *out, const void *data,
			 size_t n, int indent, const char *fmt)
{
	uint64_t pcs[256] = { 0 };
	size_t k = 0, i;
	char buf[512];

	while (k < n && k < sizeof(pcs) / sizeof(pcs[0]) &&
	       (pcs[k] = rd64(data, k)) != 0)
		k++;
	i = c->kstack_skip ? c->kstack_skip(c->arg, pcs, k) : 0;
	for (; i < k; i++) {
		dlo_ksym_str(c, pcs[i], true, buf, sizeof(buf));
		print_frame(out, indent, fmt, buf);
	}
}

/* stack(): a newline, then one frame per line; ustack(): the same after
 * the pid word (nothing at all for a ustack of no frames at all). */
int dlo_print_stack_fmt(struct dlo_ctx *c, FILE *out,
			const struct dtm_rec *rec, const void *data,
			int indent, const char *fmt)
{
	bool user = rec->kind == DTM_K_USTACK;
	size_t n = rec->size / 8, i;
	uint64_t pid = user && n ? rd64(data, 0) : 0;
	char buf[512];

	if (indent < 0)
		indent = c->stackindent_set ? c->stackindent : DEFAULT_STACKINDENT;
	if (!fmt)
		fmt = "%s";
	if (user && n <= 1)
		return 0;
	fputc('\n', out);
	if (!user) {
		print_kstack(c, out, data, n, indent, fmt);
		return 0;
	}
	for (i = 1; i < n; i++) {
		uint64_t pc = rd64(data, i);

		if (pc == 0)
			break;
		dlo_usym_str(c, pid, pc, true, buf, sizeof(buf));
		print_frame(out, indent, fmt, buf);
	}
	return 0;
}

int dlo_print_stack_item(struct dlo_ctx *c, FILE *out,
			 const struct dtm_rec *rec, const void *data,
			 int indent)
{
	return dlo_print_stack_fmt(c, out, rec, data, indent, NULL);
}

/* ---- actions ------------------------------------------------------ */

/* Number of DTM_ACT_ARG items following item i. */
static int count_args(struct rec_walk *w, int i, int want)
{
	int n = 0;

	while (i + 1 + n < w->nitems && w->items[i + 1 + n].action == DTM_ACT_ARG &&
	       (want < 0 || n < want))
		n++;
	return n;
}

static int collect_args(struct rec_walk *w, int first, int n,
			struct dlo_arg **argsp)
{
	struct dlo_arg *args = calloc(n ? n : 1, sizeof(*args));
	int k;

	if (!args)
		return -ENOMEM;
	for (k = 0; k < n; k++) {
		args[k].rec = &w->items[first + k];
		args[k].data = item_data(w, first + k);
	}
	*argsp = args;
	return 0;
}

static int act_none(struct rec_walk *w, int i)
{
	return 1;
}

static int act_trace(struct rec_walk *w, int i)
{
	int err = dlo_trace_item(w->c, w->c->out, &w->items[i], item_data(w, i));

	return err < 0 ? err : 1;
}

/* print(p) of a struct pointer: the pointer, then an ARG item with the
 * pointee's bytes, formatted through the BTF type named by the item. */
static int act_print(struct rec_walk *w, int i)
{
	const struct dtm_rec *it = &w->items[i];
	const struct btf *btf = NULL;
	int32_t id;
	int64_t addr;

	if (count_args(w, i, 1) != 1 || !w->c->btf_type ||
	    w->items[i + 1].kind != DTM_K_BYTES)
		return act_trace(w, i);
	id = w->c->btf_type(w->c->arg, mstr(w->c, it->type), &btf);
	if (id <= 0 || dlo_read_int(item_data(w, i), it->size, false, &addr))
		return act_trace(w, i) < 0 ? -EINVAL : 2;
	if (dlo_print_typed(w->c, w->c->out, btf, id, (uint64_t)addr,
			    item_data(w, i + 1), w->items[i + 1].size))
		return -EINVAL;
	return 2;
}

/* printf(): the arguments of the usual few on the stack (no allocation
 * per record). */
static int act_printf(struct rec_walk *w, int i)
{
	const struct dtm_rec *it = &w->items[i];
	int k, n = count_args(w, i, (int)it->arg);
	struct dlo_arg stack_args[16], *args = stack_args;
	int err;

	if (n > 16 && (err = collect_args(w, i + 1, n, &args)))
		return err;
	for (k = 0; n <= 16 && k < n; k++) {
		args[k].rec = &w->items[i + 1 + k];
		args[k].data = item_data(w, i + 1 + k);
	}
	err = dlo_printf(w->c, mstr(w->c, it->fmt), args, n);
	if (args != stack_args)
		free(args);
	return err < 0 ? err : 1 + n;
}

/* printa(@a, @b...): snapshot every aggregation and join them. */
static int printa_multi(struct dlo_ctx *c, const char *fmt,
			const uint32_t *ids, int n)
{
	struct dlo_agginfo *ais = calloc(n, sizeof(*ais));
	struct dlo_aggent **ents = calloc(n, sizeof(*ents));
	void **cookies = calloc(n, sizeof(*cookies));
	int *ns = calloc(n, sizeof(*ns));
	int i, got = 0, err = 0;

	if (!ais || !ents || !cookies || !ns)
		err = -ENOMEM;
	for (; !err && got < n; got++) {
		ns[got] = c->agg_snapshot(c->arg, ids[got], &ais[got], &ents[got],
					  &cookies[got]);
		if (ns[got] < 0)
			err = ns[got];
	}
	if (!err)
		err = dlo_printa_multi(c, fmt, ais, ents, ns, n);
	for (i = 0; i < got; i++)
		if (ns[i] >= 0 && c->agg_release)
			c->agg_release(c->arg, ents[i], cookies[i]);
	free(ais);
	free(ents);
	free(cookies);
	free(ns);
	return err;
}

static int act_printa(struct rec_walk *w, int i)
{
	const struct dtm_rec *it = &w->items[i];
	const char *fmt = it->fmt ? mstr(w->c, it->fmt) : NULL;
	int k, n = count_args(w, i, -1), err = 0;
	uint32_t *ids;

	if (n > 0 && w->c->agg_snapshot) {
		ids = calloc(n + 1, sizeof(*ids));
		if (!ids)
			return -ENOMEM;
		ids[0] = it->arg;
		for (k = 0; k < n; k++)
			ids[k + 1] = w->items[i + 1 + k].arg;
		err = printa_multi(w->c, fmt, ids, n + 1);
		free(ids);
	} else if (w->c->printa) {
		err = w->c->printa(w->c->arg, w->c, it->arg, fmt);
	}
	return err < 0 ? err : 1 + n;
}

/* Hand a side-effect action to the loader (with system()'s command). */
static int act_effect(struct rec_walk *w, int i)
{
	const struct dtm_rec *it = &w->items[i];
	int n = count_args(w, i, -1);
	char *formatted = NULL;
	struct dlo_arg *args;
	int err;

	err = collect_args(w, i + 1, n, &args);
	if (err)
		return err;
	if (it->action == DTM_ACT_SYSTEM || it->action == DTM_ACT_FREOPEN)
		err = dlo_asprintf(w->c, &formatted, mstr(w->c, it->fmt), args, n);
	free(args);
	if (!err && w->c->action)
		err = w->c->action(w->c->arg, w->c, it, it + 1, n, w->rec,
				   w->len, formatted);
	free(formatted);
	return err < 0 ? err : 1 + n;
}

static int act_stack(struct rec_walk *w, int i)
{
	int err = dlo_print_stack_item(w->c, w->c->out, &w->items[i],
				       item_data(w, i), -1);

	return err < 0 ? err : 1;
}

/* tracemem(addr, size[, dynsize]): an ARG item may limit the size. */
static int act_tracemem(struct rec_walk *w, int i)
{
	const struct dtm_rec *it = &w->items[i];
	int n = count_args(w, i, 1);
	size_t size = it->size;
	int64_t dyn;

	if (n == 1 && !dlo_read_int(item_data(w, i + 1), w->items[i + 1].size,
				     w->items[i + 1].flags & DTM_RF_SIGNED, &dyn) &&
	    dyn >= 0 && (uint64_t)dyn < size)
		size = (size_t)dyn;
	if (size)	/* DTrace prints nothing at all for 0 bytes */
		dlo_print_rawbytes(w->c->out, item_data(w, i), size);
	return 1 + n;
}

static const act_fn act_table[] = {
	[DTM_ACT_NONE] = act_none,
	[DTM_ACT_TRACE] = act_trace,
	[DTM_ACT_PRINTF] = act_printf,
	[DTM_ACT_ARG] = act_none,
	[DTM_ACT_EXIT] = act_effect,
	[DTM_ACT_PRINTA] = act_printa,
	[DTM_ACT_CLEAR] = act_effect,
	[DTM_ACT_TRUNC] = act_effect,
	[DTM_ACT_NORMALIZE] = act_effect,
	[DTM_ACT_DENORMALIZE] = act_effect,
	[DTM_ACT_SETOPT] = act_effect,
	[DTM_ACT_STACK] = act_stack,
	[DTM_ACT_USTACK] = act_stack,
	[DTM_ACT_PRINT] = act_print,
	[DTM_ACT_TRACEMEM] = act_tracemem,
	[DTM_ACT_SYSTEM] = act_effect,
	[DTM_ACT_FREOPEN] = act_effect,
	[DTM_ACT_FTRUNCATE] = act_effect,
	[DTM_ACT_RAISE] = act_effect,
	[DTM_ACT_STOP] = act_effect,
	[DTM_ACT_PRINTM] = act_trace,
};

/* ---- the record --------------------------------------------------- */

int dlo_header(struct dlo_ctx *c)
{
	if (c->header_done)
		return 0;
	c->header_done = true;
	if (c->quiet)
		return 0;
	if (c->no_cpu_id)
		fprintf(c->out, "%32s\n", "FUNCTION:NAME");
	else
		fprintf(c->out, "%3s %6s %32s\n", "CPU", "ID", "FUNCTION:NAME");
	return 0;
}

static void probe_column(struct dlo_ctx *c, const struct dtm_probe *probe,
			 const struct dtm_rec_hdr *h)
{
	const char *prov = NULL, *mod = NULL, *func = NULL, *name = NULL;
	char *col;

	if (!c->probe_name ||
	    c->probe_name(c->arg, h->prid, &prov, &mod, &func, &name) < 0 ||
	    !func || !name) {
		func = probe ? mstr(c, probe->function) : "";
		name = probe ? mstr(c, probe->name) : "";
	}
	if (asprintf(&col, "%s:%s", func, name) < 0)
		return;
	if (c->no_cpu_id)
		fprintf(c->out, "%32s ", col);
	else
		fprintf(c->out, "%3u %6u %32s ", h->cpu, h->prid, col);
	free(col);
}

static int check_items(const struct dtm_rec *items, int nitems, size_t len)
{
	int i;

	for (i = 0; i < nitems; i++) {
		uint64_t end = (uint64_t)items[i].offset + items[i].size;

		if (end > len || items[i].action >= sizeof(act_table) / sizeof(act_table[0]))
			return -EINVAL;
	}
	return 0;
}

int dlo_record(struct dlo_ctx *c, const struct dtm_probe *probe,
	       const struct dtm_clause *cl, const struct dtm_rec *items,
	       int nitems, const void *rec, size_t len)
{
	struct rec_walk w = { c, items, nitems, rec, len };
	struct dtm_rec_hdr h;
	int i, n, err = 0;

	if (!rec || len < sizeof(h) || nitems < 0 || (nitems && !items) ||
	    check_items(items, nitems, len))
		return -EINVAL;
	memcpy(&h, rec, sizeof(h));
	dlo_header(c);
	if (!c->quiet)
		probe_column(c, probe, &h);
	c->any_record = true;
	for (i = 0; i < nitems; i += n) {
		act_fn fn = act_table[items[i].action];

		n = fn ? fn(&w, i) : 1;
		if (n < 0) {
			err = n;
			break;
		}
	}
	if (!c->quiet)
		fputc('\n', c->out);
	return err;
}

int dlo_finish(struct dlo_ctx *c)
{
	fputc('\n', c->out);
	fflush(c->out);
	return 0;
}
