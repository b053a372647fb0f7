/*
 * sched.d -- the CPU a probe fires on: cpuinfo_t, which the built-in
 * curcpu points to (a per-CPU record the runtime fills in), and the
 * shorthands pset, chip and lgrp.  Linux has no processor sets or
 * locality groups: those are 0.
 */

typedef id_t chipid_t;

typedef struct cpuinfo {
	processorid_t cpu_id;		/* CPU number */
	psetid_t cpu_pset;		/* processor set (0) */
	chipid_t cpu_chip;		/* physical package */
	lgrp_id_t cpu_lgrp;		/* locality group (NUMA node) */
	struct cpuinfo_x86 *cpu_info;	/* the kernel's data on it */
} cpuinfo_t;

inline psetid_t pset = curcpu->cpu_pset;
inline chipid_t chip = curcpu->cpu_chip;
inline lgrp_id_t lgrp = curcpu->cpu_lgrp;
