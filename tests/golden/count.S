; count.d

	.section "tracepoint/syscalls/sys_enter_getppid"
dt_c0_p0:		; program, 88 instructions, stack 32
; line 2: syscall::getppid:entry
		; prologue: dt_c0_p0
     0:  *(u64 *)(r10 -8) = r1
     1:  *(u64 *)(r10 -32) = 0
		; g = map_lookup_elem(&dt_globals, &zero)
     2:  r1 = map[dt_globals] ll
     4:  r2 = r10
     5:  r2 += -32
     6:  call bpf_map_lookup_elem#1
     7:  if r0 == 0 goto +59 <67>
     8:  *(u64 *)(r10 -16) = r0
		; if (g->state != ACTIVE) goto out
     9:  r1 = *(u32 *)(r0 +0)
    10:  if r1 != 1 goto +56 <67>
		; s = map_lookup_elem(&dt_scratch, &zero)
    11:  r1 = map[dt_scratch] ll
    13:  r2 = r10
    14:  r2 += -32
    15:  call bpf_map_lookup_elem#1
    16:  if r0 == 0 goto +50 <67>
    17:  *(u64 *)(r10 -24) = r0
		; syscall provider prologue
    18:  r1 = r0
    19:  r2 = *(u64 *)(r10 -8)
    20:  *(u64 *)(r1 +0) = 0
    21:  *(u64 *)(r1 +8) = 0
    22:  *(u64 *)(r1 +16) = 0
    23:  *(u64 *)(r1 +24) = 0
    24:  *(u64 *)(r1 +32) = 0
    25:  *(u64 *)(r1 +40) = 0
    26:  *(u64 *)(r1 +48) = 0
    27:  *(u64 *)(r1 +56) = 0
    28:  *(u64 *)(r1 +64) = 0
    29:  *(u64 *)(r1 +72) = 0
    30:  *(u64 *)(r1 +80) = 0
    31:  r1 = *(u64 *)(r10 -24)
		; rec = {epid 0, prid, cpu}
    32:  *(u32 *)(r1 +128) = 0
    33:  r1 = *(u64 *)(r10 -8)
    34:  call bpf_get_attach_cookie#174
    35:  r1 = *(u64 *)(r10 -24)
    36:  *(u32 *)(r1 +132) = r0
    37:  call bpf_get_smp_processor_id#8
    38:  r1 = *(u64 *)(r10 -24)
    39:  *(u32 *)(r1 +136) = r0
    40:  *(u32 *)(r1 +140) = 0
; line 4: @calls = count();
		; @calls[...] = count(...)
		; key = tmp[8 bytes]
    41:  r1 = *(u64 *)(r10 -24)
    42:  r1 += 144
    43:  *(u64 *)(r1 +0) = 0
		; v = lookup(&dt_agg_0, key) ?: insert zero value
    44:  r1 = map[dt_agg_0] ll
    46:  r2 = *(u64 *)(r10 -24)
    47:  r2 += 144
    48:  call bpf_map_lookup_elem#1
    49:  if r0 != 0 goto +14 <64>
    50:  r1 = map[dt_agg_0] ll
    52:  r3 = .rodata + 0 ll
    54:  r4 = 1
    55:  r2 = *(u64 *)(r10 -24)
    56:  r2 += 144
    57:  call bpf_map_update_elem#2
    58:  r1 = map[dt_agg_0] ll
    60:  r2 = *(u64 *)(r10 -24)
    61:  r2 += 144
    62:  call bpf_map_lookup_elem#1
    63:  if r0 == 0 goto +5 <69>
L2:		; <64>
		; v[0]++
    64:  r2 = *(u64 *)(r0 +0)
    65:  r2 += 1
    66:  *(u64 *)(r0 +0) = r2
L0:		; <67>
    67:  r0 = 0
    68:  exit
L3:		; <69>
		; fault site 1: kind 5
    69:  r1 = *(u64 *)(r10 -24)
    70:  *(u32 *)(r1 +148) = 5
    71:  *(u64 *)(r1 +152) = 0
    72:  *(u32 *)(r1 +160) = 1
L1:		; <73>
		; fault: g->faults++; output the fault record
    73:  r1 = *(u64 *)(r10 -16)
    74:  r2 = *(u64 *)(r1 +8)
    75:  r2 += 1
    76:  *(u64 *)(r1 +8) = r2
    77:  r2 = *(u64 *)(r10 -24)
    78:  *(u32 *)(r2 +128) = -1
    79:  *(u32 *)(r2 +144) = 0
    80:  r1 = map[dt_ringbuf] ll
    82:  r2 += 128
    83:  r3 = 40
    84:  r4 = 0
    85:  call bpf_ringbuf_output#130
    86:  r0 = 0
    87:  exit
