/* SPDX-License-Identifier: MIT */
/*
 * insn_x86.c -- the length of an x86-64 instruction, so that the pid
 * provider can tell an offset that starts an instruction from one inside
 * an instruction (DTrace's D_PROC_ALIGN): a uprobe planted in the middle
 * of an instruction is refused by the kernel at best, and silently lost
 * when the file is mapped later (a -c child).
 *
 * Only the length is decoded: legacy prefixes, REX, the VEX (C4/C5) and
 * EVEX (62) prefixes, the opcode maps (one byte, 0F, 0F38, 0F3A), ModRM,
 * SIB, displacement and immediate.  An opcode this decoder does not know
 * gives -1 ("cannot tell"), never a wrong length, so callers then accept
 * the offset.
 */
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* One-byte opcodes: M = has ModRM, then the immediate kind. */
enum { M = 0x10, I8 = 1, IZ = 2, I16 = 3, IENTER = 4, IMOFFS = 5, IV = 6,
       IF6 = 7, BAD = 0xff };

/* The one-byte map (00-3F: the ALU rows op r/m,r; op r,r/m; op al,imm8;
 * op eax,immz). */
static uint8_t one_byte(uint8_t op)
{
	static const uint8_t row4[16] = {	/* 40-4F are REX, see caller */
		[0x3] = M, [0x8] = IZ, [0x9] = M | IZ, [0xa] = I8,
		[0xb] = M | I8,
	};
	static const uint8_t hi[4][16] = {
		/* 80 */ { M | I8, M | IZ, BAD, M | I8, M, M, M, M,
			   M, M, M, M, M, M, M, M },
		/* 90 */ { 0 },
		/* A0 */ { IMOFFS, IMOFFS, IMOFFS, IMOFFS, 0, 0, 0, 0,
			   I8, IZ, 0, 0, 0, 0, 0, 0 },
		/* B0 */ { I8, I8, I8, I8, I8, I8, I8, I8,
			   IV, IV, IV, IV, IV, IV, IV, IV },
	};
	static const uint8_t top[4][16] = {
		/* C0 */ { M | I8, M | I8, I16, 0, BAD, BAD, M | I8, M | IZ,
			   IENTER, 0, I16, 0, 0, I8, BAD, 0 },
		/* D0 */ { M, M, M, M, BAD, BAD, BAD, 0, M, M, M, M, M, M, M, M },
		/* E0 */ { I8, I8, I8, I8, I8, I8, I8, I8,
			   IZ, IZ, BAD, I8, 0, 0, 0, 0 },
		/* F0 */ { 0, 0, 0, 0, 0, 0, M | IF6, M | IF6,
			   0, 0, 0, 0, 0, 0, M, M },
	};

	if (op < 0x40) {
		static const uint8_t alu[8] = { M, M, M, M, I8, IZ, BAD, BAD };

		return alu[op & 7];	/* x6/x7: push/pop seg, BCD (gone),
					   or prefixes, read by the caller */
	}
	if (op < 0x50)
		return BAD;			/* REX, handled by the caller */
	if (op < 0x60)
		return 0;			/* push/pop reg */
	if (op < 0x70)
		return op == 0x60 || op == 0x61 || op == 0x62 ? BAD : row4[op & 0xf];
	if (op < 0x80)
		return I8;			/* jcc rel8 */
	if (op < 0xc0)
		return hi[(op >> 4) - 8][op & 0xf];
	return top[(op >> 4) - 0xc][op & 0xf];
}

/* 0F xx: everything has a ModRM but these; some take an immediate. */
static uint8_t two_byte(uint8_t op)
{
	switch (op) {
	case 0x05: case 0x06: case 0x07: case 0x08: case 0x09: case 0x0b:
	case 0x0e: case 0x30: case 0x31: case 0x32: case 0x33: case 0x34:
	case 0x35: case 0x37: case 0x77: case 0xa0: case 0xa1: case 0xa2:
	case 0xa8: case 0xa9: case 0xaa:
		return 0;
	case 0x0f:				/* 3DNow! */
	case 0x70: case 0x71: case 0x72: case 0x73: case 0xa4: case 0xac:
	case 0xba: case 0xc2: case 0xc4: case 0xc5: case 0xc6:
		return M | I8;
	case 0x04: case 0x0a: case 0x0c: case 0x24: case 0x25: case 0x26:
	case 0x27: case 0x36: case 0x39: case 0x3b: case 0x3c: case 0x3d:
	case 0x3e: case 0x3f: case 0x7a: case 0x7b: case 0xff:
		return BAD;
	}
	if (op >= 0x80 && op <= 0x8f)
		return IZ;			/* jcc rel32 */
	if (op >= 0xc8 && op <= 0xcf)
		return 0;			/* bswap */
	return M;
}

/* The ModRM byte at p and what follows it (SIB, displacement). */
static int modrm_len(const uint8_t *p, size_t n)
{
	unsigned mod, rm;
	int len = 1;

	if (n < 1)
		return -1;
	mod = p[0] >> 6;
	rm = p[0] & 7;
	if (mod == 3)
		return 1;
	if (rm == 4) {
		if (n < 2)
			return -1;
		len++;
		if (mod == 0 && (p[1] & 7) == 5)
			len += 4;
	} else if (mod == 0 && rm == 5) {
		len += 4;			/* rip-relative */
	}
	return len + (mod == 1 ? 1 : mod == 2 ? 4 : 0);
}

/* The immediate's size; modrm: the ModRM byte (F6/F7: test takes one,
 * the others not). */
static int imm_len(uint8_t op, uint8_t kind, bool opsize, bool rexw,
		   bool addrsize, uint8_t modrm)
{
	int z = opsize && !rexw ? 2 : 4;

	switch (kind) {
	case I8: return 1;
	case IZ: return z;
	case I16: return 2;
	case IENTER: return 3;
	case IMOFFS: return addrsize ? 4 : 8;
	case IV: return rexw ? 8 : z;
	case IF6: return (modrm >> 3 & 7) >= 2 ? 0 : op == 0xf6 ? 1 : z;
	}
	return 0;
}

/* VEX/EVEX: the map and opcode follow the prefix; ModRM always. */
static int vex_len(const uint8_t *p, size_t n, unsigned map, int pre)
{
	int m;

	if (n < (size_t)pre + 1 || map < 1 || map > 6 || map == 4)
		return -1;
	if (map == 1 && !(two_byte(p[pre]) & M))
		return pre + 1;			/* vzeroupper/vzeroall */
	m = modrm_len(p + pre + 1, n - pre - 1);
	if (m < 0)
		return -1;
	if (map == 3 || (map == 1 && two_byte(p[pre]) == (M | I8)))
		m++;
	return pre + 1 + m;
}

int dl_insn_len_x86(const uint8_t *p, size_t n)
{
	bool opsize = false, addrsize = false, rexw = false;
	size_t i = 0;
	uint8_t kind, op;
	int m;

	for (; i < n && i < 14; i++) {		/* legacy prefixes */
		uint8_t b = p[i];

		if (b == 0x66)
			opsize = true;
		else if (b == 0x67)
			addrsize = true;
		else if (b != 0xf0 && b != 0xf2 && b != 0xf3 && b != 0x2e &&
			 b != 0x36 && b != 0x3e && b != 0x26 && b != 0x64 &&
			 b != 0x65)
			break;
	}
	if (i < n && (p[i] & 0xf0) == 0x40)	/* REX */
		rexw = p[i++] & 8;
	if (i >= n)
		return -1;
	if (p[i] == 0xc5)
		m = vex_len(p + i, n - i, 1, 2);
	else if (p[i] == 0xc4)
		m = vex_len(p + i, n - i, n - i > 1 ? p[i + 1] & 0x1f : 0, 3);
	else if (p[i] == 0x62)
		m = vex_len(p + i, n - i, n - i > 1 ? p[i + 1] & 7 : 0, 4);
	else
		m = 0;
	if (m)
		return m < 0 ? -1 : (int)i + m;
	op = p[i];
	if (op == 0x0f) {
		if (++i >= n)
			return -1;
		if (p[i] == 0x38 || p[i] == 0x3a) {
			kind = p[i] == 0x3a ? (M | I8) : M;
			i += 2;			/* the map byte, the opcode */
		} else {
			kind = two_byte(p[i++]);
		}
	} else {
		kind = one_byte(p[i++]);
	}
	if (kind == BAD || i > n)
		return -1;
	m = 0;
	if (kind & M) {
		m = modrm_len(p + i, n - i);
		if (m < 0)
			return -1;
	}
	return (int)i + m + imm_len(op, kind & 0xf, opsize, rexw, addrsize,
				    i < n ? p[i] : 0);
}
