BEGIN: target set 1
exit_group: pid == $target 1

