; printf.d

	.section "raw_tp/sys_enter"
dt_c0_p0:		; program, 67 instructions, stack 48
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
    10:  if r0 == 0 goto +54 <65>
    11:  r1 = *(u32 *)(r0 +0)
    12:  *(u64 *)(r10 -48) = r1
    13:  r1 = 0
    14:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
    15:  r1 = map[dt_globals] ll
    17:  r2 = r10
    18:  r2 += -32
    19:  call bpf_map_lookup_elem#1
    20:  if r0 == 0 goto +44 <65>
    21:  *(u64 *)(r10 -16) = r0
		; if (g->state != ACTIVE) goto out
    22:  r1 = *(u32 *)(r0 +0)
    23:  if r1 != 1 goto +41 <65>
		; s = map_lookup_elem(&dt_scratch, &zero)
    24:  r1 = map[dt_scratch] ll
    26:  r2 = r10
    27:  r2 += -32
    28:  call bpf_map_lookup_elem#1
    29:  if r0 == 0 goto +35 <65>
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
; line 4: {
		; predicate: if (!pred) goto out
    45:  call bpf_get_current_pid_tgid#14
    46:  r0 >>= 32
    47:  if r0 == 0 goto +17 <65>
; line 5: printf("%s %d\n", "ppid from", pid);
		; printf("%s %d\n", 2 args)
    48:  r3 = .rodata + 0 ll
		; record[16] = string (257 bytes)
    50:  r1 = *(u64 *)(r10 -24)
    51:  r1 += 144
		; strcpy(dst, src, 257)
    52:  r2 = 257
    53:  call bpf_probe_read_kernel_str#115
    54:  call bpf_get_current_pid_tgid#14
    55:  r0 >>= 32
		; record[276] = pid_t (4 bytes)
    56:  r1 = *(u64 *)(r10 -24)
    57:  *(u32 *)(r1 +404) = r0
		; ringbuf_output(&dt_ringbuf, rec, 280, 0)
    58:  r1 = map[dt_ringbuf] ll
    60:  r2 = *(u64 *)(r10 -24)
    61:  r2 += 128
    62:  r3 = 280
    63:  r4 = 0
    64:  call bpf_ringbuf_output#130
L0:		; <65>
    65:  r0 = 0
    66:  exit
