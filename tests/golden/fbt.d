/* fbt: each description gives the fentry/fexit program and its
 * kprobe/kretprobe alternative (CO-RE loads of struct pt_regs) */
fbt::vfs_read: { trace(arg0); trace(arg1); trace(arg6); }
