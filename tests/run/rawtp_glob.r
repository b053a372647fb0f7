rawtp:sched::sched_process_exec true
rawtp:sched::sched_process_exit 1

