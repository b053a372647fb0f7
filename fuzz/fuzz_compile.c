/* SPDX-License-Identifier: MIT */
/*
 * fuzz_compile.c -- libFuzzer target for the whole compiler: every input is
 * a D program run through dcc_compile() (parse, sema, codegen, register
 * allocation, peephole, BPF emission, BTF/metadata and the ELF image), then
 * listed with dcc_print_asm() when it compiled, and torn down with
 * dcc_fini().  An error is fine but must be recorded with a message (a bad
 * script gets a clear message, never a crash); a crash, a hang, a leak or a
 * sanitizer report is a bug.
 *
 * To stay fast and hermetic, inputs compile with -xnolibs against the small
 * test BTF tests/golden/kernel.btf (struct task_struct, cred, mm_struct),
 * never the host's: $DCC_FUZZ_BTF, else ../../tests/golden/kernel.btf next
 * to the executable (build/fuzz/fuzz_compile), else the one under the
 * current directory.  The input's size picks a few options (-w, -Z, -n
 * style text, $target) so those paths get fuzzed too.
 * Build and run (scripts/check.sh does the same against build/libdcc.a,
 * without coverage of the library):
 *
 *   make      # for build/gen/{parse,lex,dlib}.c
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *       -Iinclude -Idcc -Ibuild/gen fuzz/fuzz_compile.c \
 *       <every dcc/NAME.c but main.c> build/gen/{parse,lex,dlib}.c \
 *       $(pkg-config --cflags --libs libbpf libelf zlib) -lm \
 *       -o build/fuzz/fuzz_compile
 *   build/fuzz/fuzz_compile -max_total_time=600 -timeout=10 \
 *       NEW_DIR fuzz/corpus/fuzz_compile
 */
#include <limits.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dcc.h"

static char btf_path[PATH_MAX];
static FILE *devnull;

static int readable(const char *p)
{
	return access(p, R_OK) == 0;
}

/* Find kernel.btf once: $DCC_FUZZ_BTF, next to the executable, or here. */
static void find_btf(void)
{
	const char *env = getenv("DCC_FUZZ_BTF");
	char exe[PATH_MAX];
	ssize_t n;

	if (env && readable(env)) {
		snprintf(btf_path, sizeof(btf_path), "%s", env);
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		snprintf(btf_path, sizeof(btf_path),
			 "%s/../../tests/golden/kernel.btf", dirname(exe));
		if (readable(btf_path))
			return;
	}
	snprintf(btf_path, sizeof(btf_path), "tests/golden/kernel.btf");
	if (!readable(btf_path)) {
		fprintf(stderr, "fuzz_compile: no kernel.btf (set DCC_FUZZ_BTF)\n");
		exit(1);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	find_btf();
	devnull = fopen("/dev/null", "w");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *margs[] = { "fuzz.d", "1", "two", "0x10" };
	/* -xargref: an unused $n is no error (D_MACRO_UNUSED) */
	static struct dcc_option argref = { "argref", NULL, NULL };
	static struct dcc_option nolibs = { "nolibs", NULL, &argref };
	struct dcc_opts o = { 0 };
	struct dcc cc;

	o.btf_path = btf_path;
	o.xopts = &nolibs;
	o.macro_args = margs;
	o.nmacro_args = 4;
	o.destructive = size & 1;
	o.zdefs = size & 2;
	o.from_string = (size % 7) == 0;
	o.target_pid = (size & 4) ? 4242 : 0;
	dcc_init(&cc, &o);
	cc.warn_out = NULL;
	if (dcc_compile(&cc, "fuzz.d", (const char *)data, size) < 0) {
		if (!cc.failed || !cc.err_msg[0])
			abort();	/* an error without a message */
	} else {
		if (!cc.obj || !cc.obj_len)
			abort();	/* success without an object */
		if (devnull)
			dcc_print_asm(&cc, devnull);
	}
	dcc_fini(&cc);
	return 0;
}
