; locals.d

	.section "raw_tp/dtrace_BEGIN"
dt_c0_p0:		; program, 101 instructions, stack 32
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
     8:  if r0 == 0 goto +90 <99>
     9:  *(u64 *)(r10 -16) = r0
		; s = map_lookup_elem(&dt_scratch, &zero)
    10:  r1 = map[dt_scratch] ll
    12:  r2 = r10
    13:  r2 += -32
    14:  call bpf_map_lookup_elem#1
    15:  if r0 == 0 goto +83 <99>
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
    31:  *(u64 *)(r1 +104) = r2
    32:  r1 = *(u64 *)(r10 -24)
		; rec = {epid 0, prid, cpu}
    33:  *(u32 *)(r1 +136) = r2
    34:  r2 = 1
    35:  *(u32 *)(r1 +140) = r2
    36:  call bpf_get_smp_processor_id#8
    37:  r1 = *(u64 *)(r10 -24)
    38:  *(u32 *)(r1 +144) = r0
    39:  r2 = 0
    40:  *(u32 *)(r1 +148) = r2
; line 4: this->a = 6;
    41:  r1 = 6
    42:  r2 = *(u64 *)(r10 -24)
    43:  *(u32 *)(r2 +128) = r1
; line 5: this->b = 7;
    44:  r1 = 7
    45:  r2 = *(u64 *)(r10 -24)
    46:  *(u32 *)(r2 +132) = r1
; line 6: x = this->a * this->b;
    47:  r1 = *(u64 *)(r10 -24)
    48:  r1 = *(u32 *)(r1 +128)
    49:  r1 <<= 32
    50:  r1 s>>= 32
    51:  r2 = *(u64 *)(r10 -24)
    52:  r2 = *(u32 *)(r2 +132)
    53:  r2 <<= 32
    54:  r2 s>>= 32
    55:  r1 *= r2
    56:  r2 = *(u64 *)(r10 -16)
    57:  r1 <<= 32
    58:  r1 s>>= 32
    59:  *(u32 *)(r2 +32) = r1
; line 7: x = x > 40 ? x - 40 : x;
    60:  r1 = *(u64 *)(r10 -16)
    61:  r1 = *(u32 *)(r1 +32)
    62:  r1 <<= 32
    63:  r1 s>>= 32
    64:  if r1 s<= 40 goto +6 <71>
    65:  r1 = *(u64 *)(r10 -16)
    66:  r1 = *(u32 *)(r1 +32)
    67:  r1 <<= 32
    68:  r1 s>>= 32
    69:  r1 -= 40
    70:  goto +4 <75>
L2:		; <71>
    71:  r1 = *(u64 *)(r10 -16)
    72:  r1 = *(u32 *)(r1 +32)
    73:  r1 <<= 32
    74:  r1 s>>= 32
L3:		; <75>
    75:  r2 = *(u64 *)(r10 -16)
    76:  r1 <<= 32
    77:  r1 s>>= 32
    78:  *(u32 *)(r2 +32) = r1
; line 8: trace(x);
    79:  r1 = *(u64 *)(r10 -16)
    80:  r1 = *(u32 *)(r1 +32)
    81:  r1 <<= 32
    82:  r1 s>>= 32
		; record[16] = int (4 bytes)
    83:  r2 = *(u64 *)(r10 -24)
    84:  *(u32 *)(r2 +152) = r1
; line 9: exit(0);
    85:  r1 = 0
		; exit: record status; g->state = DRAINING
    86:  r2 = *(u64 *)(r10 -24)
    87:  *(u32 *)(r2 +156) = r1
    88:  r2 = *(u64 *)(r10 -16)
    89:  *(u32 *)(r2 +4) = r1
    90:  r1 = 2
    91:  *(u32 *)(r2 +0) = r1
		; ringbuf_output(&dt_ringbuf, rec, 24, 0)
    92:  r1 = map[dt_ringbuf] ll
    94:  r2 = *(u64 *)(r10 -24)
    95:  r2 += 136
    96:  r3 = 24
    97:  r4 = 0
    98:  call bpf_ringbuf_output#130
L0:		; <99>
    99:  r0 = 0
   100:  exit
