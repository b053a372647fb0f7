/* SPDX-License-Identifier: MIT */
/*
 * backend.h -- private interface between the back-end passes (regalloc.c,
 * peep.c, emit_bpf.c, btf_out.c, emit_elf.c, asm.c).  Nothing outside the
 * back end needs it: the pipeline calls the entry points declared in dcc.h.
 */
#ifndef DCC_BACKEND_H
#define DCC_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "ir.h"

struct dcc;

/* ir.c: operator names for text forms */
const char *ir_alu_name(int alu);
const char *ir_jcc_name(int jcc);

/* regalloc.c: registers an instruction reads / writes (at most 8); a
 * call writes r0..r5, exit reads r0.  Returns the count. */
int ir_insn_uses(const struct ir_insn *in, vreg_t *u);
int ir_insn_defs(const struct ir_insn *in, vreg_t *d);

/* emit_bpf.c: number of BPF instruction slots an IR instruction takes
 * (0 for pseudo-instructions, 2 for ld_imm64 forms). */
int emit_insn_slots(const struct ir_insn *in);
/* true when the IR instruction is encoded as ld_imm64 */
int emit_is_ldimm64(const struct ir_insn *in);

/* btf_out.c: the .BTF and .BTF.ext images of the program (malloc'ed). */
struct btf_images {
	void *btf;
	size_t btf_len;
	void *ext;
	size_t ext_len;
};
void btf_out_build(struct dcc *cc, struct ir_prog *p, struct btf_images *out);
void btf_out_free(struct btf_images *img);

/* btf_out.c: instruction offset of f in its ELF section (functions with
 * the same section name are concatenated in program order). */
int btf_func_sec_off(const struct ir_prog *p, const struct ir_func *f);

/* core_out.c: the kernel types CO-RE relocations refer to, copied into the
 * object's BTF (reduced to the accessed members), and the translation of a
 * relocation to the local type id and access string. */
struct btf;
struct core_out;
struct core_out *core_out_new(struct dcc *cc);
void core_out_types(struct dcc *cc, struct core_out *c, struct btf *btf,
		    const struct ir_prog *p);
uint32_t core_out_type(struct dcc *cc, struct core_out *c,
		       const struct ir_core *core, const char **access);

/* Map definition as laid out in .maps: one 8-byte slot per member. */
int btf_map_nmembers(const struct ir_map *m);

/* asm.c helper: one BPF instruction in text form. */
void asm_insn(const struct ir_func *f, int idx, char *buf, size_t len);

#endif /* DCC_BACKEND_H */
