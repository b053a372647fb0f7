vmlinux`vfs_read+0x4|vmlinux`vfs_read|vmlinux`vfs_write+0x10

  libc.so.6`syscall                                                 2
  vmlinux`vfs_read                                                  2
