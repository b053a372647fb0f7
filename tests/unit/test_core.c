/* SPDX-License-Identifier: MIT */
/*
 * test_core.c -- CO-RE end to end: compile D scripts against a BTF in which
 * struct task_struct's members sit at other offsets (and in another order)
 * than on the running kernel (tests/tools/mkbtf.c), load the objects here
 * with dload, and check that the values read are the right ones.  They can
 * only be right if dcc emitted CO-RE relocations and libbpf moved every
 * offset to the running kernel's.
 *
 * BEGIN runs in dload's own context, so the expected values are those of
 * the dload child this test spawns: curthread->pid is the child's pid and
 * curthread->real_parent->tgid is this process's pid.
 *
 * Prints "N passed, N failed"; exits non-zero on a failure.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dcc.h"

#define MKBTF_NO_MAIN
#include "../tools/mkbtf.c"

static int passed, failed;
static char tmpdir[] = "/tmp/test_core.XXXXXX";
static char btf_path[PATH_MAX], dload_path[PATH_MAX];

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "FAIL %s:%d: ", __func__, __LINE__);	\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		return -1;						\
	}								\
} while (0)

/* ---- helpers ---------------------------------------------------------------- */

/* compile src against the test BTF into tmpdir/name.o */
static int compile(const char *name, const char *src, char *obj, size_t objlen)
{
	struct dcc_opts o = { .btf_path = btf_path };
	struct dcc cc;
	FILE *f;
	int rc = -1;

	snprintf(obj, objlen, "%s/%s.o", tmpdir, name);
	dcc_init(&cc, &o);
	if (dcc_compile(&cc, name, src, strlen(src))) {
		dcc_print_error(&cc, stderr);
	} else if ((f = fopen(obj, "wb"))) {
		rc = fwrite(cc.obj, 1, cc.obj_len, f) == cc.obj_len ? 0 : -1;
		rc |= fclose(f);
	}
	dcc_fini(&cc);
	return rc;
}

/* run dload on obj: its stdout in out, its pid in *pid; the exit status */
static int run_dload(const char *obj, char *out, size_t outlen, pid_t *pid)
{
	int fd[2], st = -1;
	ssize_t n, got = 0;

	if (pipe(fd))
		return -1;
	*pid = fork();
	if (*pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		alarm(20);	/* a hung dload is a failure, not a hung test */
		execl(dload_path, "dload", obj, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	while (*pid > 0 && (n = read(fd[0], out + got, outlen - 1 - got)) > 0)
		got += n;
	out[got] = 0;
	close(fd[0]);
	if (*pid < 0 || waitpid(*pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* compile and run a quiet BEGIN clause printing fmt with args; out = its
 * stdout without the trailing newlines */
static int run_script(const char *name, const char *fmt, const char *args,
		      char *out, size_t outlen, pid_t *pid)
{
	char src[1024], obj[PATH_MAX];
	int st;

	snprintf(src, sizeof(src), "#pragma D option quiet\n"
		 "BEGIN\n{\n\tprintf(\"%s\\n\", %s);\n\texit(0);\n}\n", fmt, args);
	CHECK(!compile(name, src, obj, sizeof(obj)), "%s: does not compile:\n%s", name, src);
	st = run_dload(obj, out, outlen, pid);
	CHECK(st == 0, "%s: dload exit status %d", name, st);
	while (*out && out[strlen(out) - 1] == '\n')	/* dload ends with a blank line */
		out[strlen(out) - 1] = 0;
	return 0;
}

/* ---- the test BTF really differs from the running kernel ---------------------- */

static long member_off(const struct btf *b, const char *sname, const char *mname)
{
	int id = btf__find_by_name_kind(b, sname, BTF_KIND_STRUCT), i;
	const struct btf_type *t = id > 0 ? btf__type_by_id(b, id) : NULL;

	for (i = 0; t && i < btf_vlen(t); i++)
		if (!strcmp(btf__name_by_offset(b, btf_members(t)[i].name_off), mname))
			return btf_member_bit_offset(t, i) / 8;
	return -1;
}

static int t_layout(void)
{
	static const char *const members[] = { "pid", "tgid", "real_parent", "comm" };
	struct btf *k = btf__load_vmlinux_btf(), *t = btf__parse(btf_path, NULL);
	size_t i;
	int ok = 1;

	CHECK(k && t, "cannot read the kernel's or the test BTF");
	for (i = 0; i < sizeof(members) / sizeof(members[0]); i++) {
		long a = member_off(k, "task_struct", members[i]);
		long b = member_off(t, "task_struct", members[i]);

		if (a < 0 || b < 0 || a == b) {
			fprintf(stderr, "task_struct.%s: kernel offset %ld, test offset %ld\n",
				members[i], a, b);
			ok = 0;
		}
	}
	btf__free(k);
	btf__free(t);
	CHECK(ok, "the test BTF must move every member");
	return 0;
}

/* ---- scripts ------------------------------------------------------------------- */

static int t_pid(void)
{
	char out[256], want[64];
	pid_t child;

	if (run_script("pid", "%d %d", "curthread->pid, curthread->tgid", out,
		       sizeof(out), &child))
		return -1;
	snprintf(want, sizeof(want), "%d %d", child, child);
	CHECK(!strcmp(out, want), "got \"%s\", expected \"%s\"", out, want);
	return 0;
}

static int t_real_parent(void)
{
	char out[256], want[64];
	pid_t child;

	if (run_script("real_parent", "%d %d",
		       "curthread->real_parent->tgid, curthread->real_parent->pid",
		       out, sizeof(out), &child))
		return -1;
	snprintf(want, sizeof(want), "%d %d", getpid(), getpid());
	CHECK(!strcmp(out, want), "got \"%s\", expected \"%s\"", out, want);
	return 0;
}

static int t_cast(void)
{
	char out[256], want[64];
	pid_t child;

	if (run_script("cast", "%d",
		       "((struct task_struct *)curthread)->real_parent->pid",
		       out, sizeof(out), &child))
		return -1;
	snprintf(want, sizeof(want), "%d", getpid());
	CHECK(!strcmp(out, want), "got \"%s\", expected \"%s\"", out, want);
	return 0;
}

static int t_comm(void)
{
	char out[256];
	pid_t child;

	if (run_script("comm", "%s", "stringof(curthread->comm)", out, sizeof(out), &child))
		return -1;
	CHECK(!strcmp(out, "dload"), "got \"%s\", expected \"dload\"", out);
	return 0;
}

/* the ppid builtin reads task_struct too */
static int t_ppid(void)
{
	char out[256], want[64];
	pid_t child;

	if (run_script("ppid", "%d %d", "pid, ppid", out, sizeof(out), &child))
		return -1;
	snprintf(want, sizeof(want), "%d %d", child, getpid());
	CHECK(!strcmp(out, want), "got \"%s\", expected \"%s\"", out, want);
	return 0;
}

/* ---- main ------------------------------------------------------------------------ */

static void run(const char *name, int (*fn)(void))
{
	if (fn() == 0) {
		passed++;
		printf("ok   %s\n", name);
	} else {
		failed++;
		printf("FAIL %s\n", name);
	}
	fflush(stdout);
}

/* dload next to this binary: build/tests/x -> build/dload */
static int find_dload(void)
{
	char self[PATH_MAX - 16];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n <= 0)
		return -1;
	self[n] = 0;
	slash = strrchr(self, '/');
	if (!slash)
		return -1;
	*slash = 0;
	snprintf(dload_path, sizeof(dload_path), "%s/../dload", self);
	return access(dload_path, X_OK);
}

static void cleanup(void)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd))
		fprintf(stderr, "cannot remove %s\n", tmpdir);
}

int main(void)
{
	int err;

	if (!mkdtemp(tmpdir) || find_dload()) {
		fprintf(stderr, "test_core: no scratch directory or no dload\n");
		return 1;
	}
	snprintf(btf_path, sizeof(btf_path), "%s/task.btf", tmpdir);
	err = mkbtf_write(btf_path);
	if (err) {
		fprintf(stderr, "test_core: mkbtf: %s\n", strerror(-err));
		cleanup();
		return 1;
	}
	run("layout", t_layout);
	run("pid", t_pid);
	run("real_parent", t_real_parent);
	run("cast", t_cast);
	run("comm", t_comm);
	run("ppid", t_ppid);
	cleanup();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
