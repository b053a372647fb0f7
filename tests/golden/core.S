; core.d

	.section "raw_tp/dtrace_BEGIN"
dt_c0_p0:		; program, 153 instructions, stack 32
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
     8:  if r0 == 0 goto +99 <108>
     9:  *(u64 *)(r10 -16) = r0
		; s = map_lookup_elem(&dt_scratch, &zero)
    10:  r1 = map[dt_scratch] ll
    12:  r2 = r10
    13:  r2 += -32
    14:  call bpf_map_lookup_elem#1
    15:  if r0 == 0 goto +92 <108>
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
		; rec = {epid 0, prid, cpu}
    31:  *(u32 *)(r1 +128) = r2
    32:  r2 = 1
    33:  *(u32 *)(r1 +132) = r2
    34:  call bpf_get_smp_processor_id#8
    35:  r1 = *(u64 *)(r10 -24)
    36:  *(u32 *)(r1 +136) = r0
    37:  r2 = 0
    38:  *(u32 *)(r1 +140) = r2
; line 6: stringof(curthread->comm));
		; printf("%d %d %s\n", 3 args)
    39:  call bpf_get_current_task#35
    40:  r0 += 28                                 ; CO-RE struct task_struct.pid (type 29 access 0:2)
    41:  r6 = *(u64 *)(r10 -24)
    42:  r6 += 416
    43:  r7 = r0
		; probe_read(tmp, 4, addr)
    44:  r2 = 4
    45:  r1 = r6
    46:  r3 = r7
    47:  call bpf_probe_read_kernel#113
    48:  if r0 s< 0 goto +82 <131>
    49:  r1 = *(u32 *)(r6 +0)
    50:  r1 <<= 32
    51:  r1 s>>= 32
		; record[16] = pid_t (4 bytes)
    52:  r2 = *(u64 *)(r10 -24)
    53:  *(u32 *)(r2 +144) = r1
    54:  call bpf_get_current_task#35
    55:  r0 += 40                                 ; CO-RE struct task_struct.real_parent (type 29 access 0:3)
    56:  r6 = *(u64 *)(r10 -24)
    57:  r6 += 424
    58:  r7 = r0
		; probe_read(tmp, 8, addr)
    59:  r2 = 8
    60:  r1 = r6
    61:  r3 = r7
    62:  call bpf_probe_read_kernel#113
    63:  if r0 s< 0 goto +60 <124>
    64:  r1 = *(u64 *)(r6 +0)
    65:  r1 += 24                                 ; CO-RE struct task_struct.tgid (type 29 access 0:1)
    66:  r6 = *(u64 *)(r10 -24)
    67:  r6 += 432
    68:  r7 = r1
		; probe_read(tmp, 4, addr)
    69:  r2 = 4
    70:  r1 = r6
    71:  r3 = r7
    72:  call bpf_probe_read_kernel#113
    73:  if r0 s< 0 goto +43 <117>
    74:  r1 = *(u32 *)(r6 +0)
    75:  r1 <<= 32
    76:  r1 s>>= 32
		; record[20] = pid_t (4 bytes)
    77:  r2 = *(u64 *)(r10 -24)
    78:  *(u32 *)(r2 +148) = r1
    79:  call bpf_get_current_task#35
    80:  r0 += 8                                  ; CO-RE struct task_struct.comm (type 29 access 0:0)
    81:  r6 = *(u64 *)(r10 -24)
    82:  r6 += 440
    83:  r7 = r0
		; probe_read(tmp, 16, addr)
    84:  r2 = 16
    85:  r1 = r6
    86:  r3 = r7
    87:  call bpf_probe_read_kernel#113
    88:  if r0 s< 0 goto +21 <110>
		; record[24] = string (257 bytes)
    89:  r1 = *(u64 *)(r10 -24)
    90:  r1 += 152
		; strcpy(dst, src, 257)
    91:  r2 = 257
    92:  r3 = r6
    93:  call bpf_probe_read_kernel_str#115
; line 7: exit(0);
    94:  r1 = 0
		; exit: record status; g->state = DRAINING
    95:  r2 = *(u64 *)(r10 -24)
    96:  *(u32 *)(r2 +412) = r1
    97:  r2 = *(u64 *)(r10 -16)
    98:  *(u32 *)(r2 +4) = r1
    99:  r1 = 2
   100:  *(u32 *)(r2 +0) = r1
		; ringbuf_output(&dt_ringbuf, rec, 288, 0)
   101:  r1 = map[dt_ringbuf] ll
   103:  r2 = *(u64 *)(r10 -24)
   104:  r2 += 128
   105:  r3 = 288
   106:  r4 = 0
   107:  call bpf_ringbuf_output#130
L0:		; <108>
   108:  r0 = 0
   109:  exit
L5:		; <110>
		; fault site 4: kind 1
   110:  r1 = *(u64 *)(r10 -24)
   111:  r2 = 1
   112:  *(u32 *)(r1 +148) = r2
   113:  *(u64 *)(r1 +152) = r7
   114:  r2 = 4
   115:  *(u32 *)(r1 +160) = r2
   116:  goto +19 <136>
L4:		; <117>
		; fault site 3: kind 1
   117:  r1 = *(u64 *)(r10 -24)
   118:  r2 = 1
   119:  *(u32 *)(r1 +148) = r2
   120:  *(u64 *)(r1 +152) = r7
   121:  r2 = 3
   122:  *(u32 *)(r1 +160) = r2
   123:  goto +12 <136>
L3:		; <124>
		; fault site 2: kind 1
   124:  r1 = *(u64 *)(r10 -24)
   125:  r2 = 1
   126:  *(u32 *)(r1 +148) = r2
   127:  *(u64 *)(r1 +152) = r7
   128:  r2 = 2
   129:  *(u32 *)(r1 +160) = r2
   130:  goto +5 <136>
L2:		; <131>
		; fault site 1: kind 1
   131:  r1 = *(u64 *)(r10 -24)
   132:  r2 = 1
   133:  *(u32 *)(r1 +148) = r2
   134:  *(u64 *)(r1 +152) = r7
   135:  *(u32 *)(r1 +160) = r2
L1:		; <136>
		; fault: g->faults++; output the fault record
   136:  r1 = *(u64 *)(r10 -16)
   137:  r2 = *(u64 *)(r1 +8)
   138:  r2 += 1
   139:  *(u64 *)(r1 +8) = r2
   140:  r2 = *(u64 *)(r10 -24)
   141:  r1 = -1
   142:  *(u32 *)(r2 +128) = r1
   143:  r1 = 0
   144:  *(u32 *)(r2 +144) = r1
   145:  r1 = map[dt_ringbuf] ll
   147:  r2 += 128
   148:  r3 = 40
   149:  r4 = 0
   150:  call bpf_ringbuf_output#130
   151:  r0 = 0
   152:  exit
