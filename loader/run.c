/* SPDX-License-Identifier: MIT */
/*
 * run.c -- running a loaded and attached object.
 *
 *   BEGIN programs (in clause order, BPF_PROG_TEST_RUN)
 *   -> unless BEGIN called exit(): open the master switch (dt_globals[0].state
 *   = ACTIVE through the mmap of the map), start the -c command, then print
 *   BEGIN's records
 *   -> poll the ring buffer and print each record (output.h) until an EXIT
 *   record, a stop request (Ctrl-C) or the end of the target
 *   -> state = DRAINING, drain, run END, drain, final newline, print the
 *   aggregations, detach.
 * Records are validated (epid in range, length == clause size) before the
 * output engine sees them.  Side-effect actions in records come back through
 * the engine's action callback (EXIT, clear, trunc, normalize, setopt,
 * system, ...).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "internal.h"

#define DL_POLL_MAX_MS 100

static struct dtm_globals_hdr *ghdr(struct dload_obj *o)
{
	return o->globals;
}

static void set_state(struct dload_obj *o, uint32_t state)
{
	__atomic_store_n(&ghdr(o)->state, state, __ATOMIC_SEQ_CST);
}

static uint32_t get_state(struct dload_obj *o)
{
	return __atomic_load_n(&ghdr(o)->state, __ATOMIC_SEQ_CST);
}

static int run_dtrace_probes(struct dload_obj *o, uint64_t which,
			     const uint64_t *args);

/* --- faults ------------------------------------------------------------- */

static const char *const fault_names[] = {
	[DTM_FLT_BADADDR] = "invalid address",
	[DTM_FLT_BADALIGN] = "invalid alignment",
	[DTM_FLT_ILLOP] = "illegal operation",
	[DTM_FLT_DIVZERO] = "divide-by-zero",
	[DTM_FLT_NOSCRATCH] = "out of scratch space",
	[DTM_FLT_KPRIV] = "invalid kernel access",
	[DTM_FLT_UPRIV] = "invalid user access",
	[DTM_FLT_TUPOFLOW] = "tuple stack overflow",
	[DTM_FLT_BADSTACK] = "bad stack",
	[DTM_FLT_BADSIZE] = "invalid size",
	[DTM_FLT_BADSIZE + 1] = "index out of bounds",	/* DTRACEFLT_BADINDEX */
};

static void fault_details(const struct dtm_fault_rec *f, char *buf, size_t len)
{
	buf[0] = 0;
	switch (f->fault) {
	case DTM_FLT_BADADDR:
		if ((int64_t)f->addr == -1)
			break;
		/* fall through */
	case DTM_FLT_BADALIGN: case DTM_FLT_BADSTACK: case DTM_FLT_BADSIZE:
		snprintf(buf, len, " (0x%llx)", (unsigned long long)f->addr);
		break;
	case DTM_FLT_BADSIZE + 1:
		snprintf(buf, len, " (%lld)", (long long)f->addr);
		break;
	}
}

/* "error in dt_clause_N for probe ID P (p:m:f:n): fault (detail) at BPF pc X",
 * then the ERROR clauses with arg1 = prid, arg2 = statement, arg3 = pc,
 * arg4 = fault, arg5 = addr. */
static void on_fault(struct dload_obj *o, const void *data, size_t size)
{
	const struct dtm_probe *p;
	struct dtm_fault_rec f;
	char det[64], pc[32];

	if (size != sizeof(f)) {
		dl_diag(o, "bad fault record of %zu bytes ignored\n", size);
		return;
	}
	memcpy(&f, data, sizeof(f));
	if (f.epid >= o->meta.nprobes) {
		dl_diag(o, "bad fault record: enabled probe id %u out of range\n",
			f.epid);
		return;
	}
	p = &o->meta.probes[f.epid];
	fault_details(&f, det, sizeof(det));
	snprintf(pc, sizeof(pc), f.pc ? " at BPF pc %u" : "", f.pc);
	dl_probe_error(o, f.epid, f.hdr.prid, "%s%s%s",
		       f.fault < sizeof(fault_names) / sizeof(fault_names[0]) &&
		       fault_names[f.fault] ? fault_names[f.fault] : "unknown fault",
		       det, pc);
	if (!(p->kind == DTM_PROV_DTRACE && p->param == DTM_ERROR)) {
		uint64_t args[12] = { 0, f.hdr.prid, p->stmt, f.pc, f.fault,
				     f.addr };

		if (run_dtrace_probes(o, DTM_ERROR, args))
			dl_diag(o, "%s\n", o->errmsg);
	}
}

/* --- ring buffer ---------------------------------------------------------- */

/* stdout into a pipe or a file: fully buffered in 64 KiB blocks (glibc
 * would take the pipe's 4 KiB), still flushed after each poll batch.  Set
 * at the first record; glibc writes out what was buffered before. */
static void out_buffer(struct dload_obj *o)
{
	static char buf[1 << 16];
	static bool set;

	if (set || o->out.out != stdout)
		return;
	set = true;
	if (!isatty(fileno(stdout)))
		setvbuf(stdout, buf, _IOFBF, sizeof(buf));
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct dload_obj *o = ctx;
	const struct dtm_clause *cl;
	const struct dtm_probe *p;
	struct dtm_rec_hdr h;
	int err;

	if (size < sizeof(h)) {
		dl_diag(o, "bad record of %zu bytes ignored\n", size);
		return 0;
	}
	out_buffer(o);
	memcpy(&h, data, sizeof(h));
	if (h.epid == DTM_EPID_FAULT) {
		on_fault(o, data, size);
		return 0;
	}
	if (h.epid >= o->meta.nprobes) {
		dl_diag(o, "bad record: enabled probe id %u out of range\n", h.epid);
		return 0;
	}
	p = &o->meta.probes[h.epid];
	cl = &o->meta.clauses[p->clause];
	if (size != cl->size) {
		dl_diag(o, "bad record for enabled probe %u: %zu bytes, expected %u\n",
			h.epid, size, cl->size);
		return 0;
	}
	if (dl_spec_hold(o, data, size))
		return 0;	/* speculative: held back (spec.c) */
	err = dl_spec_record(o, p, cl, data, size);
	if (err)
		dl_diag(o, "cannot print record of enabled probe %u: %s\n", h.epid,
			strerror(-err));
	return 0;
}

static void drain(struct dload_obj *o)
{
	if (o->rb)
		ring_buffer__consume(o->rb);
	fflush(o->out.out);
}

/* "[TAG] N what(s)[ on CPU c]msg", as DTrace's drop handler */
static void report_drops_msg(struct dload_obj *o, uint64_t now, uint64_t *seen,
			     const char *tag, const char *what, bool cpu,
			     const char *msg)
{
	bool tags;
	uint64_t n;

	if (now <= *seen)
		return;
	n = now - *seen;
	*seen = now;
	dl_opt_get(o, "droptags", &tags);
	fflush(o->out.out);
	if (cpu)
		dl_diag(o, "%s%llu %s%s on CPU %d\n", tags ? tag : "",
			(unsigned long long)n, what, n > 1 ? "s" : "", 0);
	else
		dl_diag(o, "%s%llu %s%s%s\n", tags ? tag : "",
			(unsigned long long)n, what, n > 1 ? "s" : "", msg);
}

static void report_drops(struct dload_obj *o, uint64_t now, uint64_t *seen,
			 const char *tag, const char *what, bool cpu)
{
	report_drops_msg(o, now, seen, tag, what, cpu, "");
}

static void check_drops(struct dload_obj *o)
{
	struct dtm_globals_hdr *g = ghdr(o);

	/* records the ring buffer refused, and events that found every
	 * scratch nesting level in use: both lost whole, principal drops */
	report_drops(o, __atomic_load_n(&g->drops, __ATOMIC_RELAXED) +
		     __atomic_load_n(&g->nestdrops, __ATOMIC_RELAXED),
		     &o->drops_seen, "[DTRACEDROP_PRINCIPAL] ", "drop", true);
	report_drops(o, __atomic_load_n(&g->aggdrops, __ATOMIC_RELAXED),
		     &o->aggdrops_seen, "[DTRACEDROP_AGGREGATION] ",
		     "aggregation drop", true);
	report_drops(o, __atomic_load_n(&g->dyndrops, __ATOMIC_RELAXED),
		     &o->dyndrops_seen, "[DTRACEDROP_DYNAMIC] ",
		     "dynamic variable drop", false);
	report_drops(o, o->specdrops, &o->specdrops_seen, "[DTRACEDROP_SPEC] ",
		     "speculative drop", false);
	report_drops_msg(o, __atomic_load_n(&g->specbusy, __ATOMIC_RELAXED),
			 &o->specbusy_seen, "[DTRACEDROP_SPECBUSY] ",
			 "failed speculation", false,
			 " (available buffer(s) still busy)");
	report_drops_msg(o, __atomic_load_n(&g->specunavail, __ATOMIC_RELAXED),
			 &o->specunavail_seen, "[DTRACEDROP_SPECUNAVAIL] ",
			 "failed speculation", false,
			 " (no speculative buffer available)");
}

/* --- dtrace provider programs ----------------------------------------------- */

/* Run the BEGIN, END or ERROR programs in clause order; args: the raw_tp
 * context (12 u64), NULL for zeros.  Records of BEGIN are printed at once;
 * ERROR runs inside the ring-buffer callback, whose loop picks up its
 * records. */
static int run_dtrace_probes(struct dload_obj *o, uint64_t which,
			     const uint64_t *args)
{
	uint64_t ctx[12] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = ctx,
		    .ctx_size_in = sizeof(ctx));

	if (args)
		memcpy(ctx, args, sizeof(ctx));
	for (uint32_t e = 0; e < o->meta.nprobes; e++) {
		const struct dtm_probe *p = &o->meta.probes[e];
		struct bpf_program *prog;
		uint64_t faults;
		int err;

		if (p->kind != DTM_PROV_DTRACE || p->param != which)
			continue;
		prog = dl_prog(o, e);
		if (!prog || bpf_program__fd(prog) < 0)
			return dl_err(o, -ENOENT, "%s: no program for probe %u",
				      o->name, e);
		faults = ghdr(o)->faults;
		err = bpf_prog_test_run_opts(bpf_program__fd(prog), &opts);
		if (err)
			return dl_err(o, -errno, "cannot run %s: %s",
				      bpf_program__name(prog), strerror(errno));
		/* A fault in BEGIN runs ERROR at once (as DTrace, where the
		 * ERROR probe fires inside the faulting clause): an exit()
		 * there stops the later BEGIN clauses. */
		if (which == DTM_BEGIN && ghdr(o)->faults != faults)
			drain(o);
		if (which == DTM_BEGIN && (o->stop_req ||
					   get_state(o) == DTM_STATE_DRAINING))
			break;	/* exit() in BEGIN: the later BEGINs do not run */
	}
	return 0;
}

/* --- the main loop -------------------------------------------------------- */

static int poll_ms(struct dload_obj *o)
{
	uint64_t ms = o->switchrate_ns / 1000000;

	return ms < 1 ? 1 : ms > DL_POLL_MAX_MS ? DL_POLL_MAX_MS : (int)ms;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* With an explicit statusrate, DTrace notices exit() at its next status
 * check (every statusrate from the start of tracing), not at once. */
static bool status_pending(struct dload_obj *o)
{
	uint64_t now = now_ns(), p = o->statusrate_ns, next;

	if (!p || !o->active_ns)
		return false;
	if (!o->exit_seen_ns)
		o->exit_seen_ns = now;
	next = o->active_ns + ((o->exit_seen_ns - o->active_ns) / p + 1) * p;
	return now < next;
}

static bool done(struct dload_obj *o)
{
	if (o->stop_req)
		return true;
	if (o->exiting)
		return !status_pending(o);
	if (get_state(o) == DTM_STATE_DRAINING) {
		/* exit() whose record we did not see (dropped) */
		drain(o);
		if (!o->exiting) {
			o->exiting = true;
			o->exit_status = (int32_t)ghdr(o)->exit_status;
		}
		return !status_pending(o);
	}
	return (o->target_child || o->target_pid) && dl_target_exited(o);
}

/* After a poll that printed records, the next ones gather for this long
 * before the next poll: a busy probe otherwise costs an epoll wakeup and a
 * flush (a write) per handful of records.  DTrace itself reads its buffers
 * only every switchrate (1 s by default). */
#define DL_BATCH_NS 200000

static int consume_loop(struct dload_obj *o)
{
	const struct timespec batch = { 0, DL_BATCH_NS };
	int err, timeout = dl_syms_poll(o, poll_ms(o));

	while (!done(o)) {
		err = ring_buffer__poll(o->rb, timeout);
		if (err < 0 && err != -EINTR)
			return dl_err(o, err, "cannot read the ring buffer: %s",
				      strerror(-err));
		fflush(o->out.out);
		check_drops(o);
		dl_spec_poll(o);
		timeout = dl_syms_poll(o, poll_ms(o));
		if (err > 0)
			nanosleep(&batch, NULL);
	}
	return 0;
}

static int finish(struct dload_obj *o)
{
	bool exiting;
	int err, status;

	set_state(o, DTM_STATE_DRAINING);
	drain(o);
	/* An exit() in END overrides the status of an earlier exit(). */
	exiting = o->exiting;
	status = o->exit_status;
	o->exiting = false;
	err = run_dtrace_probes(o, DTM_END, NULL);
	drain(o);
	if (!o->exiting) {
		o->exiting = exiting;
		o->exit_status = status;
	}
	check_drops(o);
	if (!err)
		err = dlo_finish(&o->out);
	if (!err)
		err = dl_agg_print_all(o);
	fflush(o->out.out);
	dl_detach_all(o);
	dl_target_kill(o);
	dl_spec_free(o);
	return err;
}

/* Actions that need -w (those implemented as helpers are flagged by dcc). */
static bool uses_destructive(const struct dload_obj *o)
{
	if (o->meta.hdr.flags & DTM_F_DESTRUCTIVE)
		return true;
	for (uint32_t i = 0; i < o->meta.nrecs; i++)
		switch (o->meta.recs[i].action) {
		case DTM_ACT_SYSTEM: case DTM_ACT_FREOPEN: case DTM_ACT_RAISE:
		case DTM_ACT_STOP:
			return true;
		}
	return false;
}

/* DTrace's checks at "go": -w, and buffers that cannot hold one record
 * (bufsize) or one aggregation entry (aggsize). */
static int check_enable(struct dload_obj *o)
{
	static const char cne[] = "could not enable tracing";
	uint64_t maxrec = 0;

	if (uses_destructive(o) && !o->ro.destructive)
		return dl_err(o, -EPERM, "%s: Destructive actions not allowed",
			      cne);
	for (uint32_t i = 0; i < o->meta.nclauses; i++)
		if ((o->meta.clauses[i].flags & DTM_CF_TRACES) &&
		    o->meta.clauses[i].size > maxrec)
			maxrec = o->meta.clauses[i].size;
	/* As DTrace counts it: with ERROR clauses, a fault's record holds
	 * the ERROR probe's arg1..arg5 after the header. */
	for (uint32_t e = 0; e < o->meta.nprobes; e++)
		if (o->meta.probes[e].kind == DTM_PROV_DTRACE &&
		    o->meta.probes[e].param == DTM_ERROR &&
		    maxrec < sizeof(struct dtm_rec_hdr) + 5 * sizeof(uint64_t))
			maxrec = sizeof(struct dtm_rec_hdr) + 5 * sizeof(uint64_t);
	if (maxrec && o->bufsize < 8 + maxrec)	/* + ring buffer header */
		return dl_err(o, -ENOSPC, "%s: Enabling exceeds size of buffer",
			      cne);
	for (uint32_t i = 0; i < o->meta.naggs; i++)
		if (o->aggsize < (uint64_t)o->meta.aggs[i].key_size +
				 o->meta.aggs[i].val_size)
			return dl_err(o, -ENOSPC,
				      "%s: Enabling exceeds size of buffer", cne);
	return 0;
}

int dl_run(struct dload_obj *o)
{
	struct bpf_map *m = bpf_object__find_map_by_name(o->bpf, DTM_MAP_RINGBUF);
	int err;

	if ((err = check_enable(o)) || (err = dl_spec_init(o)))
		return err;
	o->rb = ring_buffer__new(bpf_map__fd(m), on_record, o, NULL);
	if (!o->rb)
		return dl_err(o, -errno, "cannot open the ring buffer: %s",
			      strerror(errno));
	/* As in DTrace, BEGIN's records are consumed after the probes are
	 * live: BEGIN { system("cmd") } must be seen by the other probes. */
	err = run_dtrace_probes(o, DTM_BEGIN, NULL);
	if (!err && !o->stop_req && get_state(o) != DTM_STATE_DRAINING) {
		set_state(o, DTM_STATE_ACTIVE);
		o->active_ns = now_ns();
		dl_target_go(o);
		drain(o);
		err = consume_loop(o);
	}
	if (err) {
		dl_detach_all(o);
		dl_target_kill(o);
		dl_spec_free(o);
		return err;
	}
	err = finish(o);
	if (err)
		return err;
	return o->exiting ? (o->exit_status & 0xff) : 0;
}

int dload_obj__run(struct dload_obj *obj)
{
	int n;

	if (!obj)
		return -EINVAL;
	if (!obj->loaded)
		return dl_err(obj, -EINVAL, "%s: not loaded", obj->name);
	if (!obj->attached) {
		n = dl_attach_all(obj);
		if (n < 0)
			return n;
	}
	return dl_run(obj);
}

void dload_obj__stop(struct dload_obj *obj)
{
	if (obj)
		obj->stop_req = 1;
}
