/* SPDX-License-Identifier: MIT */
/*
 * prov_cpc.c -- the cpc provider, software perf events only: probe names
 * EVENT-MODE-COUNT as DTrace for Linux spells them (cpc:::cpu_clock-all-10000),
 * on "perf_event" programs.
 *
 * EVENT is one of the generic software events (cpu_clock, task_clock,
 * page_faults, ...), MODE is all, user or kernel, COUNT (digits only) the
 * sample period in events.  As in DTrace, a four-part name (with the
 * attributes field, which DTrace does not implement), a malformed count or
 * an unknown event matches no probe (D_PDESC_ZERO); there is no minimum
 * count.  dtm_probe.param carries the event, mode and period (DTM_CPC_* of
 * meta.h).  arg0/arg1 are the kernel/user PC as for profile.
 *
 * Globs: as in DTrace, where only a concrete name reaches the provider's
 * provide(), a glob (or a description with a module or function) matches
 * only the listed probes EVENT-all-1000000000 (include/dload/cpc_events.h,
 * the table dload and the listing share): cpc:::*clock* is cpu_clock and
 * task_clock at 1000000000, cpc:::cpu_clock-all-* only the first.
 */
#include <stdlib.h>
#include <string.h>

#include "dload/cpc_events.h"

#include "cg.h"
#include "prov.h"

static const char *const modes[] = {
	[DTM_CPC_ALL] = "all", [DTM_CPC_USER] = "user",
	[DTM_CPC_KERNEL] = "kernel",
};

/* Index of the len-byte word w in tab[n], or -1. */
static int lookup(const char *const *tab, int n, const char *w, size_t len)
{
	for (int i = 0; i < n; i++)
		if (tab[i] && strlen(tab[i]) == len && !strncmp(tab[i], w, len))
			return i;
	return -1;
}

/* "page_faults-user-1000" -> dtm_probe.param; false if malformed. */
static bool parse_name(const char *name, uint64_t *param)
{
	const char *m = strchr(name, '-'), *c = m ? strchr(m + 1, '-') : NULL;
	int ev, mode;
	char *end;
	uint64_t n;

	if (!c || c[1] < '0' || c[1] > '9')	/* also rejects EVENT-MODE-ATTR-N */
		return false;
	ev = lookup(dtm_cpc_events, DTM_CPC_NEVENTS, name, (size_t)(m - name));
	mode = lookup(modes, sizeof(modes) / sizeof(modes[0]), m + 1,
		      (size_t)(c - m - 1));
	n = strtoull(c + 1, &end, 10);
	if (ev < 0 || mode < 0 || *end || n > DTM_CPC_PERIOD_MASK)
		return false;
	*param = DTM_CPC_PARAM((uint64_t)ev, (uint64_t)mode, n);
	return true;
}

/* A concrete EVENT-MODE-COUNT with no module or function: a probe made on
 * demand (as DTrace's provide()); anything else matches the listed ones. */
static bool concrete(struct node *pd)
{
	const char *name = pd_str(pd->pd_name);

	return *name && !prov_has_glob(name) && !*pd_str(pd->pd_mod) &&
	       !*pd_str(pd->pd_func);
}

/* The listed probes (cpc_events.h) pd matches; with host_probes, only the
 * events this host opens (as the listing shows them). */
static int listed_matches(struct dcc *cc, struct node *pd)
{
	char buf[64];
	int n = 0;

	if (!prov_glob(pd->pd_mod, "") || !prov_glob(pd->pd_func, ""))
		return 0;
	for (int ev = 0; ev < DTM_CPC_NEVENTS; ev++) {
		dtm_cpc_listed_name(ev, buf, sizeof(buf));
		if (prov_glob(pd->pd_name, buf) &&
		    (!cc->opts.host_probes || dtm_cpc_event_opens(ev)))
			n++;
	}
	return n;
}

/* A glob gets param 0: dload expands it into the listed probes it matches
 * (loader/prov_perf.c), each with its own event. */
static bool cpc_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	if (!prov_glob(pd->pd_prov, "cpc"))
		return false;
	if (concrete(pd)) {
		if (!parse_name(pd_str(pd->pd_name), &pp->param))
			return false;
	} else if ((pp->nprobes = listed_matches(cc, pd)) == 0) {
		return false;
	}
	pp->section = "perf_event";
	return true;
}

/* arg0 = user_mode(regs) ? 0 : regs->ip; arg1 = user_mode ? regs->ip : 0 */
static void cpc_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	prov_profile.prologue(g, ctx, s);
}

const struct provider prov_cpc = {
	.name = "cpc",
	.kind = DTM_PROV_CPC,
	.chain = DTM_MAP_CHAIN_PE,
	.match = cpc_match,
	.prologue = cpc_prologue,
};
