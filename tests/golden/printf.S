; printf.d

	.section "tracepoint/syscalls/sys_enter_getppid"
dt_c0_p0:		; program, 65 instructions, stack 32
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
     8:  if r0 == 0 goto +54 <63>
     9:  *(u64 *)(r10 -16) = r0
		; if (g->state != ACTIVE) goto out
    10:  r1 = *(u32 *)(r0 +0)
    11:  if r1 != 1 goto +51 <63>
		; s = map_lookup_elem(&dt_scratch, &zero)
    12:  r1 = map[dt_scratch] ll
    14:  r2 = r10
    15:  r2 += -32
    16:  call bpf_map_lookup_elem#1
    17:  if r0 == 0 goto +45 <63>
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
; line 4: {
		; predicate: if (!pred) goto out
    43:  call bpf_get_current_pid_tgid#14
    44:  r0 >>= 32
    45:  if r0 == 0 goto +17 <63>
; line 5: printf("%s %d\n", "ppid from", pid);
		; printf("%s %d\n", 2 args)
    46:  r3 = .rodata + 0 ll
		; record[16] = string (257 bytes)
    48:  r1 = *(u64 *)(r10 -24)
    49:  r1 += 144
		; strcpy(dst, src, 257)
    50:  r2 = 257
    51:  call bpf_probe_read_kernel_str#115
    52:  call bpf_get_current_pid_tgid#14
    53:  r0 >>= 32
		; record[276] = pid_t (4 bytes)
    54:  r1 = *(u64 *)(r10 -24)
    55:  *(u32 *)(r1 +404) = r0
		; ringbuf_output(&dt_ringbuf, rec, 280, 0)
    56:  r1 = map[dt_ringbuf] ll
    58:  r2 = *(u64 *)(r10 -24)
    59:  r2 += 128
    60:  r3 = 280
    61:  r4 = 0
    62:  call bpf_ringbuf_output#130
L0:		; <63>
    63:  r0 = 0
    64:  exit
