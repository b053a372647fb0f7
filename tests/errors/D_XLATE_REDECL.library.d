/* the D library already translates task_struct to psinfo_t */
translator psinfo_t < struct task_struct *T > {
	pr_pid = T->tgid;
};
