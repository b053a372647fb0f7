; locals.d

	.section "raw_tp/dtrace_BEGIN"
dt_c0_p0:		; program, 99 instructions, stack 32
; line 2: BEGIN
		; prologue: dt_c0_p0
     0:  *(u64 *)(r10 -8) = r1
     1:  r1 = 0
     2:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
     3:  r1 = map[dt_globals] ll
     5:  r2 = r10
     6:  r2 += -32
     7:  call bpf_map_lookup_elem#1
     8:  if r0 == 0 goto +88 <97>
     9:  *(u64 *)(r10 -16) = r0
		; s = map_lookup_elem(&dt_scratch, &zero)
    10:  r1 = map[dt_scratch] ll
    12:  r2 = r10
    13:  r2 += -32
    14:  call bpf_map_lookup_elem#1
    15:  if r0 == 0 goto +81 <97>
    16:  *(u64 *)(r10 -24) = r0
		; dtrace provider prologue
    17:  r1 = r0
    18:  r2 = 0
    19:  *(u64 *)(r1 +0) = r2
    20:  *(u64 *)(r1 +8) = r2
    21:  *(u64 *)(r1 +16) = r2
    22:  *(u64 *)(r1 +24) = r2
    23:  *(u64 *)(r1 +32) = r2
    24:  *(u64 *)(r1 +40) = r2
    25:  *(u64 *)(r1 +48) = r2
    26:  *(u64 *)(r1 +56) = r2
    27:  *(u64 *)(r1 +64) = r2
    28:  *(u64 *)(r1 +72) = r2
    29:  *(u64 *)(r1 +80) = r2
    30:  r1 = *(u64 *)(r10 -24)
		; rec = {epid 0, prid, cpu}
    31:  *(u32 *)(r1 +136) = r2
    32:  r2 = 1
    33:  *(u32 *)(r1 +140) = r2
    34:  call bpf_get_smp_processor_id#8
    35:  r1 = *(u64 *)(r10 -24)
    36:  *(u32 *)(r1 +144) = r0
    37:  r2 = 0
    38:  *(u32 *)(r1 +148) = r2
; line 4: this->a = 6;
    39:  r1 = 6
    40:  r2 = *(u64 *)(r10 -24)
    41:  *(u32 *)(r2 +128) = r1
; line 5: this->b = 7;
    42:  r1 = 7
    43:  r2 = *(u64 *)(r10 -24)
    44:  *(u32 *)(r2 +132) = r1
; line 6: x = this->a * this->b;
    45:  r1 = *(u64 *)(r10 -24)
    46:  r1 = *(u32 *)(r1 +128)
    47:  r1 <<= 32
    48:  r1 s>>= 32
    49:  r2 = *(u64 *)(r10 -24)
    50:  r2 = *(u32 *)(r2 +132)
    51:  r2 <<= 32
    52:  r2 s>>= 32
    53:  r1 *= r2
    54:  r2 = *(u64 *)(r10 -16)
    55:  r1 <<= 32
    56:  r1 s>>= 32
    57:  *(u32 *)(r2 +32) = r1
; line 7: x = x > 40 ? x - 40 : x;
    58:  r1 = *(u64 *)(r10 -16)
    59:  r1 = *(u32 *)(r1 +32)
    60:  r1 <<= 32
    61:  r1 s>>= 32
    62:  if r1 s<= 40 goto +6 <69>
    63:  r1 = *(u64 *)(r10 -16)
    64:  r1 = *(u32 *)(r1 +32)
    65:  r1 <<= 32
    66:  r1 s>>= 32
    67:  r1 -= 40
    68:  goto +4 <73>
L2:		; <69>
    69:  r1 = *(u64 *)(r10 -16)
    70:  r1 = *(u32 *)(r1 +32)
    71:  r1 <<= 32
    72:  r1 s>>= 32
L3:		; <73>
    73:  r2 = *(u64 *)(r10 -16)
    74:  r1 <<= 32
    75:  r1 s>>= 32
    76:  *(u32 *)(r2 +32) = r1
; line 8: trace(x);
    77:  r1 = *(u64 *)(r10 -16)
    78:  r1 = *(u32 *)(r1 +32)
    79:  r1 <<= 32
    80:  r1 s>>= 32
		; record[16] = int (4 bytes)
    81:  r2 = *(u64 *)(r10 -24)
    82:  *(u32 *)(r2 +152) = r1
; line 9: exit(0);
    83:  r1 = 0
		; exit: record status; g->state = DRAINING
    84:  r2 = *(u64 *)(r10 -24)
    85:  *(u32 *)(r2 +156) = r1
    86:  r2 = *(u64 *)(r10 -16)
    87:  *(u32 *)(r2 +4) = r1
    88:  r1 = 2
    89:  *(u32 *)(r2 +0) = r1
		; ringbuf_output(&dt_ringbuf, rec, 24, 0)
    90:  r1 = map[dt_ringbuf] ll
    92:  r2 = *(u64 *)(r10 -24)
    93:  r2 += 136
    94:  r3 = 24
    95:  r4 = 0
    96:  call bpf_ringbuf_output#130
L0:		; <97>
    97:  r0 = 0
    98:  exit
