; locals.d

	.section "raw_tp/dtrace_BEGIN"
dt_c0_p0:		; program, 92 instructions, stack 48
     0:  r2 = 0
     1:  *(u64 *)(r10 -40) = r2
; line 2: BEGIN
		; prologue: dt_c0_p0
     2:  r1 = 0
     3:  *(u64 *)(r10 -32) = r1
		; g = &dt_globals (global data, no lookup)
     4:  r1 = .data.dt_globals + 0 ll
     6:  r7 = r1
		; n = map_lookup_elem(&dt_nest, &zero); nesting level
     7:  r1 = map[dt_nest] ll
     9:  r2 = r10
    10:  r2 += -32
    11:  call bpf_map_lookup_elem#1
    12:  if r0 == 0 goto +67 <80>
		; d = *n; if (d >= 4) goto deep; *n = d + 1
    13:  r1 = *(u32 *)(r0 +0)
    14:  if r1 >= 4 goto +72 <87>
    15:  r2 = r1
    16:  r2 += 1
    17:  *(u32 *)(r0 +0) = r2
    18:  *(u64 *)(r10 -40) = r0
    19:  *(u64 *)(r10 -48) = r1
		; s = map_lookup_elem(&dt_scratch, &depth)
    20:  r1 = map[dt_scratch] ll
    22:  r2 = r10
    23:  r2 += -48
    24:  call bpf_map_lookup_elem#1
    25:  if r0 == 0 goto +54 <80>
    26:  r8 = r0
		; dtrace provider prologue
		; rec = {epid 0, prid, cpu}
    27:  r1 = 0
    28:  *(u32 *)(r0 +136) = r1
    29:  r1 = 1
    30:  *(u32 *)(r0 +140) = r1
    31:  call bpf_get_smp_processor_id#8
    32:  *(u32 *)(r8 +144) = r0
    33:  r1 = 0
    34:  *(u32 *)(r8 +148) = r1
; line 4: this->a = 6;
    35:  r1 = 6
    36:  *(u32 *)(r8 +128) = r1
; line 5: this->b = 7;
    37:  r1 = 7
    38:  *(u32 *)(r8 +132) = r1
; line 6: x = this->a * this->b;
    39:  r1 = *(u32 *)(r8 +128)
    40:  r1 <<= 32
    41:  r1 s>>= 32
    42:  r2 = *(u32 *)(r8 +132)
    43:  r2 <<= 32
    44:  r2 s>>= 32
    45:  r1 *= r2
    46:  r1 <<= 32
    47:  r1 s>>= 32
    48:  *(u32 *)(r7 +80) = r1
; line 7: x = x > 40 ? x - 40 : x;
    49:  r1 = *(u32 *)(r7 +80)
    50:  r1 <<= 32
    51:  r1 s>>= 32
    52:  if r1 s<= 40 goto +5 <58>
    53:  r1 = *(u32 *)(r7 +80)
    54:  r1 <<= 32
    55:  r1 s>>= 32
    56:  r1 -= 40
    57:  goto +3 <61>
L2:		; <58>
    58:  r1 = *(u32 *)(r7 +80)
    59:  r1 <<= 32
    60:  r1 s>>= 32
L3:		; <61>
    61:  r1 <<= 32
    62:  r1 s>>= 32
    63:  *(u32 *)(r7 +80) = r1
; line 8: trace(x);
    64:  r1 = *(u32 *)(r7 +80)
    65:  r1 <<= 32
    66:  r1 s>>= 32
		; record[16] = int (4 bytes)
    67:  *(u32 *)(r8 +152) = r1
; line 9: exit(0);
    68:  r1 = 0
		; exit: record status; g->state = DRAINING
    69:  *(u32 *)(r8 +156) = r1
    70:  *(u32 *)(r7 +4) = r1
    71:  r1 = 2
    72:  *(u32 *)(r7 +0) = r1
		; ringbuf_output(&dt_ringbuf, rec, 24, 0)
    73:  r1 = map[dt_ringbuf] ll
    75:  r8 += 136
    76:  r3 = 24
    77:  r4 = 0
    78:  r2 = r8
    79:  call bpf_ringbuf_output#130
L0:		; <80>
		; p = nest pointer; if (p) *p -= 1
    80:  r1 = *(u64 *)(r10 -40)
    81:  if r1 == 0 goto +3 <85>
    82:  r2 = *(u32 *)(r1 +0)
    83:  r2 -= 1
    84:  *(u32 *)(r1 +0) = r2
L5:		; <85>
    85:  r0 = 0
    86:  exit
L4:		; <87>
		; too deep: gl = &dt_globals; gl->nestdrops++
    87:  r1 = .data.dt_globals + 0 ll
    89:  r2 = 1
    90:  lock *(u64 *)(r1 +72) += r2
    91:  goto -12 <80>
