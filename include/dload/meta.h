/* SPDX-License-Identifier: MIT */
/*
 * meta.h -- the object-format contract between dcc and dload.
 *
 * dcc writes, and dload reads, one non-allocated ELF section named
 * DTM_SECTION in every BPF object it produces.  The section describes what
 * the BPF programs alone cannot: which probes to attach each program to,
 * the layout of every record a clause writes to the ring buffer, printf
 * formats, aggregations and options.  Everything else in the object (maps,
 * programs, BTF, .BTF.ext, CO-RE relocations) is plain libbpf material.
 *
 * Layout of the section (all integers little-endian, every table 8-byte
 * aligned):
 *
 *   struct dtm_header
 *   tables[DTM_T_*]: arrays of fixed-size entries, each table described by
 *                    {off, count, entsize} in the header.  A reader uses
 *                    min(entsize, sizeof(its struct)) bytes of each entry and
 *                    zero-fills the rest, so minor versions may append
 *                    fields to an entry.
 *   string table:    NUL-terminated strings; a string is a u32 offset into
 *                    it, and offset 0 is always the empty string "".
 *
 * Versioning: a reader refuses a different DTM_MAJOR; a larger DTM_MINOR
 * only adds fields or tables that older readers may ignore.
 *
 * Ring-buffer records: every record starts with struct dtm_rec_hdr and is
 * followed by the data items of the clause's record tuple, at the offsets
 * given by its dtm_rec entries.  A clause writes its whole record in one
 * ring-buffer write, or nothing at all (on a fault).
 *
 * The global map (DTM_MAP_GLOBALS, a one-entry array) starts with
 * struct dtm_globals_hdr; D global variables follow it.  Since major 2 it
 * is a global-data section, not a .maps entry: the writable, allocated
 * PROGBITS section DTM_MAP_GLOBALS (its size is the map's value size; its
 * bytes are the initial value) with a global STT_OBJECT symbol
 * DTM_VAR_GLOBALS covering it, described in .BTF by DATASEC
 * DTM_MAP_GLOBALS holding the global VAR DTM_VAR_GLOBALS.  libbpf turns it
 * into an internal BPF_MAP_TYPE_ARRAY[1] (BPF_F_MMAPABLE: the VAR is not
 * static) that bpf_object__find_map_by_name(obj, DTM_MAP_GLOBALS) finds,
 * and the programs get its value's address with one ld_imm64 (an
 * R_BPF_64_64 relocation against the section; BPF_PSEUDO_MAP_VALUE once
 * loaded) instead of a map_lookup_elem call and its NULL check.
 */
#ifndef DLOAD_META_H
#define DLOAD_META_H

#include <stdint.h>

#define DTM_SECTION	".dtrace_meta"
#define DTM_MAGIC	0x444d5444u	/* "DTMD" */
#define DTM_MAJOR	2	/* 2: DTM_MAP_GLOBALS is a global-data section
				   (1.1: fbt alternatives, DTM_PF_KPROBE) */
#define DTM_MINOR	1	/* 2.1: DTM_MAP_CHAIN, DTM_MAP_CHAIN_PE */

/* Names of the fixed maps in every object. */
#define DTM_MAP_GLOBALS	".data.dt_globals" /* section, internal ARRAY[1]:
					   dtm_globals_hdr + globals */
#define DTM_VAR_GLOBALS	"dt_globals"	/* its symbol and BTF VAR */
#define DTM_MAP_SCRATCH	"dt_scratch"	/* PERCPU_ARRAY[4]: one entry per nesting level (dt_nest): record buffer, this->, temps */
#define DTM_MAP_RINGBUF	"dt_ringbuf"	/* RINGBUF: the output records */
#define DTM_MAP_PROBES	"dt_probes"	/* ARRAY[n]: struct dtm_probe_info, filled by dload */
#define DTM_MAP_STRTAB	".rodata"	/* string constants used by the programs */
/*
 * Optional: syscall probes on the raw tracepoints.  A DTM_PROV_SYSCALL
 * program in section "raw_tp/sys_enter" (or "raw_tp/sys_exit") is attached
 * once, to that raw tracepoint, instead of once per syscalls/sys_enter_NAME
 * tracepoint (each of which costs ~60 ms to detach here).  dload then fills
 * this HASH {struct dtm_syscall_key} -> u32 prid with every syscall number
 * the description matches; the program looks up {its epid, the syscall
 * number} and returns 0 if absent, else uses the value as its prid.
 * Unless dtm_probe.param is set (a description naming one syscall, no
 * glob): then param - 1 is the offset in .rodata of {u32 nr, u32 prid}
 * (8-aligned, nr initially ~0) that dload writes for the one matching
 * syscall before loading; the program compares the syscall number with
 * nr (a constant to the verifier, .rodata being frozen) and takes prid
 * from there.  Such a program does not use this map.
 */
#define DTM_MAP_SYSCALLS "dt_syscalls"

struct dtm_syscall_key {
	uint32_t epid;
	uint32_t nr;		/* syscall number */
};

/*
 * Optional (2.1): clause chains.  When several programs are bound to one
 * concrete probe, DTrace runs their clauses in clause (epid) order in one
 * firing; but the kernel runs the uprobe consumers of one address in
 * reverse order of attachment, and one perf event per program would give
 * every clause its own timer.  So the programs of the pid, usdt, profile,
 * tick and cpc providers end (on every exit taken once the master switch
 * is on: normal end, predicate false, fault) with
 *   bpf_tail_call(ctx, &CHAIN, prid * NPROBES + epid)
 * where CHAIN is DTM_MAP_CHAIN for the uprobe programs (pid, usdt) and
 * DTM_MAP_CHAIN_PE for the perf_event ones (profile, tick, cpc) -- a
 * BPF_MAP_TYPE_PROG_ARRAY takes programs of one type only --, NPROBES the
 * number of DTM_T_PROBE entries, epid the program's own and prid its
 * probe id (the attach cookie, or dt_usdt's .prid; a tail-called program
 * sees the attach cookie of the link that started the chain).  dload
 * attaches, per concrete probe, only the first (lowest epid) of its bound
 * programs, and for each next program of that probe e' after e stores e'
 * at CHAIN[prid * NPROBES + e], sizing the map (at least 1 entry) so that
 * every such slot fits; an absent slot (or one past max_entries) ends the
 * chain.  A program bound to several concrete probes (globs) may be first
 * for one and chained for another.  The kernel allows 33 tail calls: a
 * probe with more programs gets a new chain (attached separately) every
 * DTM_CHAIN_MAX programs.  An object without these maps is attached the
 * old way (every program on its own).
 */
#define DTM_MAP_CHAIN	 "dt_chain"	/* PROG_ARRAY: uprobe programs */
#define DTM_MAP_CHAIN_PE "dt_chain_pe"	/* PROG_ARRAY: perf_event programs */
#define DTM_CHAIN_MAX	 33		/* programs per chain */

/*
 * Optional: USDT argument specs.  A DTM_PROV_USDT program (section "usdt")
 * is attached by dload as a plain uprobe on every site of its probes, with
 * the site's index in this ARRAY as the attach cookie; dload sets its
 * max_entries to the number of sites and fills it from the sites'
 * .note.stapsdt argument strings ("-4@%eax", "8@-16(%rbp)", "$5").  The
 * program looks up its cookie (returns if absent), takes .prid as its
 * probe id and computes argI as:
 *   NONE: 0    CONST: val    REG: *(u64 *)(regs + reg_off)
 *   DEREF: *(u64 *)(user)(REG + val)
 * then v = v << shift >> shift (arithmetic if sign): the low size bytes.
 */
#define DTM_MAP_USDT	"dt_usdt"
#define DTM_USDT_NARGS	12

enum dtm_usdt_argtype { DTM_USDT_NONE, DTM_USDT_CONST, DTM_USDT_REG,
			DTM_USDT_DEREF };

struct dtm_usdt_arg {
	int64_t val;		/* constant, or offset from the register */
	uint16_t reg_off;	/* offset of the register in struct pt_regs */
	uint8_t type;		/* enum dtm_usdt_argtype */
	uint8_t shift;		/* 64 - 8 * size */
	uint8_t sign;
	uint8_t pad[3];
};

struct dtm_usdt_spec {
	uint32_t prid;
	uint32_t nargs;
	struct dtm_usdt_arg args[DTM_USDT_NARGS];
};

enum dtm_table {
	DTM_T_PROBE,	/* struct dtm_probe: one per (clause, probe description) program */
	DTM_T_CLAUSE,	/* struct dtm_clause */
	DTM_T_REC,	/* struct dtm_rec: record-tuple items of all clauses */
	DTM_T_AGG,	/* struct dtm_agg */
	DTM_T_AGGKEY,	/* struct dtm_aggkey: key items of all aggregations */
	DTM_T_OPT,	/* struct dtm_opt */
	DTM_T__MAX
};

struct dtm_table_desc {
	uint32_t off;		/* from the start of the section */
	uint32_t count;
	uint32_t entsize;
	uint32_t pad;
};

struct dtm_header {
	uint32_t magic;		/* DTM_MAGIC */
	uint16_t major;		/* DTM_MAJOR */
	uint16_t minor;		/* DTM_MINOR */
	uint32_t hdr_size;	/* sizeof(struct dtm_header) of the writer */
	uint32_t total_size;	/* size of the whole section */
	uint32_t strtab_off;
	uint32_t strtab_len;	/* the last byte is NUL */
	uint32_t source;	/* string: the D source file name */
	uint32_t flags;		/* DTM_F_* */
	struct dtm_table_desc tables[DTM_T__MAX];
};

#define DTM_F_DESTRUCTIVE	0x1	/* uses destructive actions: needs -w */

/* Providers: how dload resolves and attaches a probe description. */
enum dtm_prov {
	DTM_PROV_DTRACE = 1,	/* BEGIN, END, ERROR: run by dload itself */
	DTM_PROV_PROFILE,	/* profile-N: perf cpu-clock on every CPU */
	DTM_PROV_TICK,		/* tick-N: fires on one CPU */
	DTM_PROV_SYSCALL,	/* syscall::NAME:entry|return -> syscalls tracepoints */
	DTM_PROV_SDT,		/* tracepoint CATEGORY:NAME */
	DTM_PROV_RAWTP,		/* raw tracepoint */
	DTM_PROV_FBT,		/* fentry/fexit, falling back to kprobes
				   (DTM_PF_KPROBE) */
	DTM_PROV_PID,		/* uprobes */
	DTM_PROV_USDT,		/* .note.stapsdt */
	DTM_PROV_PROC,		/* proc provider on tracepoints */
	DTM_PROV_SCHED,
	DTM_PROV_IO,
	DTM_PROV_CPC,		/* cpc:::EVENT-MODE-COUNT: software perf event on
				   every CPU, dtm_probe.param = DTM_CPC_PARAM */
};

/*
 * cpc probes: dtm_probe.param packs the perf event (PERF_TYPE_SOFTWARE
 * config, PERF_COUNT_SW_*) in bits 58-63, the mode (DTM_CPC_ALL/USER/KERNEL:
 * USER sets exclude_kernel, KERNEL exclude_user) in bits 56-57 and the
 * sample period (COUNT) in bits 0-55.
 */
enum dtm_cpc_mode { DTM_CPC_ALL, DTM_CPC_USER, DTM_CPC_KERNEL };
#define DTM_CPC_PERIOD_MASK	((1ull << 56) - 1)
#define DTM_CPC_PARAM(ev, mode, period) \
	((uint64_t)(ev) << 58 | (uint64_t)(mode) << 56 | (period))
#define DTM_CPC_EVENT(param)	((param) >> 58)
#define DTM_CPC_MODE(param)	((param) >> 56 & 3)
#define DTM_CPC_PERIOD(param)	((param) & DTM_CPC_PERIOD_MASK)

/* dtrace-provider probe names, in dtm_probe.param for DTM_PROV_DTRACE. */
enum dtm_dtrace_probe { DTM_BEGIN = 1, DTM_END, DTM_ERROR };

struct dtm_probe {
	uint32_t provider;	/* strings: the description as written, may glob */
	uint32_t module;
	uint32_t function;
	uint32_t name;
	uint32_t prog;		/* string: name of the BPF program (ELF symbol) */
	uint32_t clause;	/* index in DTM_T_CLAUSE */
	uint32_t kind;		/* enum dtm_prov */
	uint32_t flags;		/* DTM_PF_* */
	uint64_t param;		/* provider-specific: period in ns for profile/tick,
				   enum dtm_dtrace_probe for dtrace */
	uint32_t stmt;		/* DTrace's statement number (N of "dt_clause_N"
				   in fault messages): one per (clause, probe
				   description), counted over the program */
	uint32_t reserved;
	/* Appended (readers of entries without it see 0: use the clause's
	 * line): the source line of the probe description, which DTrace's
	 * messages about it name (D_PDESC_ZERO, D_PROC_*). */
	uint32_t line;
	uint32_t pad;
};

#define DTM_PF_RETURN	0x1	/* return probe (syscall return, uretprobe, fexit) */
/*
 * fbt (since version 1.1): dcc emits every fbt probe description as two
 * programs per probe name, alternatives of one another: the fentry/fexit
 * program (section "fentry/FUNC" or "fexit/FUNC", context: the u64
 * argument array) and the kprobe/kretprobe program ("kprobe/FUNC",
 * "kretprobe/FUNC", context: struct pt_regs), which has DTM_PF_KPROBE.
 * The two are the DTM_PROV_FBT entries with the same clause, stmt and
 * DTM_PF_RETURN; they are adjacent in DTM_T_PROBE, the fentry/fexit one
 * first.  dload loads, per concrete function, the variant the kernel can
 * attach, and sets autoload off on a program it binds to no function; both
 * write records of the same clause layout (each with its own epid).  A 1.0
 * reader would take the pair for two descriptions.
 */
#define DTM_PF_KPROBE	0x2	/* fbt: the kprobe/kretprobe alternative */

struct dtm_clause {
	uint32_t rec_first;	/* slice of DTM_T_REC */
	uint32_t rec_count;
	uint32_t size;		/* record size in bytes, header included */
	uint32_t flags;		/* DTM_CF_* */
	uint32_t line;		/* source line of the clause */
	uint32_t pad;
};

#define DTM_CF_TRACES	0x1	/* writes a record (else: no output at all) */

/* Actions: what dload does with one record item. */
enum dtm_act {
	DTM_ACT_NONE = 0,	/* the default action: print the probe only */
	DTM_ACT_TRACE,		/* trace(expr): one data item */
	DTM_ACT_PRINTF,		/* printf(fmt, ...): fmt in .fmt, .arg = argc;
				   the argc DTM_ACT_ARG items follow */
	DTM_ACT_ARG,		/* an argument of the preceding action */
	DTM_ACT_EXIT,		/* exit(status): int32 status */
	DTM_ACT_PRINTA,		/* printa([fmt,] @a...): .arg = aggregation id,
				   .fmt = format or 0 */
	DTM_ACT_CLEAR,		/* clear(@a): .arg = aggregation id */
	DTM_ACT_TRUNC,		/* trunc(@a[, n]): .arg = id, n item follows */
	DTM_ACT_NORMALIZE,	/* normalize(@a, n): n item follows */
	DTM_ACT_DENORMALIZE,
	DTM_ACT_SETOPT,		/* setopt(name[, value]) */
	DTM_ACT_STACK,
	DTM_ACT_USTACK,
	DTM_ACT_PRINT,		/* print(expr): typed output, .type = type name;
				   for a pointer to a struct/union, .type names
				   the pointee ("struct foo") in the object's
				   BTF (script types) or the kernel's, and a
				   DTM_K_BYTES ARG item with the pointee's
				   first bytes follows */
	DTM_ACT_TRACEMEM,
	DTM_ACT_SYSTEM,		/* system(fmt, ...) like printf */
	DTM_ACT_FREOPEN,
	DTM_ACT_FTRUNCATE,
	DTM_ACT_RAISE,
	DTM_ACT_STOP,
	DTM_ACT_PRINTM,
	DTM_ACT_COMMIT,		/* commit(id): uint32 id item, 0 unless this
				   call started the draining (speculations) */
	DTM_ACT_DISCARD,	/* discard(id): likewise */
};

/* Kinds of data in a record item or aggregation key. */
enum dtm_kind {
	DTM_K_NONE = 0,
	DTM_K_INT,		/* integer of .size bytes; DTM_RF_SIGNED */
	DTM_K_STRING,		/* NUL-terminated, at most .size bytes */
	DTM_K_BYTES,		/* raw bytes: structs, arrays, tracemem */
	DTM_K_PTR,		/* pointer value (printed in hex by trace) */
	DTM_K_STACK,		/* kernel stack: .size/8 u64 pcs */
	DTM_K_USTACK,		/* user stack: pid u64 then pcs */
	DTM_K_SYM,		/* kernel address printed as symbol (sym/func) */
	DTM_K_MOD,
	DTM_K_USYM,		/* pid u64 + address (usym/ufunc) */
	DTM_K_UMOD,
	DTM_K_UADDR,
	DTM_K_FLOAT,
};

struct dtm_rec {
	uint16_t action;	/* enum dtm_act */
	uint16_t kind;		/* enum dtm_kind */
	uint32_t offset;	/* from the start of the record (header included) */
	uint32_t size;		/* bytes */
	uint32_t flags;		/* DTM_RF_* */
	uint32_t fmt;		/* string: format, if any */
	uint32_t arg;		/* action-specific (printf argc, aggregation id) */
	uint32_t type;		/* string: D type name of the item, for print()/trace() */
	uint32_t line;		/* source line of the action */
};

#define DTM_RF_SIGNED	0x1

enum dtm_aggfn {
	DTM_AGG_COUNT = 1,
	DTM_AGG_SUM,
	DTM_AGG_AVG,
	DTM_AGG_MIN,
	DTM_AGG_MAX,
	DTM_AGG_STDDEV,
	DTM_AGG_QUANTIZE,
	DTM_AGG_LQUANTIZE,
	DTM_AGG_LLQUANTIZE,
};

/*
 * An aggregation lives in a BPF_MAP_TYPE_PERCPU_HASH named .map, keyed by
 * the key tuple (key_size bytes; 8 zero bytes for an unkeyed aggregation).
 * An unkeyed count/avg/stddev/min/max may instead be a one-entry
 * BPF_MAP_TYPE_PERCPU_ARRAY (u32 key 0; key_size stays 8 here): its first
 * slot is 0 until the first update, so "never updated" still shows.
 * Per-CPU values are val_size bytes of int64_t slots:
 *   count: [count]            sum: [sum]          min/max: [has, value]
 *   avg: [count, sum]         stddev: [count, sum, sum-of-squares (u128)]
 *   quantize: [bucket...]     (DTrace's 127 power-of-two buckets)
 *   lquantize/llquantize: [bucket...] as DTrace lays them out.
 */
struct dtm_agg {
	uint32_t name;		/* string, without '@' ("" for @) */
	uint32_t map;		/* string: BPF map name */
	uint16_t func;		/* enum dtm_aggfn */
	uint16_t nkeys;
	uint32_t key_first;	/* slice of DTM_T_AGGKEY */
	uint32_t key_size;
	uint32_t val_size;
	uint32_t line;
	int64_t params[4];	/* lquantize: base, limit, step; llquantize:
				   factor, low, high, nsteps */
};

struct dtm_aggkey {
	uint16_t kind;		/* enum dtm_kind */
	uint16_t flags;		/* DTM_RF_* */
	uint32_t offset;	/* in the key */
	uint32_t size;
	uint32_t type;		/* string: D type name */
};

struct dtm_opt {
	uint32_t name;		/* string */
	uint32_t value;		/* string; 0 for a flag option set without value */
};

/* Start of the record in the ring buffer. */
struct dtm_rec_hdr {
	uint32_t epid;		/* index in DTM_T_PROBE of the program that wrote it */
	uint32_t prid;		/* probe id: the attach cookie dload gave */
	uint32_t cpu;
	uint32_t pad;		/* speculation id of a speculative record
				   (speculate(id) ran in the clause), else 0 */
};

/*
 * Fault record (added by codegen, minor addition): when a program faults
 * (bad address, division by zero, ...) it writes this record instead of
 * its clause's record: hdr.epid = DTM_EPID_FAULT, hdr.prid/cpu as usual.
 * dload prints DTrace's "dtrace: error in dt_clause_N for probe ID P
 * (prov:mod:func:name): <fault text> at BPF pc PC" and runs the ERROR
 * clauses (arg1 = epid, arg2 = action index 0, arg3 = pc, arg4 = fault,
 * arg5 = addr), except for faults in ERROR programs themselves.
 */
#define DTM_EPID_FAULT	0xffffffffu

enum dtm_fault {		/* DTrace's DTRACEFLT_* values */
	DTM_FLT_BADADDR = 1,	/* "invalid address (0x%llx)" */
	DTM_FLT_BADALIGN,	/* "invalid alignment (0x%llx)" */
	DTM_FLT_ILLOP,		/* "illegal operation" */
	DTM_FLT_DIVZERO,	/* "divide-by-zero" */
	DTM_FLT_NOSCRATCH,	/* "out of scratch space" */
	DTM_FLT_KPRIV,
	DTM_FLT_UPRIV,
	DTM_FLT_TUPOFLOW,
	DTM_FLT_BADSTACK,
	DTM_FLT_BADSIZE,
	DTM_FLT_BADINDEX,	/* "index out of bounds (%lld)": addr = index */
};

struct dtm_fault_rec {
	struct dtm_rec_hdr hdr;	/* epid = DTM_EPID_FAULT */
	uint32_t epid;		/* the faulting program (index in DTM_T_PROBE) */
	uint32_t fault;		/* enum dtm_fault */
	uint64_t addr;		/* faulting address (BADADDR), else 0 */
	uint32_t pc;		/* fault site (> 0), stands for DTrace's BPF pc */
	uint32_t pad;
};

/*
 * Speculations (minor addition).  DTM_MAP_SPEC is a HASH map u32 id ->
 * struct dtm_spec with at most nspec entries: an entry exists while the
 * speculation id (1..nspec) is in use.  speculation() claims the lowest free
 * id with map_update_elem(BPF_NOEXIST); commit()/discard() set .draining;
 * dload deletes the entry (freeing the id) once it has consumed every
 * record written for it.  A speculative record is a clause record whose
 * dtm_rec_hdr.pad holds the id; dload holds it back until a record with a
 * DTM_ACT_COMMIT item (print it) or DTM_ACT_DISCARD item (drop it) for the
 * id arrives.  DTM_MAP_SPECW (PERCPU_ARRAY[nspec + 1] of u64) counts the
 * speculative records written per id, cumulatively over the run; dload
 * counts those it consumed to know when an id has drained.
 */
#define DTM_MAP_SPEC	"dt_spec"
#define DTM_MAP_SPECW	"dt_specw"

struct dtm_spec {
	uint64_t draining;	/* commit() or discard() was called */
	uint64_t reserved;
};

/* Start of the value of the global map. */
struct dtm_globals_hdr {
	uint32_t state;		/* enum dtm_state: the master switch */
	uint32_t exit_status;	/* status passed to exit() */
	uint64_t faults;	/* ERROR count */
	uint64_t drops;		/* records the ring buffer could not take */
	uint64_t dyndrops;	/* dynamic-variable drops */
	uint64_t specbusy;	/* speculation() failed: a buffer was draining */
	uint64_t specunavail;	/* speculation() failed: none available */
	uint64_t aggdrops;	/* aggregation updates dropped: the map was
				   full (aggsize), reported as DTrace's
				   "N aggregation drops on CPU N" */
	uint64_t target;	/* $target: the -p pid or the -c child's pid
				   (0: none), written by dload before BEGIN;
				   programs read $target from here, so one
				   object serves any target process */
	uint64_t dynvars;	/* live dynamic-variable elements (all self->
				   and associative-array maps together),
				   changed atomically by the programs: the
				   dynvarsize budget they share (minor
				   addition) */
	uint64_t nestdrops;	/* events dropped because DTM_MAP_SCRATCH's
				   nesting levels were all in use (a probe
				   firing inside 4 nested programs on one
				   CPU), reported as principal drops */
};

enum dtm_state {
	DTM_STATE_INACTIVE = 0,	/* loaded, BEGIN not run yet: probes do nothing */
	DTM_STATE_ACTIVE,	/* probes fire */
	DTM_STATE_DRAINING,	/* exit() was called: only END runs */
};

/* Entry of DTM_MAP_PROBES, indexed by prid: names for probefunc & co. */
#define DTM_PROBE_STRLEN 64
struct dtm_probe_info {
	char prov[DTM_PROBE_STRLEN];
	char mod[DTM_PROBE_STRLEN];
	char func[DTM_PROBE_STRLEN];
	char name[DTM_PROBE_STRLEN];
};

#endif /* DLOAD_META_H */
