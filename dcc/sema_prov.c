/* SPDX-License-Identifier: MIT */
/*
 * sema_prov.c -- provider definitions:
 *
 *   provider NAME { probe p(native...) [: (translated...)]; ... };
 *
 * checked as DTrace does (dt_node_probe, dt_node_provider, dt_cook_provider,
 * dt_cook_probe, dt_node_provider_cmp of libdtrace/dt_parser.c, and
 * dt_decl_prototype of dt_decl.c): the probe and provider names
 * (D_PROV_BADNAME), both prototypes (D_DECL_PROTO_*, D_PROV_PRARGLEN), a
 * probe declared twice in one definition (D_PROV_PRDUP), a redefinition
 * that differs from the earlier one, or a definition of a provider dcc
 * already implements (D_PROV_INCOMPAT), and an output argument that
 * neither a translator nor argument compatibility gets from its input
 * argument (D_PROV_PRXLATOR).
 *
 * As DTrace keys them, a declared probe's name is "::NAME" with each "__"
 * made "-".  The declarations then give args[] of the USDT probes they
 * describe: a clause for PROV123:::NAME or PROV*:::NAME sees args[i] of the
 * declared translated type, user pointers marked as such (a string comes
 * from a char * in the process, see gen_bi_args).
 */
#include <ctype.h>
#include <string.h>

#include "prov.h"
#include "sema.h"

#define PROV_NAMELEN	64	/* DTRACE_PROVNAMELEN */
#define PROBE_NAMELEN	64	/* DTRACE_NAMELEN */
#define PROTO_MAX	255	/* UINT8_MAX parameters */

/* One declared probe (DTrace's dt_probe_t of a user-declared probe). */
struct probe_def {
	const char *name;		/* "::NAME", "__" as "-" */
	struct node *decl;		/* the N_PROBEDECL */
	struct node *nlist, *xlist;	/* parameter lists; the same list
					   if there is one prototype */
	struct type **nargv, **xargv;
	int nargc, xargc;
	int *mapping;			/* xargv[i] translates nargv[map[i]] */
	struct probe_def *next;
};

/* One provider of the program (DTrace's dt_provider_t). */
struct prov_def {
	const char *name;
	struct probe_def *probes;
};

/* ---- probe names -------------------------------------------------------------------- */

/* "::" + s with each "__" made "-" (DTrace's strhyphenate) */
static const char *probe_key(struct dcc *cc, const char *s)
{
	char *k = dcc_alloc(cc, strlen(s) + 3), *p;

	strcpy(k, "::");
	strcat(k, s);
	for (p = k; *p; p++)
		if (p[0] == '_' && p[1] == '_') {
			p[0] = '-';
			memmove(p + 1, p + 2, strlen(p + 2) + 1);
		}
	return k;
}

static void probe_name_check(struct dcc *cc, struct node *n, const char *key)
{
	if (strchr(key, '`'))
		dcc_error(cc, n->loc, "D_PROV_BADNAME", "probe name may not "
			  "contain scoping operator: %s", key);
	if (strlen(key) - 2 >= PROBE_NAMELEN)
		dcc_error(cc, n->loc, "D_PROV_BADNAME", "probe name may not "
			  "exceed %d characters: %s", PROBE_NAMELEN - 1, key);
}

static void prov_name_check(struct dcc *cc, struct node *n)
{
	const char *name = n->name;
	size_t len = strlen(name);

	if (strchr(name, '`'))
		dcc_error(cc, n->loc, "D_PROV_BADNAME", "provider name may not "
			  "contain scoping operator: %s", name);
	if (len >= PROV_NAMELEN)
		dcc_error(cc, n->loc, "D_PROV_BADNAME", "provider name may not "
			  "exceed %d characters: %s", PROV_NAMELEN - 1, name);
	if (len && isdigit((unsigned char)name[len - 1]))
		dcc_error(cc, n->loc, "D_PROV_BADNAME", "provider name may not "
			  "end with a digit: %s", name);
}

/* ---- prototypes (dt_decl_prototype) ------------------------------------------------- */

static const char *param_name(struct node *p)
{
	struct node *d = p->kid[1];

	return d && d->kind == N_DECLARATOR ? d->name : NULL;
}

/* Is name the name of a parameter of list before stop? */
static bool named_in(struct node *list, struct node *stop, const char *name)
{
	for (; list && list != stop; list = list->next)
		if (param_name(list) && !strcmp(param_name(list), name))
			return true;
	return false;
}

/* Check one prototype with DTrace's rules for probes: void only alone and
 * unnamed, no "...", names unique in the input prototype (formals == its
 * list) and each name of the output prototype one of the input's.
 * Returns the parameter count, 0 for (void). */
static int proto_check(struct dcc *cc, struct node *f, struct node *formals,
		       const char *kind)
{
	struct node *list = f->kid[0], *p;
	int i = 1, nvoid = 0;
	bool output = formals != list;

	for (p = list; p; p = p->next, i++) {
		const char *name = param_name(p);
		bool is_void = type_is_void(sema_typename(cc, p));

		nvoid += is_void;
		if (is_void && name)
			dcc_error(cc, p->loc, "D_DECL_PROTO_NAME", "void parameter "
				  "may not have a name: %s", name);
		if (name && named_in(formals, output ? NULL : p, name) != output)
			dcc_error(cc, p->loc, "D_DECL_PROTO_FORM", "parameter is "
				  "%s declared in %s prototype: %s, parameter #%d",
				  output ? "not" : "already", kind, name, i);
	}
	if (f->op == 1)
		dcc_error(cc, f->loc, "D_DECL_PROTO_VARARGS", "%s prototype may "
			  "not use a variable-length argument list", kind);
	if (nvoid && list->next)
		dcc_error(cc, list->loc, "D_DECL_PROTO_VOID",
			  "void must be sole parameter");
	return nvoid ? 0 : i - 1;
}

/* ---- probe declarations (dt_node_probe, dt_probe_create) ---------------------------- */

static struct type **param_types(struct dcc *cc, struct node *list, int n)
{
	struct type **v = dcc_alloc(cc, (size_t)(n ? n : 1) * sizeof(*v));
	int i;

	for (i = 0; i < n && list; i++, list = list->next)
		v[i] = sema_typename(cc, list);
	return v;
}

/* The native argument an output parameter names (dt_probe_argmap). */
static int argmap(struct node *x, struct node *nlist, int i)
{
	const char *name = param_name(x);
	int k;

	if (!name)
		return i;
	for (k = 0; nlist; k++, nlist = nlist->next)
		if (param_name(nlist) && !strcmp(param_name(nlist), name))
			break;
	return k;
}

static void arglen_check(struct dcc *cc, struct probe_def *d)
{
	if (d->nargc > PROTO_MAX)
		dcc_error(cc, d->decl->loc, "D_PROV_PRARGLEN", "probe %s input "
			  "prototype exceeds %u parameters: %d params used",
			  d->name, PROTO_MAX, d->nargc);
	if (d->xargc > PROTO_MAX)
		dcc_error(cc, d->decl->loc, "D_PROV_PRARGLEN", "probe %s output "
			  "prototype exceeds %u parameters: %d params used",
			  d->name, PROTO_MAX, d->xargc);
}

static struct probe_def *probe_make(struct dcc *cc, struct node *n)
{
	struct probe_def *d = dcc_alloc(cc, sizeof(*d));
	struct node *x;
	int i;

	d->name = probe_key(cc, n->name);
	d->decl = n;
	probe_name_check(cc, n, d->name);
	d->nlist = n->kid[0]->kid[0];
	d->nargc = proto_check(cc, n->kid[0], d->nlist, "probe input");
	d->xlist = n->kid[1] ? n->kid[1]->kid[0] : d->nlist;
	d->xargc = n->kid[1] ? proto_check(cc, n->kid[1], d->nlist,
					   "probe output") : d->nargc;
	arglen_check(cc, d);
	d->nargv = param_types(cc, d->nlist, d->nargc);
	d->xargv = param_types(cc, d->xlist, d->xargc);
	d->mapping = dcc_alloc(cc, (size_t)(d->xargc + 1) * sizeof(int));
	for (i = 0, x = d->xlist; i < d->xargc; i++, x = x->next)
		d->mapping[i] = argmap(x, d->nlist, i);
	return d;
}

static bool translated(const struct probe_def *d)
{
	return d->nlist != d->xlist;
}

/* ---- the provider (dt_cook_provider) ------------------------------------------------ */

/* A provider dcc implements: a definition redeclares it (dn_provred). */
static bool prov_builtin(const char *name)
{
	static const struct provider *const known[] = {
		&prov_dtrace, &prov_profile, &prov_tick, &prov_syscall,
		&prov_sdt, &prov_fbt, &prov_proc, &prov_sched, &prov_io,
		&prov_cpc, &prov_rawtp,
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(known[i]->name, name))
			return true;
	return false;
}

static struct probe_def *probe_find(struct prov_def *pv, const char *key)
{
	struct probe_def *d;

	for (d = pv->probes; d; d = d->next)
		if (!strcmp(d->name, key))
			return d;
	return NULL;
}

static void probe_add(struct prov_def *pv, struct probe_def *d)
{
	struct probe_def **pp = &pv->probes;

	while (*pp)
		pp = &(*pp)->next;
	d->next = NULL;
	*pp = d;
}

static void probe_replace(struct prov_def *pv, struct probe_def *old,
			  struct probe_def *d)
{
	struct probe_def **pp = &pv->probes;

	while (*pp && *pp != old)
		pp = &(*pp)->next;
	if (*pp) {
		d->next = old->next;
		*pp = d;
	}
}

/* Compare one prototype of a redeclared probe with the earlier one. */
static void cmp_argv(struct dcc *cc, struct prov_def *pv, struct probe_def *d,
		     const char *kind, int oc, struct type **ov, int nc,
		     struct type **nv)
{
	int i;

	if (oc != nc)
		dcc_error(cc, d->decl->loc, "D_PROV_INCOMPAT", "probe %s:%s %s "
			  "prototype mismatch:\n\t current: %d arg%s\n\t"
			  "previous: %d arg%s", pv->name, d->name, kind, nc,
			  nc != 1 ? "s" : "", oc, oc != 1 ? "s" : "");
	for (i = 0; i < oc; i++) {
		const char *o = type_name(cc, ov[i]), *n = type_name(cc, nv[i]);

		if (strcmp(o, n))
			dcc_error(cc, d->decl->loc, "D_PROV_INCOMPAT", "probe "
				  "%s:%s %s prototype argument #%d mismatch:\n"
				  "\t current: %s\n\tprevious: %s", pv->name,
				  d->name, kind, i + 1, n, o);
	}
}

static void provider_cmp(struct dcc *cc, struct prov_def *pv,
			 struct probe_def *old, struct probe_def *d)
{
	cmp_argv(cc, pv, d, "output", old->xargc, old->xargv, d->xargc,
		 d->xargv);
	if (translated(old) && translated(d))
		cmp_argv(cc, pv, d, "input", old->nargc, old->nargv, d->nargc,
			 d->nargv);
	if (!translated(old) && translated(d))
		probe_replace(pv, old, d);
}

/* Declare d in pv, or check it against pv's earlier declaration. */
static void probe_declare(struct dcc *cc, struct prov_def *pv, bool redecl,
			  struct probe_def *d)
{
	struct probe_def *old = probe_find(pv, d->name);

	if (old && redecl)
		provider_cmp(cc, pv, old, d);
	else if (redecl)
		dcc_error(cc, d->decl->loc, "D_PROV_INCOMPAT", "provider interface "
			  "mismatch: %s\n\t current: probe %s:%s defined\n\t"
			  "previous: probe %s:%s not defined", pv->name, pv->name,
			  d->name, pv->name, d->name);
	else if (old)
		dcc_error(cc, d->decl->loc, "D_PROV_PRDUP", "probe redeclared: "
			  "%s:%s", pv->name, d->name);
	else
		probe_add(pv, d);
}

/* Can nt be given as xt: integers, strings, compatible pointers...
 * (dt_node_is_argcompat) */
static bool argcompat(struct dcc *cc, struct type *nt, struct type *xt)
{
	struct node *x = dcc_alloc(cc, sizeof(*x));

	x->kind = N_IDENT;
	x->type = xt;
	return sema_argcompat(nt, x);
}

/* Each output argument of d needs a translator from its input argument
 * unless the two are compatible (dt_cook_probe). */
static void probe_xlators(struct dcc *cc, struct prov_def *pv,
			  struct probe_def *d)
{
	int i;

	if (!translated(d))
		return;
	for (i = 0; i < d->xargc; i++) {
		struct type *xt = d->xargv[i], *xr = type_resolve(xt), *nt;

		if (d->mapping[i] >= d->nargc)
			continue;
		nt = d->nargv[d->mapping[i]];
		if (sema_xlator_find(cc, nt, xr && xr->kind == TY_PTR ?
				     xr->base : xt) || argcompat(cc, nt, xt))
			continue;
		dcc_error(cc, d->decl->loc, "D_PROV_PRXLATOR", "translator for "
			  "%s:%s output argument #%d from %s to %s is not defined",
			  pv->name, d->name, i + 1, type_name(cc, nt),
			  type_name(cc, xt));
	}
}

/* pv of the program, created if new; *redecl: pv (or a provider dcc
 * implements, with no declared probes) was already known */
static struct prov_def *provider_get(struct dcc *cc, const char *name,
				     bool *redecl)
{
	struct sema *s = sema_get(cc);
	struct prov_def *pv = strmap_get(&s->prov_defs, name);

	*redecl = pv || prov_builtin(name);
	if (pv)
		return pv;
	pv = dcc_alloc(cc, sizeof(*pv));
	pv->name = dcc_intern(cc, name);
	if (!*redecl)
		strmap_put(cc, &s->prov_defs, pv->name, pv);
	return pv;
}

/* The probes are checked as parsed, then the provider's name, then each
 * probe against the provider's earlier declarations. */
void sema_provider(struct dcc *cc, struct node *n)
{
	struct prov_def *pv;
	struct node *p;
	bool redecl;

	for (p = n->kid[0]; p; p = p->next)
		p->aux = probe_make(cc, p);
	prov_name_check(cc, n);
	pv = provider_get(cc, n->name, &redecl);
	for (p = n->kid[0]; p; p = p->next) {
		probe_declare(cc, pv, redecl, p->aux);
		probe_xlators(cc, pv, p->aux);
	}
}

/* ---- args[] of the USDT probes a definition describes ------------------------------- */

/* The definition of pd's provider: PROV123 or PROV* names PROV. */
static struct prov_def *pd_provider(struct dcc *cc, const struct node *pd)
{
	const char *prov = pd_str(pd->pd_prov);
	size_t n = strlen(prov);
	char name[PROV_NAMELEN + 1];

	if (n && prov[n - 1] == '*')
		n--;
	else
		while (n && isdigit((unsigned char)prov[n - 1]))
			n--;
	if (!n || n > PROV_NAMELEN)
		return NULL;
	memcpy(name, prov, n);
	name[n] = 0;
	if (prov_has_glob(name))
		return NULL;
	return strmap_get(&sema_get(cc)->prov_defs, name);
}

static struct probe_def *pd_probe(struct dcc *cc, const struct node *pd)
{
	struct prov_def *pv;
	const char *name = pd_str(pd->pd_name);
	char key[PROBE_NAMELEN + 3];

	if (!*name || prov_has_glob(name) || strlen(name) > PROBE_NAMELEN ||
	    !(pv = pd_provider(cc, pd)))
		return NULL;
	snprintf(key, sizeof(key), "::%s", name);
	return probe_find(pv, key);
}

/* t as seen from a USDT probe: pointers and strings are user addresses */
static struct type *user_view(struct dcc *cc, struct type *t)
{
	struct type *r = type_resolve(t), *u;

	if (!r || (r->kind != TY_PTR && r->kind != TY_STRING))
		return t;
	u = dcc_alloc(cc, sizeof(*u));
	*u = *r;
	u->user_addr = true;
	u->ptr_cache = NULL;
	return u;
}

struct type *prov_decl_arg_type(struct dcc *cc, const struct node *pd, int i)
{
	struct probe_def *d = pd_probe(cc, pd);
	struct type *nt, *xt;

	if (!d || i < 0 || i >= d->xargc)
		return NULL;
	xt = d->xargv[i];
	if (d->mapping[i] >= d->nargc)
		return user_view(cc, xt);
	nt = d->nargv[d->mapping[i]];
	/* a translator's output is not computed for args[]: the native type */
	return user_view(cc, translated(d) && !argcompat(cc, nt, xt) ? nt : xt);
}

int prov_decl_arg_count(struct dcc *cc, const struct node *pd)
{
	struct probe_def *d = pd_probe(cc, pd);

	return d ? d->xargc : -1;
}

int prov_decl_arg_map(struct dcc *cc, const struct node *pd, int i)
{
	struct probe_def *d = pd_probe(cc, pd);

	return d && i >= 0 && i < d->xargc ? d->mapping[i] : i;
}
