; count.d

	.section "raw_tp/sys_enter"
dt_c0_p0:		; program, 97 instructions, stack 48
; line 2: syscall::getppid:entry
		; prologue: dt_c0_p0
     0:  *(u64 *)(r10 -8) = r1
		; key = {epid 0, syscall nr}
     1:  r2 = 0
     2:  *(u32 *)(r10 -40) = r2
     3:  r1 = *(u64 *)(r1 +8)
     4:  *(u32 *)(r10 -36) = r1
		; prid = map_lookup_elem(&dt_syscalls, &key) ?: goto out
     5:  r1 = map[dt_syscalls] ll
     7:  r2 = r10
     8:  r2 += -40
     9:  call bpf_map_lookup_elem#1
    10:  if r0 == 0 goto +60 <71>
    11:  r1 = *(u32 *)(r0 +0)
    12:  *(u64 *)(r10 -48) = r1
    13:  r1 = 0
    14:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
    15:  r1 = map[dt_globals] ll
    17:  r2 = r10
    18:  r2 += -32
    19:  call bpf_map_lookup_elem#1
    20:  if r0 == 0 goto +50 <71>
    21:  *(u64 *)(r10 -16) = r0
		; if (g->state != ACTIVE) goto out
    22:  r1 = *(u32 *)(r0 +0)
    23:  if r1 != 1 goto +47 <71>
		; s = map_lookup_elem(&dt_scratch, &zero)
    24:  r1 = map[dt_scratch] ll
    26:  r2 = r10
    27:  r2 += -32
    28:  call bpf_map_lookup_elem#1
    29:  if r0 == 0 goto +41 <71>
    30:  *(u64 *)(r10 -24) = r0
		; syscall provider prologue
    31:  r1 = r0
    32:  r2 = 0
    33:  *(u64 *)(r1 +80) = r2
    34:  r1 = *(u64 *)(r10 -24)
    35:  *(u64 *)(r1 +104) = r2
    36:  r1 = *(u64 *)(r10 -24)
		; rec = {epid 0, prid, cpu}
    37:  *(u32 *)(r1 +128) = r2
    38:  r2 = *(u64 *)(r10 -48)
    39:  *(u32 *)(r1 +132) = r2
    40:  call bpf_get_smp_processor_id#8
    41:  r1 = *(u64 *)(r10 -24)
    42:  *(u32 *)(r1 +136) = r0
    43:  r2 = 0
    44:  *(u32 *)(r1 +140) = r2
; line 4: @calls = count();
		; @calls[...] = count(...)
		; key = tmp[8 bytes]
    45:  r1 = *(u64 *)(r10 -24)
    46:  r1 += 144
    47:  *(u64 *)(r1 +0) = r2
		; v = lookup(&dt_agg_0, key) ?: insert zero value
    48:  r1 = map[dt_agg_0] ll
    50:  r2 = *(u64 *)(r10 -24)
    51:  r2 += 144
    52:  call bpf_map_lookup_elem#1
    53:  if r0 != 0 goto +14 <68>
    54:  r1 = map[dt_agg_0] ll
    56:  r3 = .rodata + 0 ll
    58:  r4 = 1
    59:  r2 = *(u64 *)(r10 -24)
    60:  r2 += 144
    61:  call bpf_map_update_elem#2
    62:  r1 = map[dt_agg_0] ll
    64:  r2 = *(u64 *)(r10 -24)
    65:  r2 += 144
    66:  call bpf_map_lookup_elem#1
    67:  if r0 == 0 goto +5 <73>
L2:		; <68>
		; v[0]++
    68:  r2 = *(u64 *)(r0 +0)
    69:  r2 += 1
    70:  *(u64 *)(r0 +0) = r2
L0:		; <71>
    71:  r0 = 0
    72:  exit
L3:		; <73>
		; fault site 1: kind 5
    73:  r1 = *(u64 *)(r10 -24)
    74:  r2 = 5
    75:  *(u32 *)(r1 +148) = r2
    76:  r2 = 0
    77:  *(u64 *)(r1 +152) = r2
    78:  r2 = 1
    79:  *(u32 *)(r1 +160) = r2
L1:		; <80>
		; fault: g->faults++; output the fault record
    80:  r1 = *(u64 *)(r10 -16)
    81:  r2 = *(u64 *)(r1 +8)
    82:  r2 += 1
    83:  *(u64 *)(r1 +8) = r2
    84:  r2 = *(u64 *)(r10 -24)
    85:  r1 = -1
    86:  *(u32 *)(r2 +128) = r1
    87:  r1 = 0
    88:  *(u32 *)(r2 +144) = r1
    89:  r1 = map[dt_ringbuf] ll
    91:  r2 += 128
    92:  r3 = 40
    93:  r4 = 0
    94:  call bpf_ringbuf_output#130
    95:  r0 = 0
    96:  exit
