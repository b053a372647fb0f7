; locals.d

	.section "raw_tp/dtrace_BEGIN"
dt_c0_p0:		; program, 110 instructions, stack 48
     0:  r2 = 0
     1:  *(u64 *)(r10 -40) = r2
; line 2: BEGIN
		; prologue: dt_c0_p0
     2:  r1 = 0
     3:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
     4:  r1 = map[dt_globals] ll
     6:  r2 = r10
     7:  r2 += -32
     8:  call bpf_map_lookup_elem#1
     9:  if r0 == 0 goto +93 <103>
    10:  *(u64 *)(r10 -16) = r0
		; n = map_lookup_elem(&dt_nest, &zero); nesting level
    11:  r1 = map[dt_nest] ll
    13:  r2 = r10
    14:  r2 += -32
    15:  call bpf_map_lookup_elem#1
    16:  if r0 == 0 goto +86 <103>
		; d = *n; if (d >= 4) goto out; *n = d + 1
    17:  r1 = *(u32 *)(r0 +0)
    18:  if r1 >= 4 goto +84 <103>
    19:  r2 = r1
    20:  r2 += 1
    21:  *(u32 *)(r0 +0) = r2
    22:  *(u64 *)(r10 -40) = r0
    23:  *(u64 *)(r10 -48) = r1
		; s = map_lookup_elem(&dt_scratch, &depth)
    24:  r1 = map[dt_scratch] ll
    26:  r2 = r10
    27:  r2 += -48
    28:  call bpf_map_lookup_elem#1
    29:  if r0 == 0 goto +73 <103>
    30:  *(u64 *)(r10 -24) = r0
		; dtrace provider prologue
    31:  r2 = 0
    32:  *(u64 *)(r0 +0) = r2
    33:  *(u64 *)(r0 +8) = r2
    34:  *(u64 *)(r0 +16) = r2
    35:  *(u64 *)(r0 +24) = r2
    36:  *(u64 *)(r0 +32) = r2
    37:  *(u64 *)(r0 +40) = r2
    38:  *(u64 *)(r0 +48) = r2
    39:  *(u64 *)(r0 +56) = r2
    40:  *(u64 *)(r0 +64) = r2
    41:  *(u64 *)(r0 +72) = r2
    42:  *(u64 *)(r0 +80) = r2
    43:  *(u64 *)(r0 +104) = r2
		; rec = {epid 0, prid, cpu}
    44:  *(u32 *)(r0 +136) = r2
    45:  r2 = 1
    46:  *(u32 *)(r0 +140) = r2
    47:  call bpf_get_smp_processor_id#8
    48:  r1 = *(u64 *)(r10 -24)
    49:  *(u32 *)(r1 +144) = r0
    50:  r2 = 0
    51:  *(u32 *)(r1 +148) = r2
; line 4: this->a = 6;
    52:  r1 = 6
    53:  r2 = *(u64 *)(r10 -24)
    54:  *(u32 *)(r2 +128) = r1
; line 5: this->b = 7;
    55:  r1 = 7
    56:  *(u32 *)(r2 +132) = r1
; line 6: x = this->a * this->b;
    57:  r1 = *(u32 *)(r2 +128)
    58:  r1 <<= 32
    59:  r1 s>>= 32
    60:  r2 = *(u32 *)(r2 +132)
    61:  r2 <<= 32
    62:  r2 s>>= 32
    63:  r1 *= r2
    64:  r2 = *(u64 *)(r10 -16)
    65:  r1 <<= 32
    66:  r1 s>>= 32
    67:  *(u32 *)(r2 +64) = r1
; line 7: x = x > 40 ? x - 40 : x;
    68:  r1 = *(u32 *)(r2 +64)
    69:  r1 <<= 32
    70:  r1 s>>= 32
    71:  if r1 s<= 40 goto +5 <77>
    72:  r1 = *(u32 *)(r2 +64)
    73:  r1 <<= 32
    74:  r1 s>>= 32
    75:  r1 -= 40
    76:  goto +4 <81>
L2:		; <77>
    77:  r1 = *(u64 *)(r10 -16)
    78:  r1 = *(u32 *)(r1 +64)
    79:  r1 <<= 32
    80:  r1 s>>= 32
L3:		; <81>
    81:  r2 = *(u64 *)(r10 -16)
    82:  r1 <<= 32
    83:  r1 s>>= 32
    84:  *(u32 *)(r2 +64) = r1
; line 8: trace(x);
    85:  r1 = *(u32 *)(r2 +64)
    86:  r1 <<= 32
    87:  r1 s>>= 32
		; record[16] = int (4 bytes)
    88:  r2 = *(u64 *)(r10 -24)
    89:  *(u32 *)(r2 +152) = r1
; line 9: exit(0);
    90:  r1 = 0
		; exit: record status; g->state = DRAINING
    91:  *(u32 *)(r2 +156) = r1
    92:  r2 = *(u64 *)(r10 -16)
    93:  *(u32 *)(r2 +4) = r1
    94:  r1 = 2
    95:  *(u32 *)(r2 +0) = r1
		; ringbuf_output(&dt_ringbuf, rec, 24, 0)
    96:  r1 = map[dt_ringbuf] ll
    98:  r2 = *(u64 *)(r10 -24)
    99:  r2 += 136
   100:  r3 = 24
   101:  r4 = 0
   102:  call bpf_ringbuf_output#130
L0:		; <103>
		; p = nest pointer; if (p) *p -= 1
   103:  r1 = *(u64 *)(r10 -40)
   104:  if r1 == 0 goto +3 <108>
   105:  r2 = *(u32 *)(r1 +0)
   106:  r2 -= 1
   107:  *(u32 *)(r1 +0) = r2
L4:		; <108>
   108:  r0 = 0
   109:  exit
