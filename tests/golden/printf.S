; printf.d

	.section "raw_tp/sys_enter"
dt_c0_p0:		; program, 56 instructions, stack 32
; line 2: syscall::getppid:entry
		; prologue: dt_c0_p0
		; if (syscall nr != rodata[0] (getppid, set by dload)) goto out
     0:  r1 = *(u64 *)(r1 +8)
     1:  r2 = .rodata + 0 ll
     3:  r2 = *(u32 *)(r2 +0)
     4:  if r1 != r2 goto +49 <54>
     5:  r1 = 0
     6:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
     7:  r1 = map[dt_globals] ll
     9:  r2 = r10
    10:  r2 += -32
    11:  call bpf_map_lookup_elem#1
    12:  if r0 == 0 goto +41 <54>
		; if (g->state != ACTIVE) goto out
    13:  r1 = *(u32 *)(r0 +0)
    14:  if r1 != 1 goto +39 <54>
; line 4: {
		; predicate: if (!pred) goto out
    15:  call bpf_get_current_pid_tgid#14
    16:  r0 >>= 32
    17:  if r0 == 0 goto +36 <54>
		; s = map_lookup_elem(&dt_scratch, &zero)
    18:  r1 = map[dt_scratch] ll
    20:  r2 = r10
    21:  r2 += -32
    22:  call bpf_map_lookup_elem#1
    23:  if r0 == 0 goto +30 <54>
    24:  *(u64 *)(r10 -24) = r0
		; syscall provider prologue
    25:  r2 = 0
    26:  *(u64 *)(r0 +80) = r2
    27:  *(u64 *)(r0 +104) = r2
		; rec = {epid 0, prid, cpu}
    28:  *(u32 *)(r0 +128) = r2
    29:  r2 = .rodata + 4 ll
    31:  r2 = *(u32 *)(r2 +0)
    32:  *(u32 *)(r0 +132) = r2
    33:  call bpf_get_smp_processor_id#8
    34:  r1 = *(u64 *)(r10 -24)
    35:  *(u32 *)(r1 +136) = r0
    36:  r2 = 0
    37:  *(u32 *)(r1 +140) = r2
; line 5: printf("%s %d\n", "ppid from", pid);
		; printf("%s %d\n", 2 args)
    38:  r3 = .rodata + 8 ll
		; record[16] = string (257 bytes)
    40:  r1 += 144
		; strcpy(dst, src, 257)
    41:  r2 = 257
    42:  call bpf_probe_read_kernel_str#115
    43:  call bpf_get_current_pid_tgid#14
    44:  r0 >>= 32
		; record[276] = pid_t (4 bytes)
    45:  r1 = *(u64 *)(r10 -24)
    46:  *(u32 *)(r1 +404) = r0
		; ringbuf_output(&dt_ringbuf, rec, 280, 0)
    47:  r1 = map[dt_ringbuf] ll
    49:  r2 = *(u64 *)(r10 -24)
    50:  r2 += 128
    51:  r3 = 280
    52:  r4 = 0
    53:  call bpf_ringbuf_output#130
L0:		; <54>
    54:  r0 = 0
    55:  exit
