; core.d

	.section "raw_tp/dtrace_BEGIN"
dt_c0_p0:		; program, 151 instructions, stack 32
; line 3: BEGIN
		; prologue: dt_c0_p0
     0:  r1 = 0
     1:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
     2:  r1 = map[dt_globals] ll
     4:  r2 = r10
     5:  r2 += -32
     6:  call bpf_map_lookup_elem#1
     7:  if r0 == 0 goto +98 <106>
     8:  *(u64 *)(r10 -16) = r0
		; s = map_lookup_elem(&dt_scratch, &zero)
     9:  r1 = map[dt_scratch] ll
    11:  r2 = r10
    12:  r2 += -32
    13:  call bpf_map_lookup_elem#1
    14:  if r0 == 0 goto +91 <106>
    15:  *(u64 *)(r10 -24) = r0
		; dtrace provider prologue
    16:  r2 = 0
    17:  *(u64 *)(r0 +0) = r2
    18:  *(u64 *)(r0 +8) = r2
    19:  *(u64 *)(r0 +16) = r2
    20:  *(u64 *)(r0 +24) = r2
    21:  *(u64 *)(r0 +32) = r2
    22:  *(u64 *)(r0 +40) = r2
    23:  *(u64 *)(r0 +48) = r2
    24:  *(u64 *)(r0 +56) = r2
    25:  *(u64 *)(r0 +64) = r2
    26:  *(u64 *)(r0 +72) = r2
    27:  *(u64 *)(r0 +80) = r2
    28:  *(u64 *)(r0 +104) = r2
		; rec = {epid 0, prid, cpu}
    29:  *(u32 *)(r0 +128) = r2
    30:  r2 = 1
    31:  *(u32 *)(r0 +132) = r2
    32:  call bpf_get_smp_processor_id#8
    33:  r1 = *(u64 *)(r10 -24)
    34:  *(u32 *)(r1 +136) = r0
    35:  r2 = 0
    36:  *(u32 *)(r1 +140) = r2
; line 6: stringof(curthread->comm));
		; printf("%d %d %s\n", 3 args)
    37:  call bpf_get_current_task#35
    38:  r0 += 28                                 ; CO-RE struct task_struct.pid (type 29 access 0:2)
    39:  r6 = *(u64 *)(r10 -24)
    40:  r6 += 416
    41:  r7 = r0
		; probe_read(tmp, 4, addr)
    42:  r2 = 4
    43:  r1 = r6
    44:  r3 = r0
    45:  call bpf_probe_read_kernel#113
    46:  if r0 s< 0 goto +82 <129>
    47:  r1 = *(u32 *)(r6 +0)
    48:  r1 <<= 32
    49:  r1 s>>= 32
		; record[16] = pid_t (4 bytes)
    50:  r2 = *(u64 *)(r10 -24)
    51:  *(u32 *)(r2 +144) = r1
    52:  call bpf_get_current_task#35
    53:  r0 += 40                                 ; CO-RE struct task_struct.real_parent (type 29 access 0:3)
    54:  r6 = *(u64 *)(r10 -24)
    55:  r6 += 424
    56:  r7 = r0
		; probe_read(tmp, 8, addr)
    57:  r2 = 8
    58:  r1 = r6
    59:  r3 = r0
    60:  call bpf_probe_read_kernel#113
    61:  if r0 s< 0 goto +60 <122>
    62:  r1 = *(u64 *)(r6 +0)
    63:  r1 += 24                                 ; CO-RE struct task_struct.tgid (type 29 access 0:1)
    64:  r6 = *(u64 *)(r10 -24)
    65:  r6 += 432
    66:  r7 = r1
		; probe_read(tmp, 4, addr)
    67:  r2 = 4
    68:  r1 = r6
    69:  r3 = r7
    70:  call bpf_probe_read_kernel#113
    71:  if r0 s< 0 goto +43 <115>
    72:  r1 = *(u32 *)(r6 +0)
    73:  r1 <<= 32
    74:  r1 s>>= 32
		; record[20] = pid_t (4 bytes)
    75:  r2 = *(u64 *)(r10 -24)
    76:  *(u32 *)(r2 +148) = r1
    77:  call bpf_get_current_task#35
    78:  r0 += 8                                  ; CO-RE struct task_struct.comm (type 29 access 0:0)
    79:  r6 = *(u64 *)(r10 -24)
    80:  r6 += 440
    81:  r7 = r0
		; probe_read(tmp, 16, addr)
    82:  r2 = 16
    83:  r1 = r6
    84:  r3 = r0
    85:  call bpf_probe_read_kernel#113
    86:  if r0 s< 0 goto +21 <108>
		; record[24] = string (257 bytes)
    87:  r1 = *(u64 *)(r10 -24)
    88:  r1 += 152
		; strcpy(dst, src, 257)
    89:  r2 = 257
    90:  r3 = r6
    91:  call bpf_probe_read_kernel_str#115
; line 7: exit(0);
    92:  r1 = 0
		; exit: record status; g->state = DRAINING
    93:  r2 = *(u64 *)(r10 -24)
    94:  *(u32 *)(r2 +412) = r1
    95:  r2 = *(u64 *)(r10 -16)
    96:  *(u32 *)(r2 +4) = r1
    97:  r1 = 2
    98:  *(u32 *)(r2 +0) = r1
		; ringbuf_output(&dt_ringbuf, rec, 288, 0)
    99:  r1 = map[dt_ringbuf] ll
   101:  r2 = *(u64 *)(r10 -24)
   102:  r2 += 128
   103:  r3 = 288
   104:  r4 = 0
   105:  call bpf_ringbuf_output#130
L0:		; <106>
   106:  r0 = 0
   107:  exit
L5:		; <108>
		; fault site 4: kind 1
   108:  r1 = *(u64 *)(r10 -24)
   109:  r2 = 1
   110:  *(u32 *)(r1 +148) = r2
   111:  *(u64 *)(r1 +152) = r7
   112:  r2 = 4
   113:  *(u32 *)(r1 +160) = r2
   114:  goto +19 <134>
L4:		; <115>
		; fault site 3: kind 1
   115:  r1 = *(u64 *)(r10 -24)
   116:  r2 = 1
   117:  *(u32 *)(r1 +148) = r2
   118:  *(u64 *)(r1 +152) = r7
   119:  r2 = 3
   120:  *(u32 *)(r1 +160) = r2
   121:  goto +12 <134>
L3:		; <122>
		; fault site 2: kind 1
   122:  r1 = *(u64 *)(r10 -24)
   123:  r2 = 1
   124:  *(u32 *)(r1 +148) = r2
   125:  *(u64 *)(r1 +152) = r7
   126:  r2 = 2
   127:  *(u32 *)(r1 +160) = r2
   128:  goto +5 <134>
L2:		; <129>
		; fault site 1: kind 1
   129:  r1 = *(u64 *)(r10 -24)
   130:  r2 = 1
   131:  *(u32 *)(r1 +148) = r2
   132:  *(u64 *)(r1 +152) = r7
   133:  *(u32 *)(r1 +160) = r2
L1:		; <134>
		; fault: g->faults++; output the fault record
   134:  r1 = *(u64 *)(r10 -16)
   135:  r2 = *(u64 *)(r1 +8)
   136:  r2 += 1
   137:  *(u64 *)(r1 +8) = r2
   138:  r2 = *(u64 *)(r10 -24)
   139:  r1 = -1
   140:  *(u32 *)(r2 +128) = r1
   141:  r1 = 0
   142:  *(u32 *)(r2 +144) = r1
   143:  r1 = map[dt_ringbuf] ll
   145:  r2 += 128
   146:  r3 = 40
   147:  r4 = 0
   148:  call bpf_ringbuf_output#130
   149:  r0 = 0
   150:  exit
