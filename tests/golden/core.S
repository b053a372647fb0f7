; core.d

	.section "raw_tp/dtrace_BEGIN"
dt_c0_p0:		; program, 163 instructions, stack 48
     0:  r2 = 0
     1:  *(u64 *)(r10 -40) = r2
; line 3: BEGIN
		; prologue: dt_c0_p0
     2:  r1 = 0
     3:  *(u64 *)(r10 -32) = r1
		; g = &dt_globals (global data, no lookup)
     4:  r1 = .data.dt_globals + 0 ll
     6:  r7 = r1
		; n = map_lookup_elem(&dt_nest, &zero); nesting level
     7:  r1 = map[dt_nest] ll
     9:  r2 = r10
    10:  r2 += -32
    11:  call bpf_map_lookup_elem#1
    12:  if r0 == 0 goto +88 <101>
		; d = *n; if (d >= 4) goto deep; *n = d + 1
    13:  r1 = *(u32 *)(r0 +0)
    14:  if r1 >= 4 goto +143 <158>
    15:  r2 = r1
    16:  r2 += 1
    17:  *(u32 *)(r0 +0) = r2
    18:  *(u64 *)(r10 -40) = r0
    19:  *(u64 *)(r10 -48) = r1
		; s = map_lookup_elem(&dt_scratch, &depth)
    20:  r1 = map[dt_scratch] ll
    22:  r2 = r10
    23:  r2 += -48
    24:  call bpf_map_lookup_elem#1
    25:  if r0 == 0 goto +75 <101>
    26:  r8 = r0
		; dtrace provider prologue
		; rec = {epid 0, prid, cpu}
    27:  r1 = 0
    28:  *(u32 *)(r0 +128) = r1
    29:  r1 = 1
    30:  *(u32 *)(r0 +132) = r1
    31:  call bpf_get_smp_processor_id#8
    32:  *(u32 *)(r8 +136) = r0
    33:  r1 = 0
    34:  *(u32 *)(r8 +140) = r1
; line 6: stringof(curthread->comm));
		; printf("%d %d %s\n", 3 args)
    35:  call bpf_get_current_task#35
    36:  r0 += 28                                 ; CO-RE struct task_struct.pid (type 29 access 0:2)
    37:  r6 = r8
    38:  r6 += 416
    39:  r9 = r0
		; probe_read(tmp, 4, addr)
    40:  r2 = 4
    41:  r1 = r6
    42:  r3 = r0
    43:  call bpf_probe_read_kernel#113
    44:  if r0 s< 0 goto +88 <133>
    45:  r1 = *(u32 *)(r6 +0)
    46:  r1 <<= 32
    47:  r1 s>>= 32
		; record[16] = pid_t (4 bytes)
    48:  *(u32 *)(r8 +144) = r1
    49:  call bpf_get_current_task#35
    50:  r0 += 40                                 ; CO-RE struct task_struct.real_parent (type 29 access 0:3)
    51:  r6 = r8
    52:  r6 += 424
    53:  r9 = r0
		; probe_read(tmp, 8, addr)
    54:  r2 = 8
    55:  r1 = r6
    56:  r3 = r0
    57:  call bpf_probe_read_kernel#113
    58:  if r0 s< 0 goto +68 <127>
    59:  r1 = *(u64 *)(r6 +0)
		; if (p == NULL) fault BADADDR(0)
    60:  if r1 == 0 goto +59 <120>
    61:  r1 += 24                                 ; CO-RE struct task_struct.tgid (type 29 access 0:1)
    62:  r6 = r8
    63:  r6 += 432
    64:  r9 = r1
		; probe_read(tmp, 4, addr)
    65:  r2 = 4
    66:  r1 = r6
    67:  r3 = r9
    68:  call bpf_probe_read_kernel#113
    69:  if r0 s< 0 goto +44 <114>
    70:  r1 = *(u32 *)(r6 +0)
    71:  r1 <<= 32
    72:  r1 s>>= 32
		; record[20] = pid_t (4 bytes)
    73:  *(u32 *)(r8 +148) = r1
    74:  call bpf_get_current_task#35
    75:  r0 += 8                                  ; CO-RE struct task_struct.comm (type 29 access 0:0)
    76:  r6 = r8
    77:  r6 += 440
    78:  r9 = r0
		; probe_read(tmp, 16, addr)
    79:  r2 = 16
    80:  r1 = r6
    81:  r3 = r0
    82:  call bpf_probe_read_kernel#113
    83:  if r0 s< 0 goto +24 <108>
		; record[24] = string (257 bytes)
    84:  r1 = r8
    85:  r1 += 152
		; strcpy(dst, src, 257)
    86:  r2 = 257
    87:  r3 = r6
    88:  call bpf_probe_read_kernel_str#115
; line 7: exit(0);
    89:  r1 = 0
		; exit: record status; g->state = DRAINING
    90:  *(u32 *)(r8 +412) = r1
    91:  *(u32 *)(r7 +4) = r1
    92:  r1 = 2
    93:  *(u32 *)(r7 +0) = r1
		; ringbuf_output(&dt_ringbuf, rec, 288, 0)
    94:  r1 = map[dt_ringbuf] ll
    96:  r8 += 128
    97:  r3 = 288
    98:  r4 = 0
    99:  r2 = r8
   100:  call bpf_ringbuf_output#130
L0:		; <101>
		; p = nest pointer; if (p) *p -= 1
   101:  r1 = *(u64 *)(r10 -40)
   102:  if r1 == 0 goto +3 <106>
   103:  r2 = *(u32 *)(r1 +0)
   104:  r2 -= 1
   105:  *(u32 *)(r1 +0) = r2
L8:		; <106>
   106:  r0 = 0
   107:  exit
L6:		; <108>
		; fault site 5: kind 1
   108:  r1 = 1
   109:  *(u32 *)(r8 +148) = r1
   110:  *(u64 *)(r8 +152) = r9
   111:  r1 = 5
   112:  *(u32 *)(r8 +160) = r1
   113:  goto +23 <137>
L5:		; <114>
		; fault site 4: kind 1
   114:  r1 = 1
   115:  *(u32 *)(r8 +148) = r1
   116:  *(u64 *)(r8 +152) = r9
   117:  r1 = 4
   118:  *(u32 *)(r8 +160) = r1
   119:  goto +17 <137>
L4:		; <120>
		; fault site 3: kind 1
   120:  r1 = 1
   121:  *(u32 *)(r8 +148) = r1
   122:  r1 = 0
   123:  *(u64 *)(r8 +152) = r1
   124:  r1 = 3
   125:  *(u32 *)(r8 +160) = r1
   126:  goto +10 <137>
L3:		; <127>
		; fault site 2: kind 1
   127:  r1 = 1
   128:  *(u32 *)(r8 +148) = r1
   129:  *(u64 *)(r8 +152) = r9
   130:  r1 = 2
   131:  *(u32 *)(r8 +160) = r1
   132:  goto +4 <137>
L2:		; <133>
		; fault site 1: kind 1
   133:  r1 = 1
   134:  *(u32 *)(r8 +148) = r1
   135:  *(u64 *)(r8 +152) = r9
   136:  *(u32 *)(r8 +160) = r1
L1:		; <137>
		; fault: g->faults++; output the fault record
   137:  r1 = *(u64 *)(r7 +8)
   138:  r1 += 1
   139:  *(u64 *)(r7 +8) = r1
   140:  r1 = -1
   141:  *(u32 *)(r8 +128) = r1
   142:  r1 = 0
   143:  *(u32 *)(r8 +144) = r1
   144:  r1 = map[dt_ringbuf] ll
   146:  r8 += 128
   147:  r3 = 40
   148:  r4 = 0
   149:  r2 = r8
   150:  call bpf_ringbuf_output#130
		; p = nest pointer; if (p) *p -= 1
   151:  r1 = *(u64 *)(r10 -40)
   152:  if r1 == 0 goto +3 <156>
   153:  r2 = *(u32 *)(r1 +0)
   154:  r2 -= 1
   155:  *(u32 *)(r1 +0) = r2
L9:		; <156>
   156:  r0 = 0
   157:  exit
L7:		; <158>
		; too deep: gl = &dt_globals; gl->nestdrops++
   158:  r1 = .data.dt_globals + 0 ll
   160:  r2 = 1
   161:  lock *(u64 *)(r1 +72) += r2
   162:  goto -62 <101>
