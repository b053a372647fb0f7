; core.d

	.section "raw_tp/dtrace_BEGIN"
dt_c0_p0:		; program, 176 instructions, stack 48
     0:  r2 = 0
     1:  *(u64 *)(r10 -40) = r2
; line 3: BEGIN
		; prologue: dt_c0_p0
     2:  r1 = 0
     3:  *(u64 *)(r10 -32) = r1
		; g = map_lookup_elem(&dt_globals, &zero)
     4:  r1 = map[dt_globals] ll
     6:  r2 = r10
     7:  r2 += -32
     8:  call bpf_map_lookup_elem#1
     9:  if r0 == 0 goto +111 <121>
    10:  *(u64 *)(r10 -16) = r0
		; n = map_lookup_elem(&dt_nest, &zero); nesting level
    11:  r1 = map[dt_nest] ll
    13:  r2 = r10
    14:  r2 += -32
    15:  call bpf_map_lookup_elem#1
    16:  if r0 == 0 goto +104 <121>
		; d = *n; if (d >= 4) goto out; *n = d + 1
    17:  r1 = *(u32 *)(r0 +0)
    18:  if r1 >= 4 goto +102 <121>
    19:  r2 = r1
    20:  r2 += 1
    21:  *(u32 *)(r0 +0) = r2
    22:  *(u64 *)(r10 -40) = r0
    23:  *(u64 *)(r10 -48) = r1
		; s = map_lookup_elem(&dt_scratch, &depth)
    24:  r1 = map[dt_scratch] ll
    26:  r2 = r10
    27:  r2 += -48
    28:  call bpf_map_lookup_elem#1
    29:  if r0 == 0 goto +91 <121>
    30:  *(u64 *)(r10 -24) = r0
		; dtrace provider prologue
    31:  r2 = 0
    32:  *(u64 *)(r0 +0) = r2
    33:  *(u64 *)(r0 +8) = r2
    34:  *(u64 *)(r0 +16) = r2
    35:  *(u64 *)(r0 +24) = r2
    36:  *(u64 *)(r0 +32) = r2
    37:  *(u64 *)(r0 +40) = r2
    38:  *(u64 *)(r0 +48) = r2
    39:  *(u64 *)(r0 +56) = r2
    40:  *(u64 *)(r0 +64) = r2
    41:  *(u64 *)(r0 +72) = r2
    42:  *(u64 *)(r0 +80) = r2
    43:  *(u64 *)(r0 +104) = r2
		; rec = {epid 0, prid, cpu}
    44:  *(u32 *)(r0 +128) = r2
    45:  r2 = 1
    46:  *(u32 *)(r0 +132) = r2
    47:  call bpf_get_smp_processor_id#8
    48:  r1 = *(u64 *)(r10 -24)
    49:  *(u32 *)(r1 +136) = r0
    50:  r2 = 0
    51:  *(u32 *)(r1 +140) = r2
; line 6: stringof(curthread->comm));
		; printf("%d %d %s\n", 3 args)
    52:  call bpf_get_current_task#35
    53:  r0 += 28                                 ; CO-RE struct task_struct.pid (type 29 access 0:2)
    54:  r6 = *(u64 *)(r10 -24)
    55:  r6 += 416
    56:  r7 = r0
		; probe_read(tmp, 4, addr)
    57:  r2 = 4
    58:  r1 = r6
    59:  r3 = r0
    60:  call bpf_probe_read_kernel#113
    61:  if r0 s< 0 goto +87 <149>
    62:  r1 = *(u32 *)(r6 +0)
    63:  r1 <<= 32
    64:  r1 s>>= 32
		; record[16] = pid_t (4 bytes)
    65:  r2 = *(u64 *)(r10 -24)
    66:  *(u32 *)(r2 +144) = r1
    67:  call bpf_get_current_task#35
    68:  r0 += 40                                 ; CO-RE struct task_struct.real_parent (type 29 access 0:3)
    69:  r6 = *(u64 *)(r10 -24)
    70:  r6 += 424
    71:  r7 = r0
		; probe_read(tmp, 8, addr)
    72:  r2 = 8
    73:  r1 = r6
    74:  r3 = r0
    75:  call bpf_probe_read_kernel#113
    76:  if r0 s< 0 goto +65 <142>
    77:  r1 = *(u64 *)(r6 +0)
    78:  r1 += 24                                 ; CO-RE struct task_struct.tgid (type 29 access 0:1)
    79:  r6 = *(u64 *)(r10 -24)
    80:  r6 += 432
    81:  r7 = r1
		; probe_read(tmp, 4, addr)
    82:  r2 = 4
    83:  r1 = r6
    84:  r3 = r7
    85:  call bpf_probe_read_kernel#113
    86:  if r0 s< 0 goto +48 <135>
    87:  r1 = *(u32 *)(r6 +0)
    88:  r1 <<= 32
    89:  r1 s>>= 32
		; record[20] = pid_t (4 bytes)
    90:  r2 = *(u64 *)(r10 -24)
    91:  *(u32 *)(r2 +148) = r1
    92:  call bpf_get_current_task#35
    93:  r0 += 8                                  ; CO-RE struct task_struct.comm (type 29 access 0:0)
    94:  r6 = *(u64 *)(r10 -24)
    95:  r6 += 440
    96:  r7 = r0
		; probe_read(tmp, 16, addr)
    97:  r2 = 16
    98:  r1 = r6
    99:  r3 = r0
   100:  call bpf_probe_read_kernel#113
   101:  if r0 s< 0 goto +26 <128>
		; record[24] = string (257 bytes)
   102:  r1 = *(u64 *)(r10 -24)
   103:  r1 += 152
		; strcpy(dst, src, 257)
   104:  r2 = 257
   105:  r3 = r6
   106:  call bpf_probe_read_kernel_str#115
; line 7: exit(0);
   107:  r1 = 0
		; exit: record status; g->state = DRAINING
   108:  r2 = *(u64 *)(r10 -24)
   109:  *(u32 *)(r2 +412) = r1
   110:  r2 = *(u64 *)(r10 -16)
   111:  *(u32 *)(r2 +4) = r1
   112:  r1 = 2
   113:  *(u32 *)(r2 +0) = r1
		; ringbuf_output(&dt_ringbuf, rec, 288, 0)
   114:  r1 = map[dt_ringbuf] ll
   116:  r2 = *(u64 *)(r10 -24)
   117:  r2 += 128
   118:  r3 = 288
   119:  r4 = 0
   120:  call bpf_ringbuf_output#130
L0:		; <121>
		; p = nest pointer; if (p) *p -= 1
   121:  r1 = *(u64 *)(r10 -40)
   122:  if r1 == 0 goto +3 <126>
   123:  r2 = *(u32 *)(r1 +0)
   124:  r2 -= 1
   125:  *(u32 *)(r1 +0) = r2
L6:		; <126>
   126:  r0 = 0
   127:  exit
L5:		; <128>
		; fault site 4: kind 1
   128:  r1 = *(u64 *)(r10 -24)
   129:  r2 = 1
   130:  *(u32 *)(r1 +148) = r2
   131:  *(u64 *)(r1 +152) = r7
   132:  r2 = 4
   133:  *(u32 *)(r1 +160) = r2
   134:  goto +19 <154>
L4:		; <135>
		; fault site 3: kind 1
   135:  r1 = *(u64 *)(r10 -24)
   136:  r2 = 1
   137:  *(u32 *)(r1 +148) = r2
   138:  *(u64 *)(r1 +152) = r7
   139:  r2 = 3
   140:  *(u32 *)(r1 +160) = r2
   141:  goto +12 <154>
L3:		; <142>
		; fault site 2: kind 1
   142:  r1 = *(u64 *)(r10 -24)
   143:  r2 = 1
   144:  *(u32 *)(r1 +148) = r2
   145:  *(u64 *)(r1 +152) = r7
   146:  r2 = 2
   147:  *(u32 *)(r1 +160) = r2
   148:  goto +5 <154>
L2:		; <149>
		; fault site 1: kind 1
   149:  r1 = *(u64 *)(r10 -24)
   150:  r2 = 1
   151:  *(u32 *)(r1 +148) = r2
   152:  *(u64 *)(r1 +152) = r7
   153:  *(u32 *)(r1 +160) = r2
L1:		; <154>
		; fault: g->faults++; output the fault record
   154:  r1 = *(u64 *)(r10 -16)
   155:  r2 = *(u64 *)(r1 +8)
   156:  r2 += 1
   157:  *(u64 *)(r1 +8) = r2
   158:  r2 = *(u64 *)(r10 -24)
   159:  r1 = -1
   160:  *(u32 *)(r2 +128) = r1
   161:  r1 = 0
   162:  *(u32 *)(r2 +144) = r1
   163:  r1 = map[dt_ringbuf] ll
   165:  r2 += 128
   166:  r3 = 40
   167:  r4 = 0
   168:  call bpf_ringbuf_output#130
		; p = nest pointer; if (p) *p -= 1
   169:  r1 = *(u64 *)(r10 -40)
   170:  if r1 == 0 goto +3 <174>
   171:  r2 = *(u32 *)(r1 +0)
   172:  r2 -= 1
   173:  *(u32 *)(r1 +0) = r2
L7:		; <174>
   174:  r0 = 0
   175:  exit
