/* SPDX-License-Identifier: MIT */
/*
 * cpp.c -- run the C preprocessor over the program (dtrace -C).
 *
 * Like DTrace, we run the system cpp with DTrace's predefined macros
 * (__linux, __unix, __SVR4, __SUNW_D=1, __SUNW_D_64, __Linux, __amd64,
 * __SUNW_D_VERSION, no __GNUC__), then the user's -D/-U/-I/-H options,
 * in C99 mode (-xstdc=a, the default; -xstdc=s: -traditional-cpp),
 * reading the program from /dev/stdin so that cpp's own diagnostics name
 * "/dev/stdin:LINE".  The output keeps cpp's line markers (# 12 "file"),
 * which the lexer turns into locations.  A "#!" first line is not given
 * to cpp (it would choke on it), but its newline is, so that line numbers
 * stay right.  Input and output go through memory files: no pipes to
 * deadlock on, and every descriptor and the child are reaped on all paths.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dcc.h"

#define CPP_PATH	"cpp"
#define D_VERSION	0x02000000	/* DT_VERSION_NUMBER(2, 0, 0) */

static const char *const cpp_defaults[] = {
	"-D__linux", "-D__unix", "-D__SVR4", "-D__SUNW_D=1", "-U__GNUC__",
	"-D__SUNW_D_64", "-D__Linux", "-D__amd64",
};

#define NDEFAULTS (sizeof(cpp_defaults) / sizeof(cpp_defaults[0]))

static void cpp_fail(struct dcc *cc, const char *msg)
{
	struct loc none = { NULL, 0 };

	dcc_error(cc, none, "", "%s", msg);
}

/* Write all of buf to fd; 0 or -errno. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -errno;
		buf += n;
		len -= n;
	}
	return 0;
}

/* A memory file holding the program text cpp should see. */
static int cpp_input(struct dcc *cc)
{
	const char *src = cc->source ? cc->source : "";
	size_t len = cc->source_len, skip = 0;
	int fd = memfd_create("dcc-cpp-in", MFD_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (len >= 2 && src[0] == '#' && src[1] == '!') {
		while (skip < len && src[skip] != '\n')
			skip++;
	}
	if (write_all(fd, src + skip, len - skip) < 0 ||
	    lseek(fd, 0, SEEK_SET) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* argv for cpp, allocated from the arena */
static char **cpp_argv(struct dcc *cc)
{
	int n = 0, i;
	char **argv = dcc_alloc(cc, sizeof(char *) *
				(NDEFAULTS + cc->opts.ncpp_args + 5));
	char ver[40];
	const char *stdc;

	argv[n++] = (char *)CPP_PATH;
	for (i = 0; i < (int)NDEFAULTS; i++)
		argv[n++] = (char *)cpp_defaults[i];
	for (i = 0; i < cc->opts.ncpp_args; i++)
		argv[n++] = (char *)cc->opts.cpp_args[i];
	snprintf(ver, sizeof(ver), "-D__SUNW_D_VERSION=0x%08x", D_VERSION);
	argv[n++] = dcc_strdup(cc, ver);
	stdc = dcc_option(cc, "stdc");
	if (!stdc) {
		const struct dcc_option *o;

		for (o = cc->opts.xopts; o; o = o->next)
			if (!strcmp(o->name, "stdc"))
				stdc = o->value;
	}
	if (!stdc || !strcmp(stdc, "a"))
		argv[n++] = (char *)"-std=c99";
	else if (!strcmp(stdc, "s"))
		argv[n++] = (char *)"-traditional-cpp";
	argv[n++] = (char *)"/dev/stdin";
	argv[n] = NULL;
	return argv;
}

/* Fork and run cpp: stdin from in, stdout to out; the exit status. */
static int cpp_exec(char **argv, int in, int out)
{
	pid_t pid, w;
	int status;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (dup2(in, 0) < 0 || dup2(out, 1) < 0)
			_exit(126);
		execvp(argv[0], argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	do {
		w = waitpid(pid, &status, 0);
	} while (w < 0 && errno == EINTR);
	if (w < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Read the whole memory file fd into the arena as the new source. */
static int cpp_output(struct dcc *cc, int fd)
{
	struct stat st;
	char *buf;
	size_t got = 0;

	if (fstat(fd, &st) < 0 || lseek(fd, 0, SEEK_SET) < 0)
		return -errno;
	buf = dcc_alloc(cc, (size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		got += n;
	}
	buf[got] = '\0';
	cc->source = buf;
	cc->source_len = got;
	return 0;
}

int cpp_run(struct dcc *cc)
{
	char **argv = cpp_argv(cc);
	int in, out, rc, err;

	fflush(NULL);	/* the child must not replay buffered output */
	in = cpp_input(cc);
	if (in < 0)
		cpp_fail(cc, "Failed to fork preprocessor");
	out = memfd_create("dcc-cpp-out", MFD_CLOEXEC);
	if (out < 0) {
		close(in);
		cpp_fail(cc, "Failed to fork preprocessor");
	}
	rc = cpp_exec(argv, in, out);
	close(in);
	err = rc == 0 ? cpp_output(cc, out) : 0;
	close(out);
	if (rc == -1)
		cpp_fail(cc, "Failed to fork preprocessor");
	if (rc == 127)
		cpp_fail(cc, "Preprocessor not found");
	if (rc == 126)
		cpp_fail(cc, "Failed to exec preprocessor");
	if (rc != 0 || err < 0)
		cpp_fail(cc, "Preprocessor failed to process input program");
	return 0;
}
