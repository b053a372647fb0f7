  vmlinux`vfs_read                                    vmlinux`vfs_read                                    vmlinux                                           
  vmlinux                                           |

  vmlinux                                                           1
  vmlinux`vfs_read                                                  2
