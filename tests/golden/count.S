; count.d

	.section "raw_tp/sys_enter"
dt_c0_p0:		; program, 22 instructions, stack 32
; line 2: syscall::getppid:entry
		; prologue: dt_c0_p0
		; if (syscall nr != rodata[0] (getppid, set by dload)) goto out
     0:  r1 = *(u64 *)(r1 +8)
     1:  r2 = .rodata + 0 ll
     3:  r2 = *(u32 *)(r2 +0)
     4:  if r1 != r2 goto +15 <20>
     5:  r1 = 0
     6:  *(u64 *)(r10 -32) = r1
		; g = &dt_globals (global data, no lookup)
     7:  r1 = .data.dt_globals + 0 ll
		; if (g->state != ACTIVE) goto out
     9:  r1 = *(u32 *)(r1 +0)
    10:  if r1 != 1 goto +9 <20>
; line 4: @calls = count();
		; @calls[...] = count(...)
		; v = lookup(&dt_agg_0, &zero)
    11:  r1 = map[dt_agg_0] ll
    13:  r2 = r10
    14:  r2 += -32
    15:  call bpf_map_lookup_elem#1
    16:  if r0 == 0 goto +3 <20>
		; v[0]++
    17:  r2 = *(u64 *)(r0 +0)
    18:  r2 += 1
    19:  *(u64 *)(r0 +0) = r2
L2:		; <20>
L0:		; <20>
    20:  r0 = 0
    21:  exit
