; core.d

	.section "raw_tp/dtrace_BEGIN"
dt_c0_p0:		; program, 155 instructions, stack 32
; line 3: BEGIN
		; prologue: dt_c0_p0
     0:  *(u64 *)(r10 -8) = r1
     1:  r1 = 0
     2:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
     3:  r1 = map[dt_globals] ll
     5:  r2 = r10
     6:  r2 += -32
     7:  call bpf_map_lookup_elem#1
     8:  if r0 == 0 goto +101 <110>
     9:  *(u64 *)(r10 -16) = r0
		; s = map_lookup_elem(&dt_scratch, &zero)
    10:  r1 = map[dt_scratch] ll
    12:  r2 = r10
    13:  r2 += -32
    14:  call bpf_map_lookup_elem#1
    15:  if r0 == 0 goto +94 <110>
    16:  *(u64 *)(r10 -24) = r0
		; dtrace provider prologue
    17:  r1 = r0
    18:  r2 = 0
    19:  *(u64 *)(r1 +0) = r2
    20:  *(u64 *)(r1 +8) = r2
    21:  *(u64 *)(r1 +16) = r2
    22:  *(u64 *)(r1 +24) = r2
    23:  *(u64 *)(r1 +32) = r2
    24:  *(u64 *)(r1 +40) = r2
    25:  *(u64 *)(r1 +48) = r2
    26:  *(u64 *)(r1 +56) = r2
    27:  *(u64 *)(r1 +64) = r2
    28:  *(u64 *)(r1 +72) = r2
    29:  *(u64 *)(r1 +80) = r2
    30:  r1 = *(u64 *)(r10 -24)
    31:  *(u64 *)(r1 +104) = r2
    32:  r1 = *(u64 *)(r10 -24)
		; rec = {epid 0, prid, cpu}
    33:  *(u32 *)(r1 +128) = r2
    34:  r2 = 1
    35:  *(u32 *)(r1 +132) = r2
    36:  call bpf_get_smp_processor_id#8
    37:  r1 = *(u64 *)(r10 -24)
    38:  *(u32 *)(r1 +136) = r0
    39:  r2 = 0
    40:  *(u32 *)(r1 +140) = r2
; line 6: stringof(curthread->comm));
		; printf("%d %d %s\n", 3 args)
    41:  call bpf_get_current_task#35
    42:  r0 += 28                                 ; CO-RE struct task_struct.pid (type 29 access 0:2)
    43:  r6 = *(u64 *)(r10 -24)
    44:  r6 += 416
    45:  r7 = r0
		; probe_read(tmp, 4, addr)
    46:  r2 = 4
    47:  r1 = r6
    48:  r3 = r7
    49:  call bpf_probe_read_kernel#113
    50:  if r0 s< 0 goto +82 <133>
    51:  r1 = *(u32 *)(r6 +0)
    52:  r1 <<= 32
    53:  r1 s>>= 32
		; record[16] = pid_t (4 bytes)
    54:  r2 = *(u64 *)(r10 -24)
    55:  *(u32 *)(r2 +144) = r1
    56:  call bpf_get_current_task#35
    57:  r0 += 40                                 ; CO-RE struct task_struct.real_parent (type 29 access 0:3)
    58:  r6 = *(u64 *)(r10 -24)
    59:  r6 += 424
    60:  r7 = r0
		; probe_read(tmp, 8, addr)
    61:  r2 = 8
    62:  r1 = r6
    63:  r3 = r7
    64:  call bpf_probe_read_kernel#113
    65:  if r0 s< 0 goto +60 <126>
    66:  r1 = *(u64 *)(r6 +0)
    67:  r1 += 24                                 ; CO-RE struct task_struct.tgid (type 29 access 0:1)
    68:  r6 = *(u64 *)(r10 -24)
    69:  r6 += 432
    70:  r7 = r1
		; probe_read(tmp, 4, addr)
    71:  r2 = 4
    72:  r1 = r6
    73:  r3 = r7
    74:  call bpf_probe_read_kernel#113
    75:  if r0 s< 0 goto +43 <119>
    76:  r1 = *(u32 *)(r6 +0)
    77:  r1 <<= 32
    78:  r1 s>>= 32
		; record[20] = pid_t (4 bytes)
    79:  r2 = *(u64 *)(r10 -24)
    80:  *(u32 *)(r2 +148) = r1
    81:  call bpf_get_current_task#35
    82:  r0 += 8                                  ; CO-RE struct task_struct.comm (type 29 access 0:0)
    83:  r6 = *(u64 *)(r10 -24)
    84:  r6 += 440
    85:  r7 = r0
		; probe_read(tmp, 16, addr)
    86:  r2 = 16
    87:  r1 = r6
    88:  r3 = r7
    89:  call bpf_probe_read_kernel#113
    90:  if r0 s< 0 goto +21 <112>
		; record[24] = string (257 bytes)
    91:  r1 = *(u64 *)(r10 -24)
    92:  r1 += 152
		; strcpy(dst, src, 257)
    93:  r2 = 257
    94:  r3 = r6
    95:  call bpf_probe_read_kernel_str#115
; line 7: exit(0);
    96:  r1 = 0
		; exit: record status; g->state = DRAINING
    97:  r2 = *(u64 *)(r10 -24)
    98:  *(u32 *)(r2 +412) = r1
    99:  r2 = *(u64 *)(r10 -16)
   100:  *(u32 *)(r2 +4) = r1
   101:  r1 = 2
   102:  *(u32 *)(r2 +0) = r1
		; ringbuf_output(&dt_ringbuf, rec, 288, 0)
   103:  r1 = map[dt_ringbuf] ll
   105:  r2 = *(u64 *)(r10 -24)
   106:  r2 += 128
   107:  r3 = 288
   108:  r4 = 0
   109:  call bpf_ringbuf_output#130
L0:		; <110>
   110:  r0 = 0
   111:  exit
L5:		; <112>
		; fault site 4: kind 1
   112:  r1 = *(u64 *)(r10 -24)
   113:  r2 = 1
   114:  *(u32 *)(r1 +148) = r2
   115:  *(u64 *)(r1 +152) = r7
   116:  r2 = 4
   117:  *(u32 *)(r1 +160) = r2
   118:  goto +19 <138>
L4:		; <119>
		; fault site 3: kind 1
   119:  r1 = *(u64 *)(r10 -24)
   120:  r2 = 1
   121:  *(u32 *)(r1 +148) = r2
   122:  *(u64 *)(r1 +152) = r7
   123:  r2 = 3
   124:  *(u32 *)(r1 +160) = r2
   125:  goto +12 <138>
L3:		; <126>
		; fault site 2: kind 1
   126:  r1 = *(u64 *)(r10 -24)
   127:  r2 = 1
   128:  *(u32 *)(r1 +148) = r2
   129:  *(u64 *)(r1 +152) = r7
   130:  r2 = 2
   131:  *(u32 *)(r1 +160) = r2
   132:  goto +5 <138>
L2:		; <133>
		; fault site 1: kind 1
   133:  r1 = *(u64 *)(r10 -24)
   134:  r2 = 1
   135:  *(u32 *)(r1 +148) = r2
   136:  *(u64 *)(r1 +152) = r7
   137:  *(u32 *)(r1 +160) = r2
L1:		; <138>
		; fault: g->faults++; output the fault record
   138:  r1 = *(u64 *)(r10 -16)
   139:  r2 = *(u64 *)(r1 +8)
   140:  r2 += 1
   141:  *(u64 *)(r1 +8) = r2
   142:  r2 = *(u64 *)(r10 -24)
   143:  r1 = -1
   144:  *(u32 *)(r2 +128) = r1
   145:  r1 = 0
   146:  *(u32 *)(r2 +144) = r1
   147:  r1 = map[dt_ringbuf] ll
   149:  r2 += 128
   150:  r3 = 40
   151:  r4 = 0
   152:  call bpf_ringbuf_output#130
   153:  r0 = 0
   154:  exit
