/* SPDX-License-Identifier: MIT */
/*
 * sema_attr.c -- DTrace's stability attributes (name/data/class triples).
 *
 * Each clause's probe description gets the attributes of its provider's
 * specified fields (a missing or globbed provider: Unstable/Unstable/
 * Common), and its statements the minimum of the attributes of what they
 * name (built-in variables, args[], identifiers given attributes by
 * `#pragma D attributes`).  With the amin option set, a clause whose
 * description is below the minimum is rejected (D_ATTR_MIN), and the
 * program's minimum description and statement attributes are kept for
 * dtrace -v's stability report (dcc_program_attrs).
 */
#include <string.h>
#include <strings.h>

#include "dcc.h"
#include "funcs.h"
#include "prov.h"
#include "sema.h"

enum { S_INTERNAL, S_PRIVATE, S_OBSOLETE, S_EXTERNAL, S_UNSTABLE,
       S_EVOLVING, S_STABLE, S_STANDARD };
enum { C_UNKNOWN, C_CPU, C_PLATFORM, C_GROUP, C_ISA, C_COMMON };

static const char *const stab_names[] = {
	"Internal", "Private", "Obsolete", "External", "Unstable",
	"Evolving", "Stable", "Standard",
};
static const char *const class_names[] = {
	"Unknown", "CPU", "Platform", "Group", "ISA", "Common",
};

#define A(n, d, c)	{ S_##n, S_##d, C_##c }
static const struct dcc_attr attr_max = A(STANDARD, STANDARD, COMMON);
static const struct dcc_attr attr_def = A(STABLE, STABLE, COMMON);
static const struct dcc_attr attr_unstable = A(UNSTABLE, UNSTABLE, COMMON);

/* A provider's attributes: provider, module, function, name, args. */
struct prov_attrs {
	const char *name;
	struct dcc_attr a[5];
};

static const struct prov_attrs prov_table[] = {
	{ "dtrace", { A(STABLE, STABLE, COMMON), A(PRIVATE, PRIVATE, UNKNOWN),
		      A(PRIVATE, PRIVATE, UNKNOWN), A(STABLE, STABLE, COMMON),
		      A(STABLE, STABLE, COMMON) } },
	{ "profile", { A(EVOLVING, EVOLVING, COMMON),
		       A(UNSTABLE, UNSTABLE, COMMON),
		       A(UNSTABLE, UNSTABLE, COMMON),
		       A(EVOLVING, EVOLVING, COMMON),
		       A(EVOLVING, EVOLVING, COMMON) } },
	{ "syscall", { A(EVOLVING, EVOLVING, COMMON),
		       A(PRIVATE, PRIVATE, UNKNOWN), A(PRIVATE, PRIVATE, ISA),
		       A(EVOLVING, EVOLVING, COMMON),
		       A(PRIVATE, PRIVATE, ISA) } },
	{ "fbt", { A(EVOLVING, EVOLVING, COMMON), A(PRIVATE, PRIVATE, UNKNOWN),
		   A(PRIVATE, PRIVATE, ISA), A(EVOLVING, EVOLVING, COMMON),
		   A(PRIVATE, PRIVATE, ISA) } },
	{ "sdt", { A(EVOLVING, EVOLVING, ISA), A(PRIVATE, PRIVATE, UNKNOWN),
		   A(PRIVATE, PRIVATE, UNKNOWN), A(PRIVATE, PRIVATE, ISA),
		   A(PRIVATE, PRIVATE, ISA) } },
	{ "proc", { A(EVOLVING, EVOLVING, ISA), A(PRIVATE, PRIVATE, UNKNOWN),
		    A(PRIVATE, PRIVATE, UNKNOWN), A(EVOLVING, EVOLVING, ISA),
		    A(EVOLVING, EVOLVING, ISA) } },
	{ "pid", { A(EVOLVING, EVOLVING, ISA), A(PRIVATE, PRIVATE, UNKNOWN),
		   A(PRIVATE, PRIVATE, UNKNOWN), A(EVOLVING, EVOLVING, ISA),
		   A(PRIVATE, PRIVATE, UNKNOWN) } },
	{ NULL, { { 0 } } },
};
#undef A

const char *dcc_stability_name(int s)
{
	return s >= 0 && s <= S_STANDARD ? stab_names[s] : NULL;
}

const char *dcc_class_name(int c)
{
	return c >= 0 && c <= C_COMMON ? class_names[c] : NULL;
}

static int find_name(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcasecmp(names[i], s))
			return i;
	return -1;
}

/* "Evolving/Evolving/Common" (missing parts: Standard/Standard/Common);
 * 0, or -1 if malformed. */
int dcc_str2attr(const char *str, struct dcc_attr *a)
{
	char buf[128], *p = buf, *q;
	int i, v;

	*a = attr_max;
	if (strlen(str) >= sizeof(buf))
		return -1;
	strcpy(buf, str);
	for (i = 0; i < 3 && *p; i++, p = q) {
		q = p + strcspn(p, "/");
		if (*q)
			*q++ = 0;
		v = i < 2 ? find_name(stab_names, S_STANDARD + 1, p) :
			find_name(class_names, C_COMMON + 1, p);
		if (v < 0)
			return -1;
		if (i == 0)
			a->name = v;
		else if (i == 1)
			a->data = v;
		else
			a->cls = v;
	}
	return *p ? -1 : 0;
}

static struct dcc_attr attr_min(struct dcc_attr a, struct dcc_attr b)
{
	struct dcc_attr m = a;

	if (b.name < m.name)
		m.name = b.name;
	if (b.data < m.data)
		m.data = b.data;
	if (b.cls < m.cls)
		m.cls = b.cls;
	return m;
}

/* Is a below min in any part? */
static bool attr_below(struct dcc_attr a, struct dcc_attr min)
{
	return a.name < min.name || a.data < min.data || a.cls < min.cls;
}

static void attr_str(struct dcc_attr a, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s/%s", stab_names[a.name], stab_names[a.data],
		 class_names[a.cls]);
}

/* The attribute table of provider name (pid123 is pid's, foo123 a USDT
 * provider's), NULL if unknown. */
static const struct prov_attrs *prov_table_of(const char *name)
{
	static const char *const alias[][2] = {
		{ "tracepoint", "sdt" }, { "sched", "proc" }, { "io", "proc" },
		{ "tick", "profile" }, { "usdt", "pid" },
	};
	size_t i, len = strlen(name);
	const struct prov_attrs *p;

	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (!strcmp(name, alias[i][0]))
			name = alias[i][1];
	for (p = prov_table; p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	while (len > 0 && name[len - 1] >= '0' && name[len - 1] <= '9')
		len--;
	if (len > 0 && name[len])	/* pid123, or a USDT provider */
		return prov_table_of("pid");
	return NULL;
}

/* The attributes of provider name, with any `#pragma D attributes ...
 * provider name part` applied; false if the provider is unknown. */
static bool prov_attrs_of(struct dcc *cc, const char *name,
			  struct prov_attrs *out)
{
	const struct prov_attrs *p = prov_table_of(name);
	struct prov_attrs *o = strmap_get(&sema_get(cc)->prov_attrs, name);

	if (o)
		*out = *o;
	else if (p)
		*out = *p;
	return o || p;
}

static bool field_is_glob(const char *s)
{
	return !s || !*s || prov_has_glob(s);
}

/* The attributes of the provider pd resolves to (D_PDESC_ZERO if none,
 * as DTrace checks before the clause's statements); false if unknown. */
static bool pdesc_prov(struct dcc *cc, struct node *pd, struct prov_attrs *pa)
{
	struct prov_probe pp;

	return prov_resolve(cc, pd, &pp) && pp.prov &&
	       prov_attrs_of(cc, pp.prov->name, pa);
}

/* DTrace's probe description attributes: the minimum over the specified
 * (non-glob) fields of the provider's attributes. */
static struct dcc_attr pdesc_attr(const struct node *pd,
				  const struct prov_attrs *pa)
{
	const char *f[3] = { pd->pd_mod, pd->pd_func, pd->pd_name };
	struct dcc_attr a;
	int i;

	if (field_is_glob(pd->pd_prov) || !pa)
		return attr_unstable;
	a = pa->a[0];
	for (i = 0; i < 3; i++)
		if (!field_is_glob(f[i]))
			a = attr_min(a, pa->a[i + 1]);
	return a;
}

bool sema_pdesc_unstable(struct dcc *cc, struct node *pd)
{
	struct prov_attrs pa;

	if (!pdesc_prov(cc, pd, &pa))
		return false;
	return (pa.a[4].data < S_EVOLVING && field_is_glob(pd->pd_prov)) ||
	       (pa.a[1].name >= S_EVOLVING && field_is_glob(pd->pd_mod)) ||
	       (pa.a[2].name >= S_EVOLVING && field_is_glob(pd->pd_func)) ||
	       (pa.a[3].name >= S_EVOLVING && field_is_glob(pd->pd_name));
}

/* ---- statements ---------------------------------------------------------------- */

/* Identifiers with attributes other than Stable/Stable/Common; those
 * naming the probe take its provider's (pa, NULL: Unstable). */
static bool ident_attr(struct dcc *cc, const char *name,
		       const struct prov_attrs *pa, struct dcc_attr *a)
{
	static const char *const ctx[] = {
		"probeprov", "probemod", "probefunc", "probename", "args",
	};
	static const struct dcc_attr curthread = { S_STABLE, S_PRIVATE,
						   C_COMMON };
	struct dcc_attr *p = strmap_get(&sema_get(cc)->ident_attrs, name);
	int i;

	if (p) {
		*a = *p;
		return true;
	}
	for (i = 0; i < 5; i++)
		if (!strcmp(ctx[i], name)) {
			*a = pa ? pa->a[i] : attr_unstable;
			return true;
		}
	if (!strcmp(name, "curthread")) {
		*a = curthread;
		return true;
	}
	return false;
}

static struct dcc_attr expr_attr(struct dcc *cc, const struct node *n,
				 const struct prov_attrs *pa);

static struct dcc_attr list_attr(struct dcc *cc, const struct node *l,
				 const struct prov_attrs *pa)
{
	struct dcc_attr a = attr_max;

	for (; l; l = l->next)
		a = attr_min(a, expr_attr(cc, l, pa));
	return a;
}

/* The minimum attributes of what expression or statement n names. */
static struct dcc_attr expr_attr(struct dcc *cc, const struct node *n,
				 const struct prov_attrs *pa)
{
	struct dcc_attr a = attr_def, b;
	int i;

	if (!n || n->kind == N_TYPENAME || n->kind == N_DECL_STMT)
		return attr_max;
	if ((n->kind == N_IDENT || n->kind == N_CALL) && n->name &&
	    ident_attr(cc, n->name, pa, &b))
		a = attr_min(a, b);
	for (i = 0; i < 4; i++)
		a = attr_min(a, list_attr(cc, n->kid[i], pa));
	return a;
}

/* ---- clauses ----------------------------------------------------------------- */

static void attr_check_min(struct dcc *cc, const struct node *c,
			   struct dcc_attr a)
{
	const char *v = dcc_option(cc, "amin");
	struct dcc_attr min;
	char buf[128];

	if (!v || dcc_str2attr(v, &min) < 0 || !attr_below(a, min))
		return;
	attr_str(a, buf, sizeof(buf));
	dcc_error(cc, (struct loc){ c->loc.file, c->ival ? (int)c->ival :
		  c->loc.line }, "D_ATTR_MIN", "attributes for clause (%s) "
		  "are less than predefined minimum", buf);
}

void sema_attr_clause(struct dcc *cc, struct node *c)
{
	struct dcc_attr d, s;
	struct prov_attrs pa;
	struct node *pd;
	bool known;

	if (!cc->attrs_set) {
		cc->desc_attr = cc->stmt_attr = attr_max;
		cc->attrs_set = true;
	}
	for (pd = c->kid[0]; pd; pd = pd->next) {
		if (pd->kind != N_PDESC)
			continue;
		known = pdesc_prov(cc, pd, &pa);
		d = pdesc_attr(pd, known ? &pa : NULL);
		attr_check_min(cc, c, d);
		s = attr_min(list_attr(cc, c->kid[2], known ? &pa : NULL),
			     expr_attr(cc, c->kid[1], known ? &pa : NULL));
		cc->desc_attr = attr_min(cc->desc_attr, d);
		cc->stmt_attr = attr_min(cc->stmt_attr, s);
	}
}

void dcc_program_attrs(const struct dcc *cc, struct dcc_attr *desc,
		       struct dcc_attr *stmt)
{
	*desc = cc->attrs_set ? cc->desc_attr : attr_max;
	*stmt = cc->attrs_set ? cc->stmt_attr : attr_max;
}

/* ---- #pragma D attributes ------------------------------------------------------ */

static struct dcc_attr *prov_part(struct prov_attrs *pa, const char *part)
{
	static const char *const parts[] = {
		"provider", "module", "function", "name", "args",
	};
	size_t i;

	for (i = 0; i < 5; i++)
		if (!strcmp(parts[i], part))
			return &pa->a[i];
	return NULL;
}

/* #pragma D attributes ATTR ident | ATTR provider NAME PART (w: words) */
void sema_pragma_attributes(struct dcc *cc, struct node *n, char **w, int nw)
{
	struct dcc_attr a, *p;
	struct prov_attrs *pa;

	if (dcc_str2attr(w[0], &a) < 0)
		dcc_error(cc, n->loc, "D_PRAGMA_INVAL", "invalid attributes "
			  "specified by #pragma attributes");
	if (strcmp(w[1], "provider")) {
		sema_pragma_ident(cc, n, "attributes", w[1]);
		p = dcc_alloc(cc, sizeof(*p));
		*p = a;
		strmap_put(cc, &sema_get(cc)->ident_attrs, w[1], p);
		return;
	}
	if (nw != 4)
		dcc_error(cc, n->loc, "D_PRAGMA_MALFORM", "malformed #pragma "
			  "attributes <attributes> <ident>");
	pa = dcc_alloc(cc, sizeof(*pa));
	if (!prov_attrs_of(cc, w[2], pa))
		return;
	if (!(p = prov_part(pa, w[3])))
		dcc_error(cc, n->loc, "D_PRAGMA_INVAL", "invalid component "
			  "\"%s\" in attribute #pragma attributes", w[3]);
	*p = a;
	strmap_put(cc, &sema_get(cc)->prov_attrs, w[2], pa);
}

/* ---- #pragma D attributes/binding for an identifier ------------------------------ */

struct pragma_use {
	const char *prname;	/* "attributes", "binding" */
	const char *ident;
	struct loc loc;
	struct pragma_use *next;
};

/* Built-in variables and functions, and the D library's inlines, belong
 * to earlier compilations in DTrace. */
static bool outside_program(struct dcc *cc, const char *ident, struct sym *s)
{
	return func_lookup(ident) || (s && (s->kind == SYM_BUILTIN ||
		strmap_get(&sema_get(cc)->lib_inlines, ident) == s));
}

void sema_pragma_ident(struct dcc *cc, struct node *n, const char *prname,
		       const char *ident)
{
	struct sym *s = sema_lookup_global(cc, ident);
	struct pragma_use *u;

	if (s || func_lookup(ident)) {
		if (outside_program(cc, ident, s))
			dcc_error(cc, n->loc, "D_PRAGMA_SCOPE", "#pragma %s cannot "
				  "modify entity defined outside program scope",
				  prname);
		return;
	}
	u = dcc_alloc(cc, sizeof(*u));
	u->prname = prname;
	u->ident = dcc_intern(cc, ident);
	u->loc = n->loc;
	u->next = sema_get(cc)->pragma_pending;
	sema_get(cc)->pragma_pending = u;
}

/* After parsing, as DTrace: the first (by name) pragma whose identifier
 * no declaration, inline or enumerator defined. */
void sema_pragma_unused(struct dcc *cc)
{
	struct pragma_use *u, *first = NULL;

	for (u = sema_get(cc)->pragma_pending; u; u = u->next)
		if (!sema_lookup_global(cc, u->ident) &&
		    (!first || strcmp(u->ident, first->ident) < 0))
			first = u;
	if (first)
		dcc_error(cc, first->loc, "D_PRAGMA_UNUSED", "unused #pragma %s",
			  first->prname);
}
