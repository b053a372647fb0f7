; count.d

	.section "tracepoint/syscalls/sys_enter_getppid"
dt_c0_p0:		; program, 95 instructions, stack 32
; line 2: syscall::getppid:entry
		; prologue: dt_c0_p0
     0:  *(u64 *)(r10 -8) = r1
     1:  r1 = 0
     2:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
     3:  r1 = map[dt_globals] ll
     5:  r2 = r10
     6:  r2 += -32
     7:  call bpf_map_lookup_elem#1
     8:  if r0 == 0 goto +60 <69>
     9:  *(u64 *)(r10 -16) = r0
		; if (g->state != ACTIVE) goto out
    10:  r1 = *(u32 *)(r0 +0)
    11:  if r1 != 1 goto +57 <69>
		; s = map_lookup_elem(&dt_scratch, &zero)
    12:  r1 = map[dt_scratch] ll
    14:  r2 = r10
    15:  r2 += -32
    16:  call bpf_map_lookup_elem#1
    17:  if r0 == 0 goto +51 <69>
    18:  *(u64 *)(r10 -24) = r0
		; syscall provider prologue
    19:  r1 = r0
    20:  r2 = 0
    21:  *(u64 *)(r1 +0) = r2
    22:  *(u64 *)(r1 +8) = r2
    23:  *(u64 *)(r1 +16) = r2
    24:  *(u64 *)(r1 +24) = r2
    25:  *(u64 *)(r1 +32) = r2
    26:  *(u64 *)(r1 +40) = r2
    27:  *(u64 *)(r1 +48) = r2
    28:  *(u64 *)(r1 +56) = r2
    29:  *(u64 *)(r1 +64) = r2
    30:  *(u64 *)(r1 +72) = r2
    31:  *(u64 *)(r1 +80) = r2
    32:  r1 = *(u64 *)(r10 -24)
		; rec = {epid 0, prid, cpu}
    33:  *(u32 *)(r1 +128) = r2
    34:  r1 = *(u64 *)(r10 -8)
    35:  call bpf_get_attach_cookie#174
    36:  r1 = *(u64 *)(r10 -24)
    37:  *(u32 *)(r1 +132) = r0
    38:  call bpf_get_smp_processor_id#8
    39:  r1 = *(u64 *)(r10 -24)
    40:  *(u32 *)(r1 +136) = r0
    41:  r2 = 0
    42:  *(u32 *)(r1 +140) = r2
; line 4: @calls = count();
		; @calls[...] = count(...)
		; key = tmp[8 bytes]
    43:  r1 = *(u64 *)(r10 -24)
    44:  r1 += 144
    45:  *(u64 *)(r1 +0) = r2
		; v = lookup(&dt_agg_0, key) ?: insert zero value
    46:  r1 = map[dt_agg_0] ll
    48:  r2 = *(u64 *)(r10 -24)
    49:  r2 += 144
    50:  call bpf_map_lookup_elem#1
    51:  if r0 != 0 goto +14 <66>
    52:  r1 = map[dt_agg_0] ll
    54:  r3 = .rodata + 0 ll
    56:  r4 = 1
    57:  r2 = *(u64 *)(r10 -24)
    58:  r2 += 144
    59:  call bpf_map_update_elem#2
    60:  r1 = map[dt_agg_0] ll
    62:  r2 = *(u64 *)(r10 -24)
    63:  r2 += 144
    64:  call bpf_map_lookup_elem#1
    65:  if r0 == 0 goto +5 <71>
L2:		; <66>
		; v[0]++
    66:  r2 = *(u64 *)(r0 +0)
    67:  r2 += 1
    68:  *(u64 *)(r0 +0) = r2
L0:		; <69>
    69:  r0 = 0
    70:  exit
L3:		; <71>
		; fault site 1: kind 5
    71:  r1 = *(u64 *)(r10 -24)
    72:  r2 = 5
    73:  *(u32 *)(r1 +148) = r2
    74:  r2 = 0
    75:  *(u64 *)(r1 +152) = r2
    76:  r2 = 1
    77:  *(u32 *)(r1 +160) = r2
L1:		; <78>
		; fault: g->faults++; output the fault record
    78:  r1 = *(u64 *)(r10 -16)
    79:  r2 = *(u64 *)(r1 +8)
    80:  r2 += 1
    81:  *(u64 *)(r1 +8) = r2
    82:  r2 = *(u64 *)(r10 -24)
    83:  r1 = -1
    84:  *(u32 *)(r2 +128) = r1
    85:  r1 = 0
    86:  *(u32 *)(r2 +144) = r1
    87:  r1 = map[dt_ringbuf] ll
    89:  r2 += 128
    90:  r3 = 40
    91:  r4 = 0
    92:  call bpf_ringbuf_output#130
    93:  r0 = 0
    94:  exit
