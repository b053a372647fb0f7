; count.d

	.section "raw_tp/sys_enter"
dt_c0_p0:		; program, 26 instructions, stack 32
; line 2: syscall::getppid:entry
		; prologue: dt_c0_p0
		; if (syscall nr != rodata[0] (getppid, set by dload)) goto out
     0:  r1 = *(u64 *)(r1 +8)
     1:  r2 = .rodata + 0 ll
     3:  r2 = *(u32 *)(r2 +0)
     4:  if r1 != r2 goto +19 <24>
     5:  r1 = 0
     6:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
     7:  r1 = map[dt_globals] ll
     9:  r2 = r10
    10:  r2 += -32
    11:  call bpf_map_lookup_elem#1
    12:  if r0 == 0 goto +11 <24>
		; if (g->state != ACTIVE) goto out
    13:  r1 = *(u32 *)(r0 +0)
    14:  if r1 != 1 goto +9 <24>
; line 4: @calls = count();
		; @calls[...] = count(...)
		; v = lookup(&dt_agg_0, &zero)
    15:  r1 = map[dt_agg_0] ll
    17:  r2 = r10
    18:  r2 += -32
    19:  call bpf_map_lookup_elem#1
    20:  if r0 == 0 goto +3 <24>
		; v[0]++
    21:  r2 = *(u64 *)(r0 +0)
    22:  r2 += 1
    23:  *(u64 *)(r0 +0) = r2
L2:		; <24>
L0:		; <24>
    24:  r0 = 0
    25:  exit
