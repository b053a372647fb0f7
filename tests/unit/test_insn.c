/* SPDX-License-Identifier: MIT */
/*
 * test_insn.c -- unit tests of the x86-64 instruction length decoder
 * (loader/insn_x86.c) that the pid provider uses for D_PROC_ALIGN: one
 * instruction of each shape (prefixes, REX, ModRM/SIB/displacement forms,
 * immediates, the 0F, 0F38 and 0F3A maps, VEX and EVEX), and -1 for what
 * it cannot tell.  (Checked against objdump on this host's libc, bash and
 * libLLVM: same boundaries for every instruction objdump decodes.)
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static int npass, nfail;

struct insn {
	const char *what;
	int len;		/* expected; -1: cannot tell */
	unsigned char b[16];
};

static const struct insn insns[] = {
	{ "ret", 1, { 0xc3 } },
	{ "push %rbp", 1, { 0x55 } },
	{ "mov %rsp,%rbp", 3, { 0x48, 0x89, 0xe5 } },
	{ "mov 0x2ed8(%rip),%rax", 7, { 0x48, 0x8b, 0x05, 0xd8, 0x2e, 0, 0 } },
	{ "lea (%rdi,%rsi,1),%rax", 4, { 0x48, 0x8d, 0x04, 0x37 } },
	{ "mov 0x8(%rsp),%rax", 5, { 0x48, 0x8b, 0x44, 0x24, 0x08 } },
	{ "mov 0x0(,%rax,8),%rdx", 8, { 0x48, 0x8b, 0x14, 0xc5, 0, 0, 0, 0 } },
	{ "sub $0x18,%rsp", 4, { 0x48, 0x83, 0xec, 0x18 } },
	{ "cmpl $0x1,0x100(%rbx)", 10,
	  { 0x81, 0xbb, 0x00, 0x01, 0, 0, 0x01, 0, 0, 0 } },
	{ "movabs $imm64,%rax", 10, { 0x48, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8 } },
	{ "mov $imm32,%eax", 5, { 0xb8, 1, 2, 3, 4 } },
	{ "mov $imm16,%ax", 4, { 0x66, 0xb8, 1, 2 } },
	{ "movw $1,(%rax)", 5, { 0x66, 0xc7, 0x00, 0x01, 0x00 } },
	{ "testb $1,(%rdi)", 3, { 0xf6, 0x07, 0x01 } },
	{ "testl $1,(%rdi)", 6, { 0xf7, 0x07, 1, 0, 0, 0 } },
	{ "negl (%rdi)", 2, { 0xf7, 0x1f } },
	{ "call rel32", 5, { 0xe8, 0, 0, 0, 0 } },
	{ "jne rel8", 2, { 0x75, 0x10 } },
	{ "je rel32", 6, { 0x0f, 0x84, 0, 0, 0, 0 } },
	{ "endbr64", 4, { 0xf3, 0x0f, 0x1e, 0xfa } },
	{ "nopw 0x0(%rax,%rax,1)", 9,
	  { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0, 0, 0, 0 } },
	{ "lock cmpxchg %ecx,(%rdx)", 4, { 0xf0, 0x0f, 0xb1, 0x0a } },
	{ "syscall", 2, { 0x0f, 0x05 } },
	{ "pshufd $0,%xmm1,%xmm0", 5, { 0x66, 0x0f, 0x70, 0xc1, 0x00 } },
	{ "pshufb %xmm1,%xmm0 (0F38)", 5, { 0x66, 0x0f, 0x38, 0x00, 0xc1 } },
	{ "palignr $0xf,%xmm1,%xmm0 (0F3A)", 6,
	  { 0x66, 0x0f, 0x3a, 0x0f, 0xc1, 0x0f } },
	{ "vzeroupper", 3, { 0xc5, 0xf8, 0x77 } },
	{ "vmovdqu (%rsi),%ymm0", 4, { 0xc5, 0xfe, 0x6f, 0x06 } },
	{ "vpcmpeqb (%rdi),%ymm0,%ymm1", 5, { 0xc4, 0xe2, 0x7d, 0x74, 0x0f } },
	{ "vpalignr $8,%ymm1,%ymm2,%ymm3", 6,
	  { 0xc4, 0xe3, 0x6d, 0x0f, 0xd9, 0x08 } },
	{ "vmovdqu64 (%rsi),%zmm16", 6, { 0x62, 0xe1, 0xfe, 0x48, 0x6f, 0x06 } },
	{ "enter $0x10,$0", 4, { 0xc8, 0x10, 0x00, 0x00 } },
	{ "movabs 0x1122334455667788,%al", 9,
	  { 0xa0, 1, 2, 3, 4, 5, 6, 7, 8 } },
	{ "(bad) 0x06", -1, { 0x06 } },
	{ "truncated mov", -1, { 0x48, 0x8b } },
};

static void test_lengths(void)
{
	for (size_t i = 0; i < sizeof(insns) / sizeof(insns[0]); i++) {
		const struct insn *t = &insns[i];
		size_t n = t->len > 0 ? (size_t)t->len : strlen((char *)t->b);
		int got = dl_insn_len_x86(t->b, n ? n : 1);

		if (got == t->len) {
			npass++;
			continue;
		}
		nfail++;
		printf("FAIL %s: length %d, want %d\n", t->what, got, t->len);
	}
}

int main(void)
{
	test_lengths();
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail != 0;
}
