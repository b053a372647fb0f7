; fbt.d

	.section "fentry/vfs_read"
dt_c0_p0:		; program, 125 instructions, stack 48
     0:  r2 = 0
     1:  *(u64 *)(r10 -40) = r2
; line 3: fbt::vfs_read: { trace(arg0); trace(arg1); trace(arg6); }
		; prologue: dt_c0_p0
     2:  r6 = r1
     3:  r1 = 0
     4:  *(u64 *)(r10 -32) = r1
		; g = &dt_globals (global data, no lookup)
     5:  r1 = .data.dt_globals + 0 ll
		; if (g->state != ACTIVE) goto out
     7:  r1 = *(u32 *)(r1 +0)
     8:  if r1 != 1 goto +104 <113>
		; n = map_lookup_elem(&dt_nest, &zero); nesting level
     9:  r1 = map[dt_nest] ll
    11:  r2 = r10
    12:  r2 += -32
    13:  call bpf_map_lookup_elem#1
    14:  if r0 == 0 goto +98 <113>
		; d = *n; if (d >= 4) goto deep; *n = d + 1
    15:  r1 = *(u32 *)(r0 +0)
    16:  if r1 >= 4 goto +103 <120>
    17:  r2 = r1
    18:  r2 += 1
    19:  *(u32 *)(r0 +0) = r2
    20:  *(u64 *)(r10 -40) = r0
    21:  *(u64 *)(r10 -48) = r1
		; s = map_lookup_elem(&dt_scratch, &depth)
    22:  r1 = map[dt_scratch] ll
    24:  r2 = r10
    25:  r2 += -48
    26:  call bpf_map_lookup_elem#1
    27:  if r0 == 0 goto +85 <113>
    28:  r7 = r0
		; fbt provider prologue
    29:  r1 = 0
    30:  *(u64 *)(r0 +0) = r1
    31:  *(u64 *)(r0 +8) = r1
    32:  *(u64 *)(r0 +16) = r1
    33:  *(u64 *)(r0 +24) = r1
    34:  *(u64 *)(r0 +32) = r1
    35:  *(u64 *)(r0 +40) = r1
    36:  *(u64 *)(r0 +48) = r1
    37:  *(u64 *)(r0 +56) = r1
    38:  *(u64 *)(r0 +64) = r1
    39:  *(u64 *)(r0 +72) = r1
		; arg0..9 = bpf_get_func_arg(ctx, 0..9) (0 past the last)
    40:  r2 = 0
    41:  r3 = r0
    42:  r1 = r6
    43:  call bpf_get_func_arg#183
    44:  r2 = 1
    45:  r3 = r7
    46:  r3 += 8
    47:  r1 = r6
    48:  call bpf_get_func_arg#183
    49:  r2 = 2
    50:  r3 = r7
    51:  r3 += 16
    52:  r1 = r6
    53:  call bpf_get_func_arg#183
    54:  r2 = 3
    55:  r3 = r7
    56:  r3 += 24
    57:  r1 = r6
    58:  call bpf_get_func_arg#183
    59:  r2 = 4
    60:  r3 = r7
    61:  r3 += 32
    62:  r1 = r6
    63:  call bpf_get_func_arg#183
    64:  r2 = 5
    65:  r3 = r7
    66:  r3 += 40
    67:  r1 = r6
    68:  call bpf_get_func_arg#183
    69:  r2 = 6
    70:  r3 = r7
    71:  r3 += 48
    72:  r1 = r6
    73:  call bpf_get_func_arg#183
    74:  r2 = 7
    75:  r3 = r7
    76:  r3 += 56
    77:  r1 = r6
    78:  call bpf_get_func_arg#183
    79:  r2 = 8
    80:  r3 = r7
    81:  r3 += 64
    82:  r1 = r6
    83:  call bpf_get_func_arg#183
    84:  r2 = 9
    85:  r3 = r7
    86:  r3 += 72
    87:  r1 = r6
    88:  call bpf_get_func_arg#183
    89:  r1 = 0
    90:  *(u64 *)(r7 +80) = r1
    91:  *(u64 *)(r7 +104) = r1
		; rec = {epid 0, prid, cpu}
    92:  *(u32 *)(r7 +128) = r1
    93:  r1 = r6
    94:  call bpf_get_attach_cookie#174
    95:  *(u32 *)(r7 +132) = r0
    96:  call bpf_get_smp_processor_id#8
    97:  *(u32 *)(r7 +136) = r0
    98:  r1 = 0
    99:  *(u32 *)(r7 +140) = r1
   100:  r1 = *(u64 *)(r7 +0)
		; record[16] = int64_t (8 bytes)
   101:  *(u64 *)(r7 +144) = r1
   102:  r1 = *(u64 *)(r7 +8)
		; record[24] = int64_t (8 bytes)
   103:  *(u64 *)(r7 +152) = r1
   104:  r1 = *(u64 *)(r7 +48)
		; record[32] = int64_t (8 bytes)
   105:  *(u64 *)(r7 +160) = r1
		; ringbuf_output(&dt_ringbuf, rec, 40, 0)
   106:  r1 = map[dt_ringbuf] ll
   108:  r7 += 128
   109:  r3 = 40
   110:  r4 = 0
   111:  r2 = r7
   112:  call bpf_ringbuf_output#130
L0:		; <113>
		; p = nest pointer; if (p) *p -= 1
   113:  r1 = *(u64 *)(r10 -40)
   114:  if r1 == 0 goto +3 <118>
   115:  r2 = *(u32 *)(r1 +0)
   116:  r2 -= 1
   117:  *(u32 *)(r1 +0) = r2
L3:		; <118>
   118:  r0 = 0
   119:  exit
L2:		; <120>
		; too deep: gl = &dt_globals; gl->nestdrops++
   120:  r1 = .data.dt_globals + 0 ll
   122:  r2 = 1
   123:  lock *(u64 *)(r1 +72) += r2
   124:  goto -12 <113>

	.section "kprobe/vfs_read"
dt_c0_p1:		; program, 80 instructions, stack 48
     0:  r2 = 0
     1:  *(u64 *)(r10 -40) = r2
; line 3: fbt::vfs_read: { trace(arg0); trace(arg1); trace(arg6); }
		; prologue: dt_c0_p1
     2:  r6 = r1
     3:  r1 = 0
     4:  *(u64 *)(r10 -32) = r1
		; g = &dt_globals (global data, no lookup)
     5:  r1 = .data.dt_globals + 0 ll
		; if (g->state != ACTIVE) goto out
     7:  r1 = *(u32 *)(r1 +0)
     8:  if r1 != 1 goto +59 <68>
		; n = map_lookup_elem(&dt_nest, &zero); nesting level
     9:  r1 = map[dt_nest] ll
    11:  r2 = r10
    12:  r2 += -32
    13:  call bpf_map_lookup_elem#1
    14:  if r0 == 0 goto +53 <68>
		; d = *n; if (d >= 4) goto deep; *n = d + 1
    15:  r1 = *(u32 *)(r0 +0)
    16:  if r1 >= 4 goto +58 <75>
    17:  r2 = r1
    18:  r2 += 1
    19:  *(u32 *)(r0 +0) = r2
    20:  *(u64 *)(r10 -40) = r0
    21:  *(u64 *)(r10 -48) = r1
		; s = map_lookup_elem(&dt_scratch, &depth)
    22:  r1 = map[dt_scratch] ll
    24:  r2 = r10
    25:  r2 += -48
    26:  call bpf_map_lookup_elem#1
    27:  if r0 == 0 goto +40 <68>
    28:  r7 = r0
		; fbt provider prologue
		; arg0..5 = regs->{di,si,dx,cx,r8,r9}
    29:  r1 = *(u64 *)(r6 +48)                    ; di ; CO-RE struct pt_regs.di (type 30 access 0:6)
    30:  *(u64 *)(r0 +0) = r1
    31:  r1 = *(u64 *)(r6 +56)                    ; si ; CO-RE struct pt_regs.si (type 30 access 0:7)
    32:  *(u64 *)(r0 +8) = r1
    33:  r1 = *(u64 *)(r6 +64)                    ; dx ; CO-RE struct pt_regs.dx (type 30 access 0:8)
    34:  r1 = *(u64 *)(r6 +72)                    ; cx ; CO-RE struct pt_regs.cx (type 30 access 0:9)
    35:  r1 = *(u64 *)(r6 +88)                    ; r8 ; CO-RE struct pt_regs.r8 (type 30 access 0:11)
    36:  r1 = *(u64 *)(r6 +96)                    ; r9 ; CO-RE struct pt_regs.r9 (type 30 access 0:12)
		; arg6..9 = the kernel stack above the return address
    37:  r3 = *(u64 *)(r6 +8)                     ; sp ; CO-RE struct pt_regs.sp (type 30 access 0:1)
    38:  r3 += 8
    39:  r2 = 32
    40:  r1 = r0
    41:  r1 += 48
    42:  call bpf_probe_read_kernel#113
    43:  if r0 == 0 goto +2 <46>
    44:  r1 = 0
    45:  *(u64 *)(r7 +48) = r1
L2:		; <46>
		; rec = {epid 1, prid, cpu}
    46:  r1 = 1
    47:  *(u32 *)(r7 +128) = r1
    48:  r1 = r6
    49:  call bpf_get_attach_cookie#174
    50:  *(u32 *)(r7 +132) = r0
    51:  call bpf_get_smp_processor_id#8
    52:  *(u32 *)(r7 +136) = r0
    53:  r1 = 0
    54:  *(u32 *)(r7 +140) = r1
    55:  r1 = *(u64 *)(r7 +0)
		; record[16] = int64_t (8 bytes)
    56:  *(u64 *)(r7 +144) = r1
    57:  r1 = *(u64 *)(r7 +8)
		; record[24] = int64_t (8 bytes)
    58:  *(u64 *)(r7 +152) = r1
    59:  r1 = *(u64 *)(r7 +48)
		; record[32] = int64_t (8 bytes)
    60:  *(u64 *)(r7 +160) = r1
		; ringbuf_output(&dt_ringbuf, rec, 40, 0)
    61:  r1 = map[dt_ringbuf] ll
    63:  r7 += 128
    64:  r3 = 40
    65:  r4 = 0
    66:  r2 = r7
    67:  call bpf_ringbuf_output#130
L0:		; <68>
		; p = nest pointer; if (p) *p -= 1
    68:  r1 = *(u64 *)(r10 -40)
    69:  if r1 == 0 goto +3 <73>
    70:  r2 = *(u32 *)(r1 +0)
    71:  r2 -= 1
    72:  *(u32 *)(r1 +0) = r2
L4:		; <73>
    73:  r0 = 0
    74:  exit
L3:		; <75>
		; too deep: gl = &dt_globals; gl->nestdrops++
    75:  r1 = .data.dt_globals + 0 ll
    77:  r2 = 1
    78:  lock *(u64 *)(r1 +72) += r2
    79:  goto -12 <68>

	.section "fexit/vfs_read"
dt_c0_p2:		; program, 81 instructions, stack 48
     0:  r2 = 0
     1:  *(u64 *)(r10 -40) = r2
; line 3: fbt::vfs_read: { trace(arg0); trace(arg1); trace(arg6); }
		; prologue: dt_c0_p2
     2:  r6 = r1
     3:  r1 = 0
     4:  *(u64 *)(r10 -32) = r1
		; g = &dt_globals (global data, no lookup)
     5:  r1 = .data.dt_globals + 0 ll
		; if (g->state != ACTIVE) goto out
     7:  r1 = *(u32 *)(r1 +0)
     8:  if r1 != 1 goto +60 <69>
		; n = map_lookup_elem(&dt_nest, &zero); nesting level
     9:  r1 = map[dt_nest] ll
    11:  r2 = r10
    12:  r2 += -32
    13:  call bpf_map_lookup_elem#1
    14:  if r0 == 0 goto +54 <69>
		; d = *n; if (d >= 4) goto deep; *n = d + 1
    15:  r1 = *(u32 *)(r0 +0)
    16:  if r1 >= 4 goto +59 <76>
    17:  r2 = r1
    18:  r2 += 1
    19:  *(u32 *)(r0 +0) = r2
    20:  *(u64 *)(r10 -40) = r0
    21:  *(u64 *)(r10 -48) = r1
		; s = map_lookup_elem(&dt_scratch, &depth)
    22:  r1 = map[dt_scratch] ll
    24:  r2 = r10
    25:  r2 += -48
    26:  call bpf_map_lookup_elem#1
    27:  if r0 == 0 goto +41 <69>
    28:  r7 = r0
		; fbt provider prologue
    29:  r1 = 0
    30:  *(u64 *)(r0 +0) = r1
    31:  *(u64 *)(r0 +8) = r1
    32:  *(u64 *)(r0 +16) = r1
    33:  *(u64 *)(r0 +24) = r1
    34:  *(u64 *)(r0 +32) = r1
    35:  *(u64 *)(r0 +40) = r1
    36:  *(u64 *)(r0 +48) = r1
    37:  *(u64 *)(r0 +56) = r1
    38:  *(u64 *)(r0 +64) = r1
    39:  *(u64 *)(r0 +72) = r1
		; arg0 = 0, arg1 = bpf_get_func_ret(ctx)
    40:  r2 = r0
    41:  r2 += 8
    42:  r1 = r6
    43:  call bpf_get_func_ret#184
    44:  r1 = 0
    45:  *(u64 *)(r7 +80) = r1
    46:  *(u64 *)(r7 +104) = r1
		; rec = {epid 2, prid, cpu}
    47:  r1 = 2
    48:  *(u32 *)(r7 +128) = r1
    49:  r1 = r6
    50:  call bpf_get_attach_cookie#174
    51:  *(u32 *)(r7 +132) = r0
    52:  call bpf_get_smp_processor_id#8
    53:  *(u32 *)(r7 +136) = r0
    54:  r1 = 0
    55:  *(u32 *)(r7 +140) = r1
    56:  r1 = *(u64 *)(r7 +0)
		; record[16] = int64_t (8 bytes)
    57:  *(u64 *)(r7 +144) = r1
    58:  r1 = *(u64 *)(r7 +8)
		; record[24] = int64_t (8 bytes)
    59:  *(u64 *)(r7 +152) = r1
    60:  r1 = *(u64 *)(r7 +48)
		; record[32] = int64_t (8 bytes)
    61:  *(u64 *)(r7 +160) = r1
		; ringbuf_output(&dt_ringbuf, rec, 40, 0)
    62:  r1 = map[dt_ringbuf] ll
    64:  r7 += 128
    65:  r3 = 40
    66:  r4 = 0
    67:  r2 = r7
    68:  call bpf_ringbuf_output#130
L0:		; <69>
		; p = nest pointer; if (p) *p -= 1
    69:  r1 = *(u64 *)(r10 -40)
    70:  if r1 == 0 goto +3 <74>
    71:  r2 = *(u32 *)(r1 +0)
    72:  r2 -= 1
    73:  *(u32 *)(r1 +0) = r2
L3:		; <74>
    74:  r0 = 0
    75:  exit
L2:		; <76>
		; too deep: gl = &dt_globals; gl->nestdrops++
    76:  r1 = .data.dt_globals + 0 ll
    78:  r2 = 1
    79:  lock *(u64 *)(r1 +72) += r2
    80:  goto -12 <69>

	.section "kretprobe/vfs_read"
dt_c0_p3:		; program, 69 instructions, stack 48
     0:  r2 = 0
     1:  *(u64 *)(r10 -40) = r2
; line 3: fbt::vfs_read: { trace(arg0); trace(arg1); trace(arg6); }
		; prologue: dt_c0_p3
     2:  r6 = r1
     3:  r1 = 0
     4:  *(u64 *)(r10 -32) = r1
		; g = &dt_globals (global data, no lookup)
     5:  r1 = .data.dt_globals + 0 ll
		; if (g->state != ACTIVE) goto out
     7:  r1 = *(u32 *)(r1 +0)
     8:  if r1 != 1 goto +48 <57>
		; n = map_lookup_elem(&dt_nest, &zero); nesting level
     9:  r1 = map[dt_nest] ll
    11:  r2 = r10
    12:  r2 += -32
    13:  call bpf_map_lookup_elem#1
    14:  if r0 == 0 goto +42 <57>
		; d = *n; if (d >= 4) goto deep; *n = d + 1
    15:  r1 = *(u32 *)(r0 +0)
    16:  if r1 >= 4 goto +47 <64>
    17:  r2 = r1
    18:  r2 += 1
    19:  *(u32 *)(r0 +0) = r2
    20:  *(u64 *)(r10 -40) = r0
    21:  *(u64 *)(r10 -48) = r1
		; s = map_lookup_elem(&dt_scratch, &depth)
    22:  r1 = map[dt_scratch] ll
    24:  r2 = r10
    25:  r2 += -48
    26:  call bpf_map_lookup_elem#1
    27:  if r0 == 0 goto +29 <57>
    28:  r7 = r0
		; fbt provider prologue
		; arg0 = 0, arg1 = regs->ax
    29:  r1 = 0
    30:  *(u64 *)(r0 +0) = r1
    31:  r1 = *(u64 *)(r6 +80)                    ; ax ; CO-RE struct pt_regs.ax (type 30 access 0:10)
    32:  *(u64 *)(r0 +8) = r1
    33:  r1 = 0
    34:  *(u64 *)(r0 +48) = r1
		; rec = {epid 3, prid, cpu}
    35:  r1 = 3
    36:  *(u32 *)(r0 +128) = r1
    37:  r1 = r6
    38:  call bpf_get_attach_cookie#174
    39:  *(u32 *)(r7 +132) = r0
    40:  call bpf_get_smp_processor_id#8
    41:  *(u32 *)(r7 +136) = r0
    42:  r1 = 0
    43:  *(u32 *)(r7 +140) = r1
    44:  r1 = *(u64 *)(r7 +0)
		; record[16] = int64_t (8 bytes)
    45:  *(u64 *)(r7 +144) = r1
    46:  r1 = *(u64 *)(r7 +8)
		; record[24] = int64_t (8 bytes)
    47:  *(u64 *)(r7 +152) = r1
    48:  r1 = *(u64 *)(r7 +48)
		; record[32] = int64_t (8 bytes)
    49:  *(u64 *)(r7 +160) = r1
		; ringbuf_output(&dt_ringbuf, rec, 40, 0)
    50:  r1 = map[dt_ringbuf] ll
    52:  r7 += 128
    53:  r3 = 40
    54:  r4 = 0
    55:  r2 = r7
    56:  call bpf_ringbuf_output#130
L0:		; <57>
		; p = nest pointer; if (p) *p -= 1
    57:  r1 = *(u64 *)(r10 -40)
    58:  if r1 == 0 goto +3 <62>
    59:  r2 = *(u32 *)(r1 +0)
    60:  r2 -= 1
    61:  *(u32 *)(r1 +0) = r2
L3:		; <62>
    62:  r0 = 0
    63:  exit
L2:		; <64>
		; too deep: gl = &dt_globals; gl->nestdrops++
    64:  r1 = .data.dt_globals + 0 ll
    66:  r2 = 1
    67:  lock *(u64 *)(r1 +72) += r2
    68:  goto -12 <57>
