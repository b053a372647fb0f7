/* SPDX-License-Identifier: MIT */
/*
 * target.c -- the traced process: -c CMD (fork it, held before exec until
 * the probes are live, so that $target is its pid and nothing it does is
 * missed) and -p PID (watch it; the run ends when it exits).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

/* Child: wait for the go byte (or EOF: parent gone or failed), then exec. */
static void child(int rfd, char *const *argv)
{
	char c;

	if (read(rfd, &c, 1) != 1)
		_exit(127);
	close(rfd);
	execvp(argv[0], argv);
	fprintf(stderr, "failed to execute %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

int dl_target_start(struct dload_obj *o)
{
	int pfd[2];
	pid_t pid;

	if (!o->ro.target_argv || !o->ro.target_argv[0])
		return dl_err(o, -EINVAL, "empty -c command");
	if (pipe2(pfd, O_CLOEXEC))
		return dl_err(o, -errno, "pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return dl_err(o, -errno, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		close(pfd[1]);
		child(pfd[0], o->ro.target_argv);
	}
	close(pfd[0]);
	o->target_pid = pid;
	o->target_child = true;
	o->target_go_fd = pfd[1];
	return 0;
}

void dl_target_go(struct dload_obj *o)
{
	if (!o->target_child || o->target_go_fd < 0)
		return;
	dl_syms_target_seize(o);
	if (write(o->target_go_fd, "g", 1) != 1)
		dl_diag(o, "cannot start the target: %s\n", strerror(errno));
	close(o->target_go_fd);
	o->target_go_fd = -1;
}

bool dl_target_exited(struct dload_obj *o)
{
	int st;

	if (o->target_done)
		return true;
	if (o->target_child) {
		if (waitpid(o->target_pid, &st, WNOHANG) != o->target_pid)
			return false;
		if (WIFSTOPPED(st)) {	/* traced by symbols.c */
			dl_syms_target_stop(o, st);
			return false;
		}
	} else if (!o->target_pid || !kill(o->target_pid, 0) || errno != ESRCH) {
		return false;
	}
	o->target_done = true;
	if (!o->quiet)
		dl_diag(o, "pid %d has exited\n", (int)o->target_pid);
	return true;
}

/* At the end: a child that has not started or not finished is killed. */
void dl_target_kill(struct dload_obj *o)
{
	if (!o->target_child || o->target_done)
		return;
	if (o->target_go_fd >= 0) {
		close(o->target_go_fd);		/* child exits on EOF */
		o->target_go_fd = -1;
	} else {
		kill(o->target_pid, SIGKILL);
	}
	waitpid(o->target_pid, NULL, 0);
	o->target_done = true;
}
