; locals.d

	.section "raw_tp/dtrace_BEGIN"
dt_c0_p0:		; program, 105 instructions, stack 32
; line 2: BEGIN
		; prologue: dt_c0_p0
     0:  *(u64 *)(r10 -8) = r1
     1:  *(u64 *)(r10 -32) = 0
		; g = map_lookup_elem(&dt_globals, &zero)
     2:  r1 = map[dt_globals] ll
     4:  r2 = r10
     5:  r2 += -32
     6:  call bpf_map_lookup_elem#1
     7:  if r0 == 0 goto +95 <103>
     8:  *(u64 *)(r10 -16) = r0
		; s = map_lookup_elem(&dt_scratch, &zero)
     9:  r1 = map[dt_scratch] ll
    11:  r2 = r10
    12:  r2 += -32
    13:  call bpf_map_lookup_elem#1
    14:  if r0 == 0 goto +88 <103>
    15:  *(u64 *)(r10 -24) = r0
		; dtrace provider prologue
    16:  r1 = r0
    17:  r2 = *(u64 *)(r10 -8)
    18:  *(u64 *)(r1 +0) = 0
    19:  *(u64 *)(r1 +8) = 0
    20:  *(u64 *)(r1 +16) = 0
    21:  *(u64 *)(r1 +24) = 0
    22:  *(u64 *)(r1 +32) = 0
    23:  *(u64 *)(r1 +40) = 0
    24:  *(u64 *)(r1 +48) = 0
    25:  *(u64 *)(r1 +56) = 0
    26:  *(u64 *)(r1 +64) = 0
    27:  *(u64 *)(r1 +72) = 0
    28:  *(u64 *)(r1 +80) = 0
    29:  r1 = *(u64 *)(r10 -24)
		; rec = {epid 0, prid, cpu}
    30:  *(u32 *)(r1 +136) = 0
    31:  *(u32 *)(r1 +140) = 1
    32:  call bpf_get_smp_processor_id#8
    33:  r1 = *(u64 *)(r10 -24)
    34:  *(u32 *)(r1 +144) = r0
    35:  *(u32 *)(r1 +148) = 0
; line 4: this->a = 6;
    36:  r2 = *(u64 *)(r10 -24)
    37:  *(u32 *)(r2 +128) = 6
; line 5: this->b = 7;
    38:  r2 = *(u64 *)(r10 -24)
    39:  *(u32 *)(r2 +132) = 7
; line 6: x = this->a * this->b;
    40:  r1 = *(u64 *)(r10 -24)
    41:  r1 = *(u32 *)(r1 +128)
    42:  r1 <<= 32
    43:  r1 s>>= 32
    44:  r2 = *(u64 *)(r10 -24)
    45:  r2 = *(u32 *)(r2 +132)
    46:  r2 <<= 32
    47:  r2 s>>= 32
    48:  r1 <<= 32
    49:  r1 s>>= 32
    50:  r1 *= r2
    51:  r1 <<= 32
    52:  r1 s>>= 32
    53:  r2 = *(u64 *)(r10 -16)
    54:  r1 <<= 32
    55:  r1 s>>= 32
    56:  *(u32 *)(r2 +32) = r1
; line 7: x = x > 40 ? x - 40 : x;
    57:  r1 = *(u64 *)(r10 -16)
    58:  r1 = *(u32 *)(r1 +32)
    59:  r1 <<= 32
    60:  r1 s>>= 32
    61:  r1 <<= 32
    62:  r1 s>>= 32
    63:  if r1 s<= 40 goto +10 <74>
    64:  r1 = *(u64 *)(r10 -16)
    65:  r1 = *(u32 *)(r1 +32)
    66:  r1 <<= 32
    67:  r1 s>>= 32
    68:  r1 <<= 32
    69:  r1 s>>= 32
    70:  r1 -= 40
    71:  r1 <<= 32
    72:  r1 s>>= 32
    73:  goto +4 <78>
L2:		; <74>
    74:  r1 = *(u64 *)(r10 -16)
    75:  r1 = *(u32 *)(r1 +32)
    76:  r1 <<= 32
    77:  r1 s>>= 32
L3:		; <78>
    78:  r1 <<= 32
    79:  r1 s>>= 32
    80:  r2 = *(u64 *)(r10 -16)
    81:  r1 <<= 32
    82:  r1 s>>= 32
    83:  *(u32 *)(r2 +32) = r1
; line 8: trace(x);
    84:  r1 = *(u64 *)(r10 -16)
    85:  r1 = *(u32 *)(r1 +32)
    86:  r1 <<= 32
    87:  r1 s>>= 32
		; record[16] = int (4 bytes)
    88:  r2 = *(u64 *)(r10 -24)
    89:  *(u32 *)(r2 +152) = r1
; line 9: exit(0);
    90:  r1 = 0
		; exit: record status; g->state = DRAINING
    91:  r2 = *(u64 *)(r10 -24)
    92:  *(u32 *)(r2 +156) = r1
    93:  r2 = *(u64 *)(r10 -16)
    94:  *(u32 *)(r2 +4) = r1
    95:  *(u32 *)(r2 +0) = 2
		; ringbuf_output(&dt_ringbuf, rec, 24, 0)
    96:  r1 = map[dt_ringbuf] ll
    98:  r2 = *(u64 *)(r10 -24)
    99:  r2 += 136
   100:  r3 = 24
   101:  r4 = 0
   102:  call bpf_ringbuf_output#130
L0:		; <103>
   103:  r0 = 0
   104:  exit
