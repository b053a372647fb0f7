; printf.d

	.section "raw_tp/sys_enter"
dt_c0_p0:		; program, 74 instructions, stack 48
     0:  r2 = 0
     1:  *(u64 *)(r10 -40) = r2
; line 2: syscall::getppid:entry
		; prologue: dt_c0_p0
		; if (syscall nr != rodata[0] (getppid, set by dload)) goto out
     2:  r1 = *(u64 *)(r1 +8)
     3:  r2 = .rodata + 0 ll
     5:  r2 = *(u32 *)(r2 +0)
     6:  if r1 != r2 goto +55 <62>
     7:  r1 = 0
     8:  *(u64 *)(r10 -32) = r1
		; g = &dt_globals (global data, no lookup)
     9:  r1 = .data.dt_globals + 0 ll
		; if (g->state != ACTIVE) goto out
    11:  r1 = *(u32 *)(r1 +0)
    12:  if r1 != 1 goto +49 <62>
; line 4: {
		; predicate: if (!pred) goto out
    13:  call bpf_get_current_pid_tgid#14
    14:  r0 >>= 32
    15:  if r0 == 0 goto +46 <62>
		; n = map_lookup_elem(&dt_nest, &zero); nesting level
    16:  r1 = map[dt_nest] ll
    18:  r2 = r10
    19:  r2 += -32
    20:  call bpf_map_lookup_elem#1
    21:  if r0 == 0 goto +40 <62>
		; d = *n; if (d >= 4) goto deep; *n = d + 1
    22:  r1 = *(u32 *)(r0 +0)
    23:  if r1 >= 4 goto +45 <69>
    24:  r2 = r1
    25:  r2 += 1
    26:  *(u32 *)(r0 +0) = r2
    27:  *(u64 *)(r10 -40) = r0
    28:  *(u64 *)(r10 -48) = r1
		; s = map_lookup_elem(&dt_scratch, &depth)
    29:  r1 = map[dt_scratch] ll
    31:  r2 = r10
    32:  r2 += -48
    33:  call bpf_map_lookup_elem#1
    34:  if r0 == 0 goto +27 <62>
    35:  r7 = r0
		; syscall provider prologue
		; rec = {epid 0, prid, cpu}
    36:  r1 = 0
    37:  *(u32 *)(r0 +128) = r1
    38:  r1 = .rodata + 4 ll
    40:  r1 = *(u32 *)(r1 +0)
    41:  *(u32 *)(r0 +132) = r1
    42:  call bpf_get_smp_processor_id#8
    43:  *(u32 *)(r7 +136) = r0
    44:  r1 = 0
    45:  *(u32 *)(r7 +140) = r1
; line 5: printf("%s %d\n", "ppid from", pid);
		; printf("%s %d\n", 2 args)
    46:  r3 = .rodata + 8 ll
		; record[16] = string (10 bytes)
    48:  r1 = r7
    49:  r1 += 144
		; strcpy(dst, src, 10)
    50:  r2 = 10
    51:  call bpf_probe_read_kernel_str#115
    52:  call bpf_get_current_pid_tgid#14
    53:  r0 >>= 32
		; record[28] = pid_t (4 bytes)
    54:  *(u32 *)(r7 +156) = r0
		; ringbuf_output(&dt_ringbuf, rec, 32, 0)
    55:  r1 = map[dt_ringbuf] ll
    57:  r7 += 128
    58:  r3 = 32
    59:  r4 = 0
    60:  r2 = r7
    61:  call bpf_ringbuf_output#130
L0:		; <62>
		; p = nest pointer; if (p) *p -= 1
    62:  r1 = *(u64 *)(r10 -40)
    63:  if r1 == 0 goto +3 <67>
    64:  r2 = *(u32 *)(r1 +0)
    65:  r2 -= 1
    66:  *(u32 *)(r1 +0) = r2
L3:		; <67>
    67:  r0 = 0
    68:  exit
L2:		; <69>
		; too deep: gl = &dt_globals; gl->nestdrops++
    69:  r1 = .data.dt_globals + 0 ll
    71:  r2 = 1
    72:  lock *(u64 *)(r1 +72) += r2
    73:  goto -12 <62>
