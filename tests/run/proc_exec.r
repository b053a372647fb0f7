proc:vmlinux::exec-success true
exit 1

