/* SPDX-License-Identifier: MIT */
/*
 * asm.c -- `dcc -S`: the generated code as annotated assembly.
 *
 * For every function: its section and symbol, then the final BPF
 * instructions (decoded from f->insns, so what is printed is what is in the
 * object) with their indices, interleaved with the D source lines (from
 * IR_LOC), labels and the IR comments that codegen attached.
 */
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <linux/bpf.h>

#include "dcc.h"
#include "ir.h"
#include "backend.h"

#define HELPER_NAME(x) [BPF_FUNC_##x] = "bpf_" #x
static const char *helper_names[] = {
	__BPF_FUNC_MAPPER(HELPER_NAME)
};

static const char *alu_ops[16] = {
	"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=",
	"neg", "%=", "^=", "=", "s>>=", "endian", "?", "?",
};
static const char *jmp_ops[16] = {
	"goto", "==", ">", ">=", "&", "!=", "s>", "s>=",
	"call", "exit", "<", "<=", "s<", "s<=", "?", "?",
};
static const char *sizes[4] = { "u32", "u16", "u8", "u64" };

static const struct ir_reloc *reloc_at(const struct ir_func *f, int idx, int kind)
{
	int i;

	for (i = 0; i < f->nrelocs; i++)
		if (f->relocs[i].insn == idx && (int)f->relocs[i].kind == kind)
			return &f->relocs[i];
	return NULL;
}

static void asm_alu(const struct bpf_insn *x, char *buf, size_t len)
{
	char r = BPF_CLASS(x->code) == BPF_ALU64 ? 'r' : 'w';
	int op = BPF_OP(x->code) >> 4;

	if (BPF_OP(x->code) == BPF_NEG)
		snprintf(buf, len, "%c%d = -%c%d", r, x->dst_reg, r, x->dst_reg);
	else if (BPF_SRC(x->code) == BPF_X)
		snprintf(buf, len, "%c%d %s %c%d", r, x->dst_reg, alu_ops[op], r, x->src_reg);
	else
		snprintf(buf, len, "%c%d %s %d", r, x->dst_reg, alu_ops[op], x->imm);
}

static void asm_jmp(const struct ir_func *f, int idx, char *buf, size_t len)
{
	const struct bpf_insn *x = &f->insns[idx];
	char r = BPF_CLASS(x->code) == BPF_JMP32 ? 'w' : 'r';
	int op = BPF_OP(x->code);
	const struct ir_reloc *rel;

	if (op == BPF_EXIT) {
		snprintf(buf, len, "exit");
	} else if (op == BPF_CALL && x->src_reg == BPF_PSEUDO_CALL) {
		rel = reloc_at(f, idx, IR_RELOC_SUB);
		snprintf(buf, len, "call %s", rel ? rel->sym : "pc+?");
	} else if (op == BPF_CALL) {
		const char *n = x->imm > 0 && (size_t)x->imm < sizeof(helper_names) /
			sizeof(helper_names[0]) ? helper_names[x->imm] : NULL;
		snprintf(buf, len, "call %s#%d", n ? n : "helper", x->imm);
	} else if (op == BPF_JA) {
		snprintf(buf, len, "goto %+d <%d>", x->off, idx + 1 + x->off);
	} else if (BPF_SRC(x->code) == BPF_X) {
		snprintf(buf, len, "if %c%d %s %c%d goto %+d <%d>", r, x->dst_reg,
			 jmp_ops[op >> 4], r, x->src_reg, x->off, idx + 1 + x->off);
	} else {
		snprintf(buf, len, "if %c%d %s %d goto %+d <%d>", r, x->dst_reg,
			 jmp_ops[op >> 4], x->imm, x->off, idx + 1 + x->off);
	}
}

static void asm_ld64(const struct ir_func *f, int idx, char *buf, size_t len)
{
	const struct bpf_insn *x = &f->insns[idx];
	const struct ir_reloc *rel;
	uint64_t v = (uint32_t)x[0].imm | (uint64_t)(uint32_t)x[1].imm << 32;

	if ((rel = reloc_at(f, idx, IR_RELOC_MAP)))
		snprintf(buf, len, "r%d = map[%s] ll", x->dst_reg, rel->sym);
	else if ((rel = reloc_at(f, idx, IR_RELOC_DATA)))
		snprintf(buf, len, "r%d = %s + %d ll", x->dst_reg, rel->sym, x->imm);
	else
		snprintf(buf, len, "r%d = %#llx ll", x->dst_reg, (unsigned long long)v);
}

void asm_insn(const struct ir_func *f, int idx, char *buf, size_t len)
{
	const struct bpf_insn *x = &f->insns[idx];
	const char *sz = sizes[BPF_SIZE(x->code) >> 3];

	switch (BPF_CLASS(x->code)) {
	case BPF_ALU: case BPF_ALU64:
		asm_alu(x, buf, len);
		break;
	case BPF_JMP: case BPF_JMP32:
		asm_jmp(f, idx, buf, len);
		break;
	case BPF_LDX:
		snprintf(buf, len, "r%d = *(%s *)(r%d %+d)", x->dst_reg, sz, x->src_reg, x->off);
		break;
	case BPF_STX:
		snprintf(buf, len, "%s*(%s *)(r%d %+d) %s= r%d",
			 BPF_MODE(x->code) == BPF_ATOMIC ? "lock " : "", sz,
			 x->dst_reg, x->off, BPF_MODE(x->code) == BPF_ATOMIC ? "+" : "",
			 x->src_reg);
		break;
	case BPF_ST:
		snprintf(buf, len, "*(%s *)(r%d %+d) = %d", sz, x->dst_reg, x->off, x->imm);
		break;
	case BPF_LD:
		asm_ld64(f, idx, buf, len);
		break;
	default:
		snprintf(buf, len, ".insn %#x", x->code);
	}
}

/* ---- printing ------------------------------------------------------------------ */

static void print_line(const struct dcc *cc, int line, FILE *out)
{
	const char *s = cc->ir->source, *e;
	int l = 1;

	if (!s || line <= 0)
		return;
	for (; *s && l < line; s++)
		if (*s == '\n')
			l++;
	while (*s == ' ' || *s == '\t')
		s++;
	for (e = s; *e && *e != '\n'; e++)
		;
	fprintf(out, "; line %d: %.*s\n", line, (int)(e - s), s);
}

/* a comment on one line: control characters escaped */
static void print_text(const char *s, FILE *out)
{
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", out);
		else if (*s == '\t')
			fputs("\\t", out);
		else if ((unsigned char)*s < ' ')
			fprintf(out, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, out);
	}
}

/* " struct task_struct.real_parent": the kernel names a CO-RE field access
 * string walks through (empty without the kernel BTF) */
static void core_names(const struct dcc *cc, const struct ir_core *core, FILE *out)
{
	const struct btf_type *t = cc->kbtf ? btf__type_by_id(cc->kbtf, core->btf_id) : NULL;
	const char *s = core->access, *name;
	uint32_t id = core->btf_id;
	long k;

	if (!t || !btf_is_composite(t) || core->kind > BPF_CORE_FIELD_RSHIFT_U64)
		return;
	fprintf(out, " %s %s", btf_is_struct(t) ? "struct" : "union",
		btf__name_by_offset(cc->kbtf, t->name_off));
	strtol(s, (char **)&s, 10);
	while (*s == ':' && t) {
		k = strtol(s + 1, (char **)&s, 10);
		while (t && (btf_is_mod(t) || btf_is_typedef(t)))
			t = btf__type_by_id(cc->kbtf, id = t->type);
		if (t && btf_is_array(t)) {
			fprintf(out, "[%ld]", k);
			t = btf__type_by_id(cc->kbtf, id = btf_array(t)->type);
		} else if (t && btf_is_composite(t) && k >= 0 && k < btf_vlen(t)) {
			name = btf__name_by_offset(cc->kbtf, btf_members(t)[k].name_off);
			fprintf(out, ".%s", name && *name ? name : "<anon>");
			t = btf__type_by_id(cc->kbtf, id = btf_members(t)[k].type);
		} else {
			return;
		}
	}
}

static void print_insn(const struct dcc *cc, const struct ir_func *f,
		       const struct ir_insn *in, int idx, FILE *out)
{
	char buf[128];
	const struct ir_reloc *core = reloc_at(f, idx, IR_RELOC_CORE);

	asm_insn(f, idx, buf, sizeof(buf));
	fprintf(out, (in->text || core) ? "%6d:  %-40s" : "%6d:  %s", idx, buf);
	if (in->text) {
		fputs(" ; ", out);
		print_text(in->text, out);
	}
	if (core) {
		fputs(" ; CO-RE", out);
		core_names(cc, &core->core, out);
		fprintf(out, " (type %u access %s)", core->core.btf_id, core->core.access);
	}
	fputc('\n', out);
}

static void print_func(const struct dcc *cc, const struct ir_func *f, FILE *out)
{
	const struct ir_insn *in;
	int idx = 0, line = 0;

	fprintf(out, "\n\t.section \"%s\"\n%s:\t\t; %s, %d instructions, stack %d\n",
		f->section, f->name, f->kind == IR_FN_PROG ? "program" : "subprogram",
		f->ninsns, f->stack_size);
	for (in = f->head; in; in = in->next) {
		if (in->op == IR_LABEL) {
			fprintf(out, "L%d:\t\t; <%d>\n", in->label, idx);
		} else if (in->op == IR_COMMENT) {
			fputs("\t\t; ", out);
			print_text(in->text ? in->text : "", out);
			fputc('\n', out);
		} else if (in->op == IR_LOC) {
			if (in->imm != line)
				print_line(cc, (int)in->imm, out);
			line = (int)in->imm;
		} else if (idx < f->ninsns) {
			print_insn(cc, f, in, idx, out);
			idx += emit_insn_slots(in);
		}
	}
}

void dcc_print_asm(const struct dcc *cc, FILE *out)
{
	const struct ir_func *f;

	if (!cc->ir)
		return;
	fprintf(out, "; %s\n", cc->filename ? cc->filename : "");
	for (f = cc->ir->funcs; f; f = f->next)
		if (f->insns)
			print_func(cc, f, out);
}
