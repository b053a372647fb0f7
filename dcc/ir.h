/* SPDX-License-Identifier: MIT */
/*
 * ir.h -- the intermediate representation between codegen and BPF.
 *
 * The IR is BPF-shaped (as in ply): each instruction is one BPF operation,
 * but operands are virtual registers (vregs, numbered from IR_VREG0) and
 * branch targets are symbolic labels.  Pseudo-instructions carry labels,
 * comments and source lines so that `dcc -S` can show them.
 *
 * Pipeline over one struct ir_func:
 *   cg.c builds it with the ir_* builders below;
 *   regalloc.c maps vregs to r0..r9 and stack spill slots (in place: it
 *     rewrites operands to physical registers IR_R0..IR_R10);
 *   peep.c rewrites short instruction patterns;
 *   emit_bpf.c encodes struct bpf_insn, resolves labels to jump offsets and
 *     records map, .rodata, subprogram and CO-RE relocations.
 *
 * Calling convention for IR_CALL: up to five argument vregs and one result
 * vreg.  regalloc moves the arguments to r1..r5 and the result from r0, and
 * treats r0..r5 as clobbered by the call.  Physical registers may be named
 * directly (IR_R0..IR_R10); r10 is the read-only frame pointer.
 */
#ifndef DCC_IR_H
#define DCC_IR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct dcc;

typedef int32_t vreg_t;

#define IR_R0		0
#define IR_R1		1
#define IR_R5		5
#define IR_R6		6
#define IR_R9		9
#define IR_FP		10	/* r10 */
#define IR_VREG0	16	/* first virtual register */
#define IR_NOREG	(-1)

enum ir_op {
	/* real operations */
	IR_MOVI,	/* dst = imm (64-bit; emitted as mov or ld_imm64) */
	IR_MOV,		/* dst = src */
	IR_ALU,		/* dst = dst <alu> src;  alu = BPF_ADD.. , w32 for 32-bit */
	IR_ALUI,	/* dst = dst <alu> imm (imm must fit in s32) */
	IR_NEG,		/* dst = -dst */
	IR_LOAD,	/* dst = *(size *)(src + off) */
	IR_STORE,	/* *(size *)(dst + off) = src */
	IR_STOREI,	/* *(size *)(dst + off) = imm (s32) */
	IR_JA,		/* goto label */
	IR_JCC,		/* if (dst <cc> src) goto label */
	IR_JCCI,	/* if (dst <cc> imm) goto label */
	IR_CALL,	/* dst = helper(imm)(args[0..nargs-1]) */
	IR_CALL_SUB,	/* dst = subprogram(sym)(args...) (BPF-to-BPF call) */
	IR_LD_MAP,	/* dst = &map (ld_imm64 BPF_PSEUDO_MAP_FD, relocated
			   against the map symbol `sym`) */
	IR_LD_DATA,	/* dst = address of .rodata + imm (relocated); with
			   `sym`, of that global-data section + imm */
	IR_EXIT,	/* return r0 (set r0 first with IR_MOV/IR_MOVI dst=IR_R0) */

	/* pseudo operations */
	IR_LABEL,	/* label: */
	IR_COMMENT,	/* text, shown by dcc -S */
	IR_LOC,		/* source line (imm) for line info and dcc -S */
};

/* BPF condition codes for IR_JCC/IR_JCCI: use the BPF_JEQ.. values from
 * <linux/bpf.h> (BPF_JEQ, BPF_JGT, BPF_JSGE, ...), plus BPF_JSET.
 * ALU ops: BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_MOD, BPF_OR, BPF_AND,
 * BPF_XOR, BPF_LSH, BPF_RSH, BPF_ARSH (BPF_DIV/BPF_MOD are unsigned).
 * Sizes are 1, 2, 4, 8 bytes. */

/* A CO-RE field relocation attached to the instruction whose offset or
 * immediate is a kernel field offset (IR_ALUI add, IR_LOAD off, IR_MOVI). */
struct ir_core {
	uint32_t btf_id;	/* root type id in the kernel BTF */
	const char *access;	/* "0:2:1" access string, as libbpf wants */
	uint32_t kind;		/* enum bpf_core_relo_kind */
};

struct ir_insn {
	enum ir_op op;
	uint8_t alu;		/* BPF_ADD.. / BPF_JEQ.. */
	uint8_t size;		/* 1,2,4,8 for memory ops */
	bool w32;		/* 32-bit ALU */
	bool atomic;		/* IR_STORE: *(dst + off) += src, atomically
				   (BPF_ATOMIC BPF_ADD, sizes 4 and 8) */
	vreg_t dst, src;
	int32_t off;		/* memory offset */
	int64_t imm;
	int label;		/* IR_JA/IR_JCC*: target; IR_LABEL: this label */
	vreg_t args[5];		/* IR_CALL/IR_CALL_SUB */
	int nargs;
	const char *sym;	/* map name, subprogram name */
	const char *text;	/* comment text (IR_COMMENT), or a comment
				   attached to any instruction */
	struct ir_core *core;	/* CO-RE relocation or NULL */
	int line;		/* source line, 0 if none */
	struct ir_insn *next, *prev;
};

enum ir_func_kind { IR_FN_PROG, IR_FN_SUBPROG };

/* Codegen of one function stops with "clause too large" beyond this many
 * instructions: BPF jumps reach +-32767 instructions, and register
 * allocation is quadratic, so a (say, inline-exploded) clause that could
 * never be emitted must not take minutes and gigabytes to find out. */
#define IR_MAX_INSNS	65536

struct ir_func {
	const char *name;	/* ELF symbol: program or subprogram name */
	const char *section;	/* libbpf section name ("tracepoint/...") */
	enum ir_func_kind kind;
	struct ir_insn *head, *tail;
	int nvregs;		/* next free vreg number */
	int nlabels;		/* next free label number */
	int32_t stack_size;	/* bytes of stack used by cg (below fp) */
	/* stack slots whose address is never taken (only direct loads and
	 * stores), so peep.c may track what they hold: [fp - priv_top, fp)
	 * (cg.c's context slots) and [fp - spill_hi, fp - spill_lo)
	 * (regalloc.c's spill slots); 0: none */
	int32_t priv_top, spill_lo, spill_hi;
	int line;		/* source line of the clause */
	vreg_t ctx;		/* vreg that holds r1 at entry */
	int nemitted;		/* instructions ir_emit() made (not labels,
				   comments, lines): bounded by IR_MAX_INSNS */

	/* filled by emit_bpf.c */
	struct bpf_insn *insns;
	int ninsns;
	int *insn_line;		/* source line per instruction (line info) */
	const char **insn_text;	/* comment per instruction (dcc -S), or NULL */
	struct ir_reloc *relocs;
	int nrelocs;
	struct ir_func *next;
};

enum ir_reloc_kind { IR_RELOC_MAP, IR_RELOC_DATA, IR_RELOC_SUB, IR_RELOC_CORE };
struct ir_reloc {
	enum ir_reloc_kind kind;
	int insn;		/* instruction index */
	const char *sym;	/* map / subprogram name */
	struct ir_core core;
};

/* A map the object defines in .maps (BTF-defined). */
struct ir_map {
	const char *name;
	uint32_t type;		/* BPF_MAP_TYPE_* */
	uint32_t key_size, value_size, max_entries, flags;
	/* optional BTF key/value types; 0 = plain integer/byte-array types */
	struct ir_map *next;
};

struct ir_prog {
	struct ir_func *funcs;	/* programs and subprograms, in order */
	struct ir_map *maps;
	uint8_t *rodata;	/* string constants (.rodata) */
	uint32_t rodata_len;
	/* Size of the global-data section DTM_MAP_GLOBALS (zero-filled,
	 * ELF symbol and BTF VAR "dt_globals"), 0 = none: libbpf makes it
	 * an internal, mmapable one-entry array map. */
	uint32_t globals_len;
	void *meta;		/* the metadata section image (meta_out.c) */
	uint32_t meta_len;
	const char *source;	/* D source text, for line info */
	const char *filename;
	/* Script-defined types print() records (struct type *): btf_out.c
	 * adds them to .BTF under their names, where dload finds them. */
	void **print_types;
	int nprint_types;
	/* ir.c: maps by name, an open-addressing hash of nmap_idx slots,
	 * and the last map of the list */
	struct ir_map **map_idx, *map_last;
	unsigned nmap_idx, nmaps;
};

/* ir.c: construction */
struct ir_prog *ir_prog_new(struct dcc *cc);
struct ir_func *ir_func_new(struct dcc *cc, struct ir_prog *p, const char *name,
			    const char *section, enum ir_func_kind kind);
struct ir_map *ir_map_add(struct dcc *cc, struct ir_prog *p, const char *name,
			  uint32_t type, uint32_t ksz, uint32_t vsz, uint32_t max);
struct ir_map *ir_map_find(struct ir_prog *p, const char *name);	/* or NULL */
uint32_t ir_rodata_add(struct dcc *cc, struct ir_prog *p, const void *data,
		       uint32_t len);	/* returns offset, deduplicates */
vreg_t ir_vreg(struct ir_func *f);
int ir_label(struct ir_func *f);
int32_t ir_stack_alloc(struct ir_func *f, uint32_t size, uint32_t align);
							/* fp-relative (<0) */
struct ir_insn *ir_emit(struct dcc *cc, struct ir_func *f, enum ir_op op);
/* convenience builders; they return the new instruction */
struct ir_insn *ir_movi(struct dcc *cc, struct ir_func *f, vreg_t d, int64_t imm);
struct ir_insn *ir_mov(struct dcc *cc, struct ir_func *f, vreg_t d, vreg_t s);
struct ir_insn *ir_alu(struct dcc *cc, struct ir_func *f, int alu, vreg_t d, vreg_t s);
struct ir_insn *ir_alui(struct dcc *cc, struct ir_func *f, int alu, vreg_t d, int64_t imm);
struct ir_insn *ir_load(struct dcc *cc, struct ir_func *f, int size, vreg_t d,
			vreg_t base, int32_t off);
struct ir_insn *ir_store(struct dcc *cc, struct ir_func *f, int size, vreg_t base,
			 int32_t off, vreg_t s);
struct ir_insn *ir_storei(struct dcc *cc, struct ir_func *f, int size, vreg_t base,
			  int32_t off, int32_t imm);
struct ir_insn *ir_ja(struct dcc *cc, struct ir_func *f, int label);
struct ir_insn *ir_jcc(struct dcc *cc, struct ir_func *f, int cc_, vreg_t a,
		       vreg_t b, int label);
struct ir_insn *ir_jcci(struct dcc *cc, struct ir_func *f, int cc_, vreg_t a,
			int64_t imm, int label);
struct ir_insn *ir_call(struct dcc *cc, struct ir_func *f, vreg_t d, int helper,
			int nargs, const vreg_t *args);
struct ir_insn *ir_ld_map(struct dcc *cc, struct ir_func *f, vreg_t d, const char *map);
struct ir_insn *ir_ld_data(struct dcc *cc, struct ir_func *f, vreg_t d, uint32_t off);
struct ir_insn *ir_ld_sec(struct dcc *cc, struct ir_func *f, vreg_t d,
			  const char *sec, uint32_t off);	/* &sec + off */
struct ir_insn *ir_exit(struct dcc *cc, struct ir_func *f);
struct ir_insn *ir_place_label(struct dcc *cc, struct ir_func *f, int label);
struct ir_insn *ir_comment(struct dcc *cc, struct ir_func *f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct ir_insn *ir_loc(struct dcc *cc, struct ir_func *f, int line);

/* ir.c: unlink or insert an instruction in f's list */
void ir_unlink(struct ir_func *f, struct ir_insn *in);
void ir_insert_before(struct ir_func *f, struct ir_insn *at, struct ir_insn *in);
void ir_insert_after(struct ir_func *f, struct ir_insn *at, struct ir_insn *in);

/* ir.c: text form, for dcc -S before allocation and for debugging */
void ir_dump_func(const struct ir_func *f, FILE *out);

#endif /* DCC_IR_H */
