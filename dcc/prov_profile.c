/* SPDX-License-Identifier: MIT */
/*
 * prov_profile.c -- the profile provider: profile-N (every CPU) and tick-N
 * (one CPU), on perf cpu-clock events ("perf_event" programs).
 *
 * N takes DTrace's units: ns nsec us usec ms msec s sec m min h hour d day
 * hz (the default is hz); the period (ns) goes in dtm_probe.param.  As in
 * DTrace, periods under 200us do not match any probe.  arg0 is the kernel
 * PC (0 in user mode), arg1 the user PC (0 in kernel mode), from the
 * pt_regs at the start of struct bpf_perf_event_data.
 */
#include <linux/bpf.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "cg.h"
#include "prov.h"

#define NSEC	1000000000ull
#define MIN_PERIOD 200000ull

/* x86_64 pt_regs: ip and cs */
#define REGS_IP	128
#define REGS_CS	136

static const struct { const char *sfx; uint64_t mult; } units[] = {
	{ "ns", 1 }, { "nsec", 1 }, { "us", 1000 }, { "usec", 1000 },
	{ "ms", 1000000 }, { "msec", 1000000 }, { "s", NSEC }, { "sec", NSEC },
	{ "m", 60 * NSEC }, { "min", 60 * NSEC }, { "h", 3600 * NSEC },
	{ "hour", 3600 * NSEC }, { "d", 86400 * NSEC }, { "day", 86400 * NSEC },
};

/* "97", "10ms", "1sec": period in ns, 0 if malformed or too short. */
static uint64_t parse_period(const char *p)
{
	char *end;
	uint64_t v;
	size_t i;

	if (*p < '0' || *p > '9')
		return 0;
	v = strtoull(p, &end, 10);
	if (v == 0)
		return 0;
	if (!*end || !strcasecmp(end, "hz")) {
		v = NSEC / v;
	} else {
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (!strcasecmp(units[i].sfx, end))
				break;
		if (i == sizeof(units) / sizeof(units[0]))
			return 0;
		v *= units[i].mult;
	}
	return v < MIN_PERIOD ? 0 : v;
}

static bool profile_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	const char *name = pd_str(pd->pd_name);
	bool tick = !strncmp(name, "tick-", 5);

	if (!prov_glob(pd->pd_prov, "profile") || *pd_str(pd->pd_mod) ||
	    *pd_str(pd->pd_func))
		return false;
	if (!tick && strncmp(name, "profile-", 8))
		return false;
	pp->param = parse_period(name + (tick ? 5 : 8));
	if (!pp->param)
		return false;
	pp->section = "perf_event";
	if (tick)
		pp->prov = &prov_tick;
	return true;
}

/* arg0 = user_mode(regs) ? 0 : regs->ip; arg1 = user_mode ? regs->ip : 0 */
static void profile_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	struct dcc *cc = g->cc;
	vreg_t ip = cg_vreg(g), cs = cg_vreg(g);
	int l_user = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(cc, g->f, "arg0 = kernel pc, arg1 = user pc");
	ir_load(cc, g->f, 8, ip, ctx, REGS_IP);
	ir_load(cc, g->f, 8, cs, ctx, REGS_CS);
	ir_alui(cc, g->f, BPF_AND, cs, 3);
	ir_jcci(cc, g->f, BPF_JNE, cs, 0, l_user);
	ir_store(cc, g->f, 8, s, CG_MST_ARG(0), ip);
	ir_storei(cc, g->f, 8, s, CG_MST_ARG(1), 0);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_user);
	ir_storei(cc, g->f, 8, s, CG_MST_ARG(0), 0);
	ir_store(cc, g->f, 8, s, CG_MST_ARG(1), ip);
	ir_place_label(cc, g->f, l_end);
	prov_zero_args(g, s, 2);
	ir_storei(cc, g->f, 8, s, CG_MST_ERRNO, 0);
}

static bool tick_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	return false;	/* profile_match resolves tick-N to this provider */
}

const struct provider prov_profile = {
	.name = "profile",
	.kind = DTM_PROV_PROFILE,
	.chain = DTM_MAP_CHAIN_PE,
	.match = profile_match,
	.prologue = profile_prologue,
};

/* tick-N shares everything but the kind (dload fires it on one CPU). */
const struct provider prov_tick = {
	.name = "profile",
	.kind = DTM_PROV_TICK,
	.chain = DTM_MAP_CHAIN_PE,
	.match = tick_match,
	.prologue = profile_prologue,
};
