/* SPDX-License-Identifier: MIT */
/*
 * printf.c -- DTrace's printf engine for libdload.
 *
 * Expands a D format string against the data items of a record (printf,
 * system, freopen) or against the keys and value of an aggregation entry
 * (printa).  The rules are DTrace's:
 *   - the text between conversions is copied as is;
 *   - flags are emitted in the order '#', '0', '-', '+', '\'', ' ';
 *   - a '*' width/precision consumes an integer argument first (width,
 *     then precision); a negative dynamic width means left alignment;
 *   - a precision is only used when it is > 0 ("%.0s" prints everything);
 *   - size prefixes in the format (h, l, ll, L, w) are dropped: integers
 *     print with "ll" when the argument is 8 bytes wide and without any
 *     size prefix otherwise (1- and 2-byte values are widened to 32 bits);
 *   - %d/%i print unsigned when the argument is unsigned;
 *   - %p prints like %x (no 0x), %a/%A print symbols, %Y/%T times, %S an
 *     escaped string, %@ the value of the aggregation being printed.
 * Each conversion character dispatches through a table of handlers.
 * Speed (one record is one printf in the usual script): the text of one
 * printf is gathered in a buffer and written with one fwrite; the integer
 * conversions and %s are formatted here directly, by printf's own rules
 * (tests/unit/test_output.c compares them with the C library); the rest,
 * and the unusual flags (' and # where it means nothing), go through
 * vfprintf after the buffer is written out.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output.h"

/* One parsed conversion. */
struct pf_conv {
	unsigned flags;		/* PF_* */
	int width;
	int prec;
	char conv;		/* conversion character */
	char lenmod[4];		/* h, l, ll, L, w as written */
};

#define PF_ALT		0x001
#define PF_ZPAD		0x002
#define PF_LEFT		0x004
#define PF_SPOS		0x008
#define PF_GROUP	0x010
#define PF_SPACE	0x020
#define PF_DYNW		0x040
#define PF_DYNP		0x080
#define PF_AGG		0x100

/* Write combining: the text of one printf goes out in one fwrite (one
 * stream lock) instead of one stdio call per piece.  Conversions that
 * still go through vfprintf flush it first, so the order never changes. */
#define PF_BUFSZ 1024

struct pf_buf {
	size_t len;
	char b[PF_BUFSZ];
};

/* Where conversions take their data from. */
struct pf_state {
	struct dlo_ctx *c;
	FILE *out;
	const struct dlo_arg *args;
	int nargs;
	int next;
	const struct dlo_agginfo *ais;	/* printa: the aggregations */
	const int64_t *const *vals;	/* printa: their combined values */
	int naggs;
	int cur;			/* the one the next %@ prints */
	struct pf_buf buf;		/* text not yet written to out */
};

typedef int (*pf_fn)(struct pf_state *st, const struct pf_conv *cv,
		     const char *spec, const struct dlo_arg *a);

/* ---- argument access ---------------------------------------------- */

/* Read an integer item of 1, 2, 4 or 8 bytes, sign- or zero-extended. */
int dlo_read_int(const void *p, uint32_t size, bool sign, int64_t *v)
{
	switch (size) {
	case 1: *v = sign ? (int64_t)*(const int8_t *)p : *(const uint8_t *)p; break;
	case 2: { int16_t s; uint16_t u; memcpy(&s, p, 2); memcpy(&u, p, 2);
		*v = sign ? s : u; break; }
	case 4: { int32_t s; uint32_t u; memcpy(&s, p, 4); memcpy(&u, p, 4);
		*v = sign ? (int64_t)s : (int64_t)u; break; }
	case 8: memcpy(v, p, 8); break;
	default: return -EINVAL;
	}
	return 0;
}

static bool arg_signed(const struct dlo_arg *a)
{
	return a->rec->flags & DTM_RF_SIGNED;
}

static const struct dlo_arg *next_arg(struct pf_state *st)
{
	if (st->next >= st->nargs)
		return NULL;
	return &st->args[st->next++];
}

static int arg_int(struct pf_state *st, int *out)
{
	const struct dlo_arg *a = next_arg(st);
	int64_t v;

	if (!a || dlo_read_int(a->data, a->rec->size, true, &v))
		return -EINVAL;
	*out = (int)v;
	return 0;
}

/* ---- output helpers ----------------------------------------------- */

/* Write out the combined text. */
static int buf_flush(struct pf_state *st)
{
	size_t n = st->buf.len;

	st->buf.len = 0;
	if (n && fwrite(st->buf.b, 1, n, st->out) != n)
		return -EIO;
	return 0;
}

/* Append n bytes (written through at once when they do not fit). */
static int buf_put(struct pf_state *st, const char *s, size_t n)
{
	if (n > PF_BUFSZ - st->buf.len) {
		if (buf_flush(st))
			return -EIO;
		if (n > PF_BUFSZ)
			return fwrite(s, 1, n, st->out) == n ? 0 : -EIO;
	}
	memcpy(st->buf.b + st->buf.len, s, n);
	st->buf.len += n;
	return 0;
}

/* Append n copies of ch. */
static int buf_pad(struct pf_state *st, char ch, size_t n)
{
	while (n) {
		size_t k;

		if (st->buf.len == PF_BUFSZ && buf_flush(st))
			return -EIO;
		k = PF_BUFSZ - st->buf.len;
		if (k > n)
			k = n;
		memset(st->buf.b + st->buf.len, ch, k);
		st->buf.len += k;
		n -= k;
	}
	return 0;
}


static int emit(FILE *out, const char *spec, const char *conv, ...)
{
	char fmt[64];
	va_list ap;
	int n;

	snprintf(fmt, sizeof(fmt), "%s%s", spec, conv);
	va_start(ap, conv);
	n = vfprintf(out, fmt, ap);
	va_end(ap);
	return n < 0 ? -EIO : 0;
}

/* Signed or unsigned integer with DTrace's size rule. */
static int emit_int(FILE *out, const char *spec, char conv, int64_t v,
		    uint32_t size, bool sign)
{
	char cv[4] = { conv, 0 };
	char cvll[4] = { 'l', 'l', conv, 0 };

	if (size == 8)
		return sign ? emit(out, spec, cvll, (long long)v)
			    : emit(out, spec, cvll, (unsigned long long)v);
	return sign ? emit(out, spec, cv, (int)v)
		    : emit(out, spec, cv, (unsigned)v);
}

/* ---- conversion handlers ------------------------------------------ */

static int pf_dint(struct pf_state *st, const struct pf_conv *cv,
		   const char *spec, const struct dlo_arg *a)
{
	bool sign = arg_signed(a);
	int64_t v;

	if (a->rec->kind == DTM_K_STRING || dlo_read_int(a->data, a->rec->size, sign, &v))
		return -EINVAL;
	return emit_int(st->out, spec, sign ? cv->conv : 'u', v, a->rec->size, sign);
}

static int pf_uint(struct pf_state *st, const struct pf_conv *cv,
		   const char *spec, const struct dlo_arg *a)
{
	char conv = cv->conv == 'p' ? 'x' : cv->conv;
	int64_t v;

	if (a->rec->kind == DTM_K_STRING || dlo_read_int(a->data, a->rec->size, false, &v))
		return -EINVAL;
	return emit_int(st->out, spec, conv, v, a->rec->size, false);
}

static int pf_char(struct pf_state *st, const struct pf_conv *cv,
		   const char *spec, const struct dlo_arg *a)
{
	int64_t v;

	if (dlo_read_int(a->data, a->rec->size, true, &v))
		return -EINVAL;
	return emit(st->out, spec, "c", (int)v);
}

static int pf_float(struct pf_state *st, const struct pf_conv *cv,
		    const char *spec, const struct dlo_arg *a)
{
	char conv[2] = { cv->conv, 0 };
	double d;
	float f;

	if (a->rec->size == sizeof(double) && a->rec->kind == DTM_K_FLOAT) {
		memcpy(&d, a->data, sizeof(d));
	} else if (a->rec->size == sizeof(float) && a->rec->kind == DTM_K_FLOAT) {
		memcpy(&f, a->data, sizeof(f));
		d = f;
	} else {
		int64_t v;

		if (dlo_read_int(a->data, a->rec->size, arg_signed(a), &v))
			return -EINVAL;
		d = (double)v;
	}
	return emit(st->out, spec, conv, d);
}

/* Copy a string item into a NUL-terminated buffer (caller frees). */
static char *arg_str(const struct dlo_arg *a)
{
	char *s = malloc(a->rec->size + 1);

	if (!s)
		return NULL;
	memcpy(s, a->data, a->rec->size);
	s[a->rec->size] = '\0';
	return s;
}

static int pf_str(struct pf_state *st, const struct pf_conv *cv,
		  const char *spec, const struct dlo_arg *a)
{
	char *s;
	int err;

	if (a->rec->kind != DTM_K_STRING && a->rec->kind != DTM_K_BYTES)
		return -EINVAL;
	s = arg_str(a);
	if (!s)
		return -ENOMEM;
	err = emit(st->out, spec, "s", s);
	free(s);
	return err;
}

/* DTrace's escaping of a string for %S. */
char *dlo_str_escape(const char *s, size_t n)
{
	static const char esc_from[] = "\a\b\f\n\r\t\v\"\\";
	static const char esc_to[] = "abfnrtv\"\\";
	char *buf = malloc(n * 4 + 1), *q = buf;
	size_t i;

	if (!buf)
		return NULL;
	for (i = 0; i < n && s[i]; i++) {
		const char *e = strchr(esc_from, s[i]);
		unsigned char ch = (unsigned char)s[i];

		if (e) {
			*q++ = '\\';
			*q++ = esc_to[e - esc_from];
		} else if (ch < ' ' || ch > '~') {
			q += sprintf(q, "\\%03o", ch);
		} else {
			*q++ = s[i];
		}
	}
	*q = '\0';
	return buf;
}

static int pf_estr(struct pf_state *st, const struct pf_conv *cv,
		   const char *spec, const struct dlo_arg *a)
{
	char *s;
	int err;

	if (a->rec->kind == DTM_K_STRING || a->rec->kind == DTM_K_BYTES) {
		s = dlo_str_escape(a->data, a->rec->size);
	} else {
		int64_t v;
		char ch;

		if (dlo_read_int(a->data, a->rec->size, true, &v))
			return -EINVAL;
		ch = (char)v;
		s = ch ? dlo_str_escape(&ch, 1) : strdup("\\0");
	}
	if (!s)
		return -ENOMEM;
	err = emit(st->out, spec, "s", s);
	free(s);
	return err;
}

/* Kernel address -> "mod`sym+0x..", or hex. */
void dlo_ksym_str(struct dlo_ctx *c, uint64_t pc, bool offset, char *buf,
		  size_t len)
{
	if (c->ksym && c->ksym(c->arg, pc, offset, buf, len) == 0)
		return;
	snprintf(buf, len, "0x%llx", (unsigned long long)pc);
}

void dlo_usym_str(struct dlo_ctx *c, uint64_t pid, uint64_t pc, bool offset,
		  char *buf, size_t len)
{
	if (c->usym && c->usym(c->arg, pid, pc, offset, buf, len) == 0)
		return;
	snprintf(buf, len, "0x%llx", (unsigned long long)pc);
}

static int pf_addr(struct pf_state *st, const struct pf_conv *cv,
		   const char *spec, const struct dlo_arg *a)
{
	char buf[256];
	int64_t v;

	if (dlo_read_int(a->data, a->rec->size, false, &v))
		return -EINVAL;
	dlo_ksym_str(st->c, (uint64_t)v, true, buf, sizeof(buf));
	return emit(st->out, spec, "s", buf);
}

static int pf_uaddr(struct pf_state *st, const struct pf_conv *cv,
		    const char *spec, const struct dlo_arg *a)
{
	uint64_t pid = 0, pc;
	char buf[256];
	int64_t v;

	if (a->rec->size == 16 || a->rec->size == 24) {
		memcpy(&pid, (const char *)a->data + a->rec->size - 16, 8);
		memcpy(&pc, (const char *)a->data + a->rec->size - 8, 8);
	} else {
		if (dlo_read_int(a->data, a->rec->size, false, &v))
			return -EINVAL;
		pc = (uint64_t)v;
	}
	if (!pid)		/* a bare address: in $target, as DTrace */
		pid = st->c->target_pid;
	dlo_usym_str(st->c, pid, pc, true, buf, sizeof(buf));
	return emit(st->out, spec, "s", buf);
}

static int pf_time(struct pf_state *st, const struct pf_conv *cv,
		   const char *spec, const struct dlo_arg *a)
{
	char src[32], buf[32];
	int64_t v;
	time_t sec;

	if (dlo_read_int(a->data, a->rec->size, false, &v))
		return -EINVAL;
	sec = (time_t)((uint64_t)v / 1000000000ULL);
	if (!ctime_r(&sec, src))
		return -EINVAL;
	/* "Wed Dec  3 17:20:00 1973\n" -> "1973 Dec  3 17:20:00" */
	snprintf(buf, sizeof(buf), "%.4s%.16s", src + 20, src + 3);
	return emit(st->out, spec, "s", buf);
}

static int pf_time822(struct pf_state *st, const struct pf_conv *cv,
		      const char *spec, const struct dlo_arg *a)
{
	char buf[64];
	struct tm tm;
	int64_t v;
	time_t sec;

	if (dlo_read_int(a->data, a->rec->size, false, &v))
		return -EINVAL;
	sec = (time_t)((uint64_t)v / 1000000000ULL);
	localtime_r(&sec, &tm);
	strftime(buf, sizeof(buf), "%a, %d %b %G %T %Z", &tm);
	return emit(st->out, spec, "s", buf);
}

/* %k: as DTrace, a left-aligned width is also the indent of the frames,
 * and every frame goes through the conversion's own format ("%-20s"). */
static int pf_stack(struct pf_state *st, const struct pf_conv *cv,
		    const char *spec, const struct dlo_arg *a)
{
	size_t nflags = strspn(spec + 1, "#0-+' ");
	bool left = memchr(spec + 1, '-', nflags) != NULL;
	int indent = left ? atoi(spec + 1 + nflags) : 0;	/* resolved %*k */
	char fmt[64];

	if (a->rec->kind != DTM_K_STACK && a->rec->kind != DTM_K_USTACK)
		return -EINVAL;
	snprintf(fmt, sizeof(fmt), "%ss", spec);
	return dlo_print_stack_fmt(st->c, st->out, a->rec, a->data, indent,
				   fmt);
}

static const pf_fn pf_table[128] = {
	['d'] = pf_dint, ['i'] = pf_dint,
	['u'] = pf_uint, ['o'] = pf_uint, ['x'] = pf_uint, ['X'] = pf_uint,
	['p'] = pf_uint,
	['c'] = pf_char,
	['e'] = pf_float, ['E'] = pf_float, ['f'] = pf_float,
	['g'] = pf_float, ['G'] = pf_float,
	['s'] = pf_str, ['S'] = pf_estr, ['C'] = pf_estr,
	['a'] = pf_addr, ['A'] = pf_uaddr,
	['Y'] = pf_time, ['T'] = pf_time822,
	['k'] = pf_stack,
};

/* ---- direct formatting of the common conversions ------------------ */

/* Flags that change what a conversion prints. */
#define PF_OUTFLAGS	(PF_ALT | PF_ZPAD | PF_LEFT | PF_SPOS | PF_GROUP | PF_SPACE)
/* Widths beyond this go through vfprintf (its limits and errors). */
#define PF_FAST_WMAX	65536

/* A resolved integer conversion: what printf would be given. */
struct pf_int {
	char conv;		/* d, u, o, x or X */
	bool neg;		/* signed conversion of a negative value */
	uint64_t mag;		/* magnitude */
};

/* Digits of v in the conversion's base, right-aligned before end (24
 * bytes are enough); the number of digits.  Constant divisors: the
 * compiler turns them into multiplications and shifts. */
static size_t int_digits(char *end, const struct pf_int *v)
{
	const char *xd = v->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	uint64_t m = v->mag;
	char *d = end;

	if (v->conv == 'x' || v->conv == 'X')
		do *--d = xd[m & 15]; while ((m >>= 4));
	else if (v->conv == 'o')
		do *--d = (char)('0' + (m & 7)); while ((m >>= 3));
	else
		do *--d = (char)('0' + m % 10); while ((m /= 10));
	return (size_t)(end - d);
}

/* printf's rules for "%<flags><width>[.<prec>]<conv>" of an integer:
 * prefix (sign or 0x), precision zeros, digits, then the padding: spaces
 * on the left, zeros after the prefix ('0' without a precision) or spaces
 * on the right ('-', which wins over '0'). */
static int put_int(struct pf_state *st, unsigned flags, size_t width,
		   int prec, const struct pf_int *v)
{
	char dig[24], pre[2];
	size_t nd = int_digits(dig + sizeof(dig), v), npre = 0, zeros, total, pad;
	bool left = flags & PF_LEFT;
	int err;

	if (v->conv == 'd')
		pre[0] = v->neg ? '-' : flags & PF_SPOS ? '+' : ' ',
		npre = v->neg || (flags & (PF_SPOS | PF_SPACE));
	else if ((flags & PF_ALT) && v->mag && (v->conv == 'x' || v->conv == 'X'))
		pre[0] = '0', pre[1] = v->conv, npre = 2;
	zeros = prec > 0 && (size_t)prec > nd ? (size_t)prec - nd : 0;
	if ((flags & PF_ALT) && v->conv == 'o' && !zeros &&
	    dig[sizeof(dig) - nd] != '0')
		zeros = 1;
	total = npre + zeros + nd;
	pad = width > total ? width - total : 0;
	if (!left && !((flags & PF_ZPAD) && prec <= 0))
		err = buf_pad(st, ' ', pad), pad = 0;
	else if (!left)
		zeros += pad, pad = 0;
	err = buf_put(st, pre, npre);
	err = err ? err : buf_pad(st, '0', zeros);
	err = err ? err : buf_put(st, dig + sizeof(dig) - nd, nd);
	return err ? err : buf_pad(st, ' ', pad);
}

/* The integer conversions as pf_dint/pf_uint do them: 1 if printed
 * here, 0 to leave it to them (unusual flags), -EINVAL for a bad arg. */
static int fast_int(struct pf_state *st, const struct pf_conv *cv,
		    unsigned flags, size_t width, int prec,
		    const struct dlo_arg *a)
{
	bool sign = (cv->conv == 'd' || cv->conv == 'i') && arg_signed(a);
	struct pf_int v = { .conv = cv->conv == 'p' ? 'x' : cv->conv };
	uint32_t size = a->rec->size;
	int64_t x;
	int err;

	if ((flags & PF_GROUP) || ((flags & PF_ALT) && strchr("diu", v.conv)))
		return 0;
	if (a->rec->kind == DTM_K_STRING || dlo_read_int(a->data, size, sign, &x))
		return -EINVAL;
	if (v.conv == 'i' || v.conv == 'd')
		v.conv = sign ? 'd' : 'u';
	if (sign) {
		x = size == 8 ? x : (int32_t)x;
		v.neg = x < 0;
		v.mag = v.neg ? -(uint64_t)x : (uint64_t)x;
	} else {
		v.mag = size == 8 ? (uint64_t)x : (uint32_t)x;
	}
	err = put_int(st, flags, width, prec, &v);
	return err ? err : 1;
}

/* %s of a string: at most prec bytes up to the NUL, padded to width. */
static int fast_str(struct pf_state *st, unsigned flags, size_t width,
		    int prec, const struct dlo_arg *a)
{
	size_t n, pad;
	int err;

	if ((flags & ~PF_LEFT) ||
	    (a->rec->kind != DTM_K_STRING && a->rec->kind != DTM_K_BYTES))
		return 0;
	n = strnlen(a->data, a->rec->size);
	if (prec > 0 && n > (size_t)prec)
		n = (size_t)prec;
	pad = width > n ? width - n : 0;
	if (!(flags & PF_LEFT) && (err = buf_pad(st, ' ', pad)))
		return err;
	if ((err = buf_put(st, a->data, n)))
		return err;
	if ((flags & PF_LEFT) && (err = buf_pad(st, ' ', pad)))
		return err;
	return 1;
}

/* The conversions printed without vfprintf: 1 if done, 0 if not, or
 * -errno.  width and prec as resolved (a negative width: '-'). */
static int fast_conv(struct pf_state *st, const struct pf_conv *cv,
		     int width, int prec, const struct dlo_arg *a)
{
	unsigned flags = cv->flags & PF_OUTFLAGS;
	size_t w;

	if (width < -PF_FAST_WMAX || width > PF_FAST_WMAX)
		return 0;
	if (width < 0)
		flags |= PF_LEFT;
	w = (size_t)abs(width);
	if (flags & PF_LEFT)
		flags &= ~PF_ZPAD;
	switch (cv->conv) {
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p':
		return fast_int(st, cv, flags, w, prec, a);
	case 's':
		return fast_str(st, flags, w, prec, a);
	default:
		return 0;
	}
}

/* ---- %@: the aggregation value ------------------------------------ */

static int pf_aggval(struct pf_state *st, const struct pf_conv *cv,
		     const char *spec)
{
	const struct dlo_agginfo *ai = &st->ais[st->cur];
	const struct dtm_agg *agg = ai->agg;
	uint64_t normal = ai->normal ? ai->normal : 1;
	const int64_t *d = st->vals[st->cur];
	bool sign = agg->func != DTM_AGG_COUNT;
	char conv = cv->conv;
	int64_t v;

	switch (agg->func) {
	case DTM_AGG_QUANTIZE:
	case DTM_AGG_LQUANTIZE:
	case DTM_AGG_LLQUANTIZE:
		return dlo_print_hist(st->c, st->out, ai, d);
	case DTM_AGG_AVG:	/* DTrace divides unsigned here */
		v = d[0] ? (int64_t)((uint64_t)d[1] / normal / (uint64_t)d[0]) : 0;
		sign = false;
		break;
	case DTM_AGG_STDDEV:
		v = (int64_t)dlo_stddev(d, normal);
		sign = false;
		break;
	default:
		v = dlo_agg_scalar(agg, d);
		v = sign ? v / (int64_t)normal : (int64_t)((uint64_t)v / normal);
		break;
	}
	if ((conv == 'd' || conv == 'i') && !sign)
		conv = 'u';
	if (conv == 'c')
		return emit(st->out, spec, "c", (int)v);
	if (!strchr("diouxXp", conv))
		return -EINVAL;
	if (conv == 'p')
		conv = 'x';
	return emit_int(st->out, spec, conv, v, 8, sign);
}

/* Each %@ takes the next aggregation; extra ones repeat the last. */
static int pf_aggval_next(struct pf_state *st, const struct pf_conv *cv,
			  const char *spec)
{
	int err = pf_aggval(st, cv, spec);

	if (st->cur < st->naggs - 1)
		st->cur++;
	return err;
}

/* ---- parsing ------------------------------------------------------ */

static const char *parse_conv(const char *p, struct pf_conv *cv)
{
	int *num;
	int n = 0;

	memset(cv, 0, sizeof(*cv));
	num = &cv->width;
	for (;; p++) {
		switch (*p) {
		case '#': cv->flags |= PF_ALT; continue;
		case '-': cv->flags = (cv->flags | PF_LEFT) & ~PF_ZPAD; continue;
		case '+': cv->flags |= PF_SPOS; continue;
		case ' ': cv->flags |= PF_SPACE; continue;
		case '\'': cv->flags |= PF_GROUP; continue;
		case '@': cv->flags |= PF_AGG; continue;
		case '?': cv->width = 16; continue;
		case '*': cv->flags |= num == &cv->width ? PF_DYNW : PF_DYNP; continue;
		case '.': num = &cv->prec; *num = 0; continue;
		case 'h': case 'l': case 'L': case 'w':
			if (n < 3)
				cv->lenmod[n++] = *p;
			continue;
		default:
			break;
		}
		if (*p == '0' && num == &cv->width && cv->width == 0) {
			cv->flags = (cv->flags | PF_ZPAD) & ~PF_LEFT;
			continue;
		}
		if (*p >= '0' && *p <= '9') {
			for (*num = 0; *p >= '0' && *p <= '9'; p++)
				*num = *num * 10 + (*p - '0');
			p--;
			continue;
		}
		cv->conv = *p;
		return *p ? p + 1 : p;
	}
}

/* Build "%<flags><width>[.<prec>]" as DTrace does. */
static void build_spec(char *spec, size_t len, const struct pf_conv *cv,
		       int width, int prec)
{
	char *f = spec;

	*f++ = '%';
	if (cv->flags & PF_ALT) *f++ = '#';
	if (cv->flags & PF_ZPAD) *f++ = '0';
	if (width < 0 || (cv->flags & PF_LEFT)) *f++ = '-';
	if (cv->flags & PF_SPOS) *f++ = '+';
	if (cv->flags & PF_GROUP) *f++ = '\'';
	if (cv->flags & PF_SPACE) *f++ = ' ';
	*f = '\0';
	if (width != 0)
		f += snprintf(f, len - (f - spec), "%d", abs(width));
	if (prec > 0)
		snprintf(f, len - (f - spec), ".%d", prec);
}

static int do_conv(struct pf_state *st, const struct pf_conv *cv)
{
	int width = cv->width, prec = cv->prec, err;
	const struct dlo_arg *a = NULL;
	char spec[48];
	pf_fn fn = NULL;

	if (cv->conv == '%')
		return buf_put(st, "%", 1);
	if ((cv->flags & PF_DYNW) && arg_int(st, &width))
		return -EINVAL;
	if ((cv->flags & PF_DYNP) && arg_int(st, &prec))
		return -EINVAL;
	if (!(cv->flags & PF_AGG)) {
		fn = (unsigned char)cv->conv < 128 ?
		     pf_table[(unsigned char)cv->conv] : NULL;
		a = next_arg(st);
		if (!fn || !a)
			return -EINVAL;
		err = fast_conv(st, cv, width, prec, a);
		if (err)
			return err < 0 ? err : 0;
	}
	if ((err = buf_flush(st)))
		return err;
	build_spec(spec, sizeof(spec), cv, width, prec);
	if (cv->flags & PF_AGG)
		return st->naggs ? pf_aggval_next(st, cv, spec) : -EINVAL;
	return fn(st, cv, spec, a);
}

static int pf_run(struct pf_state *st, const char *fmt)
{
	const char *p = fmt, *q;
	struct pf_conv cv;
	int err = 0;

	while (*p && !err) {
		for (q = p; *q && *q != '%'; q++)
			;
		if (q != p && (err = buf_put(st, p, (size_t)(q - p))))
			break;
		if (!*q)
			break;
		p = parse_conv(q + 1, &cv);
		err = cv.conv ? do_conv(st, &cv) : -EINVAL;
	}
	if (err) {
		buf_flush(st);
		return err;
	}
	return buf_flush(st);
}

int dlo_pf_format_multi(struct dlo_ctx *c, FILE *out, const char *fmt,
			const struct dlo_arg *args, int nargs,
			const struct dlo_agginfo *ais,
			const int64_t *const *vals, int naggs)
{
	struct pf_state st;	/* not zeroed as a whole: buf is large */

	st.c = c;
	st.out = out;
	st.args = args;
	st.nargs = nargs;
	st.next = 0;
	st.ais = ais;
	st.vals = vals;
	st.naggs = ais && vals ? naggs : 0;
	st.cur = 0;
	st.buf.len = 0;

	return pf_run(&st, fmt ? fmt : "");
}

int dlo_pf_format(struct dlo_ctx *c, FILE *out, const char *fmt,
		  const struct dlo_arg *args, int nargs,
		  const struct dlo_agginfo *ai, const int64_t *val)
{
	return dlo_pf_format_multi(c, out, fmt, args, nargs, ai, &val,
				   ai && val ? 1 : 0);
}

int dlo_printf(struct dlo_ctx *c, const char *fmt, const struct dlo_arg *args,
	       int nargs)
{
	return dlo_pf_format(c, c->out, fmt, args, nargs, NULL, NULL);
}

int dlo_asprintf(struct dlo_ctx *c, char **outp, const char *fmt,
		 const struct dlo_arg *args, int nargs)
{
	size_t len = 0;
	FILE *m;
	int err;

	*outp = NULL;
	m = open_memstream(outp, &len);
	if (!m)
		return -ENOMEM;
	err = dlo_pf_format(c, m, fmt, args, nargs, NULL, NULL);
	if (fclose(m) && !err)
		err = -EIO;
	if (err) {
		free(*outp);
		*outp = NULL;
	}
	return err;
}
