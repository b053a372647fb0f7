; printf.d

	.section "raw_tp/sys_enter"
dt_c0_p0:		; program, 76 instructions, stack 48
     0:  r2 = 0
     1:  *(u64 *)(r10 -40) = r2
; line 2: syscall::getppid:entry
		; prologue: dt_c0_p0
		; if (syscall nr != rodata[0] (getppid, set by dload)) goto out
     2:  r1 = *(u64 *)(r1 +8)
     3:  r2 = .rodata + 0 ll
     5:  r2 = *(u32 *)(r2 +0)
     6:  if r1 != r2 goto +62 <69>
     7:  r1 = 0
     8:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
     9:  r1 = map[dt_globals] ll
    11:  r2 = r10
    12:  r2 += -32
    13:  call bpf_map_lookup_elem#1
    14:  if r0 == 0 goto +54 <69>
		; if (g->state != ACTIVE) goto out
    15:  r1 = *(u32 *)(r0 +0)
    16:  if r1 != 1 goto +52 <69>
; line 4: {
		; predicate: if (!pred) goto out
    17:  call bpf_get_current_pid_tgid#14
    18:  r0 >>= 32
    19:  if r0 == 0 goto +49 <69>
		; n = map_lookup_elem(&dt_nest, &zero); nesting level
    20:  r1 = map[dt_nest] ll
    22:  r2 = r10
    23:  r2 += -32
    24:  call bpf_map_lookup_elem#1
    25:  if r0 == 0 goto +43 <69>
		; d = *n; if (d >= 4) goto out; *n = d + 1
    26:  r1 = *(u32 *)(r0 +0)
    27:  if r1 >= 4 goto +41 <69>
    28:  r2 = r1
    29:  r2 += 1
    30:  *(u32 *)(r0 +0) = r2
    31:  *(u64 *)(r10 -40) = r0
    32:  *(u64 *)(r10 -48) = r1
		; s = map_lookup_elem(&dt_scratch, &depth)
    33:  r1 = map[dt_scratch] ll
    35:  r2 = r10
    36:  r2 += -48
    37:  call bpf_map_lookup_elem#1
    38:  if r0 == 0 goto +30 <69>
    39:  *(u64 *)(r10 -24) = r0
		; syscall provider prologue
    40:  r2 = 0
    41:  *(u64 *)(r0 +80) = r2
    42:  *(u64 *)(r0 +104) = r2
		; rec = {epid 0, prid, cpu}
    43:  *(u32 *)(r0 +128) = r2
    44:  r2 = .rodata + 4 ll
    46:  r2 = *(u32 *)(r2 +0)
    47:  *(u32 *)(r0 +132) = r2
    48:  call bpf_get_smp_processor_id#8
    49:  r1 = *(u64 *)(r10 -24)
    50:  *(u32 *)(r1 +136) = r0
    51:  r2 = 0
    52:  *(u32 *)(r1 +140) = r2
; line 5: printf("%s %d\n", "ppid from", pid);
		; printf("%s %d\n", 2 args)
    53:  r3 = .rodata + 8 ll
		; record[16] = string (257 bytes)
    55:  r1 += 144
		; strcpy(dst, src, 257)
    56:  r2 = 257
    57:  call bpf_probe_read_kernel_str#115
    58:  call bpf_get_current_pid_tgid#14
    59:  r0 >>= 32
		; record[276] = pid_t (4 bytes)
    60:  r1 = *(u64 *)(r10 -24)
    61:  *(u32 *)(r1 +404) = r0
		; ringbuf_output(&dt_ringbuf, rec, 280, 0)
    62:  r1 = map[dt_ringbuf] ll
    64:  r2 = *(u64 *)(r10 -24)
    65:  r2 += 128
    66:  r3 = 280
    67:  r4 = 0
    68:  call bpf_ringbuf_output#130
L0:		; <69>
		; p = nest pointer; if (p) *p -= 1
    69:  r1 = *(u64 *)(r10 -40)
    70:  if r1 == 0 goto +3 <74>
    71:  r2 = *(u32 *)(r1 +0)
    72:  r2 -= 1
    73:  *(u32 *)(r1 +0) = r2
L2:		; <74>
    74:  r0 = 0
    75:  exit
