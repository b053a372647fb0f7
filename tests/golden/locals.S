; locals.d

	.section "raw_tp/dtrace_BEGIN"
dt_c0_p0:		; program, 90 instructions, stack 32
; line 2: BEGIN
		; prologue: dt_c0_p0
     0:  r1 = 0
     1:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
     2:  r1 = map[dt_globals] ll
     4:  r2 = r10
     5:  r2 += -32
     6:  call bpf_map_lookup_elem#1
     7:  if r0 == 0 goto +80 <88>
     8:  *(u64 *)(r10 -16) = r0
		; s = map_lookup_elem(&dt_scratch, &zero)
     9:  r1 = map[dt_scratch] ll
    11:  r2 = r10
    12:  r2 += -32
    13:  call bpf_map_lookup_elem#1
    14:  if r0 == 0 goto +73 <88>
    15:  *(u64 *)(r10 -24) = r0
		; dtrace provider prologue
    16:  r2 = 0
    17:  *(u64 *)(r0 +0) = r2
    18:  *(u64 *)(r0 +8) = r2
    19:  *(u64 *)(r0 +16) = r2
    20:  *(u64 *)(r0 +24) = r2
    21:  *(u64 *)(r0 +32) = r2
    22:  *(u64 *)(r0 +40) = r2
    23:  *(u64 *)(r0 +48) = r2
    24:  *(u64 *)(r0 +56) = r2
    25:  *(u64 *)(r0 +64) = r2
    26:  *(u64 *)(r0 +72) = r2
    27:  *(u64 *)(r0 +80) = r2
    28:  *(u64 *)(r0 +104) = r2
		; rec = {epid 0, prid, cpu}
    29:  *(u32 *)(r0 +136) = r2
    30:  r2 = 1
    31:  *(u32 *)(r0 +140) = r2
    32:  call bpf_get_smp_processor_id#8
    33:  r1 = *(u64 *)(r10 -24)
    34:  *(u32 *)(r1 +144) = r0
    35:  r2 = 0
    36:  *(u32 *)(r1 +148) = r2
; line 4: this->a = 6;
    37:  r1 = 6
    38:  r2 = *(u64 *)(r10 -24)
    39:  *(u32 *)(r2 +128) = r1
; line 5: this->b = 7;
    40:  r1 = 7
    41:  *(u32 *)(r2 +132) = r1
; line 6: x = this->a * this->b;
    42:  r1 = *(u32 *)(r2 +128)
    43:  r1 <<= 32
    44:  r1 s>>= 32
    45:  r2 = *(u32 *)(r2 +132)
    46:  r2 <<= 32
    47:  r2 s>>= 32
    48:  r1 *= r2
    49:  r2 = *(u64 *)(r10 -16)
    50:  r1 <<= 32
    51:  r1 s>>= 32
    52:  *(u32 *)(r2 +64) = r1
; line 7: x = x > 40 ? x - 40 : x;
    53:  r1 = *(u32 *)(r2 +64)
    54:  r1 <<= 32
    55:  r1 s>>= 32
    56:  if r1 s<= 40 goto +5 <62>
    57:  r1 = *(u32 *)(r2 +64)
    58:  r1 <<= 32
    59:  r1 s>>= 32
    60:  r1 -= 40
    61:  goto +4 <66>
L2:		; <62>
    62:  r1 = *(u64 *)(r10 -16)
    63:  r1 = *(u32 *)(r1 +64)
    64:  r1 <<= 32
    65:  r1 s>>= 32
L3:		; <66>
    66:  r2 = *(u64 *)(r10 -16)
    67:  r1 <<= 32
    68:  r1 s>>= 32
    69:  *(u32 *)(r2 +64) = r1
; line 8: trace(x);
    70:  r1 = *(u32 *)(r2 +64)
    71:  r1 <<= 32
    72:  r1 s>>= 32
		; record[16] = int (4 bytes)
    73:  r2 = *(u64 *)(r10 -24)
    74:  *(u32 *)(r2 +152) = r1
; line 9: exit(0);
    75:  r1 = 0
		; exit: record status; g->state = DRAINING
    76:  *(u32 *)(r2 +156) = r1
    77:  r2 = *(u64 *)(r10 -16)
    78:  *(u32 *)(r2 +4) = r1
    79:  r1 = 2
    80:  *(u32 *)(r2 +0) = r1
		; ringbuf_output(&dt_ringbuf, rec, 24, 0)
    81:  r1 = map[dt_ringbuf] ll
    83:  r2 = *(u64 *)(r10 -24)
    84:  r2 += 136
    85:  r3 = 24
    86:  r4 = 0
    87:  call bpf_ringbuf_output#130
L0:		; <88>
    88:  r0 = 0
    89:  exit
