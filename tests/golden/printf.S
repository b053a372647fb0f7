; printf.d

	.section "tracepoint/syscalls/sys_enter_getppid"
dt_c0_p0:		; program, 65 instructions, stack 32
; line 2: syscall::getppid:entry
		; prologue: dt_c0_p0
     0:  *(u64 *)(r10 -8) = r1
     1:  *(u64 *)(r10 -32) = 0
		; g = map_lookup_elem(&dt_globals, &zero)
     2:  r1 = map[dt_globals] ll
     4:  r2 = r10
     5:  r2 += -32
     6:  call bpf_map_lookup_elem#1
     7:  if r0 == 0 goto +55 <63>
     8:  *(u64 *)(r10 -16) = r0
		; if (g->state != ACTIVE) goto out
     9:  r1 = *(u32 *)(r0 +0)
    10:  if r1 != 1 goto +52 <63>
		; s = map_lookup_elem(&dt_scratch, &zero)
    11:  r1 = map[dt_scratch] ll
    13:  r2 = r10
    14:  r2 += -32
    15:  call bpf_map_lookup_elem#1
    16:  if r0 == 0 goto +46 <63>
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
; line 3: /pid != 0/
		; predicate: if (!pred) goto out
    41:  call bpf_get_current_pid_tgid#14
    42:  r0 >>= 32
    43:  r0 <<= 32
    44:  r0 s>>= 32
    45:  if r0 == 0 goto +17 <63>
; line 5: printf("%s %d\n", "ppid from", pid);
		; printf("%s %d\n", 2 args)
    46:  r3 = .rodata + 0 ll
		; record[16] = string (256 bytes)
    48:  r1 = *(u64 *)(r10 -24)
    49:  r1 += 144
		; strcpy(dst, src, 256)
    50:  r2 = 256
    51:  call bpf_probe_read_kernel_str#115
    52:  call bpf_get_current_pid_tgid#14
    53:  r0 >>= 32
		; record[272] = pid_t (4 bytes)
    54:  r1 = *(u64 *)(r10 -24)
    55:  *(u32 *)(r1 +400) = r0
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
