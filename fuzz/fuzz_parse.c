/* SPDX-License-Identifier: MIT */
/*
 * fuzz_parse.c -- libFuzzer target for the D front end.
 *
 * Each input is a D program: it is lexed and parsed (and, when
 * FUZZ_SEMA is defined, type-checked by sema_program) in a fresh
 * compilation context, which is then torn down.  Errors are expected and
 * fine; crashes, leaks and sanitizer reports are not.  Parsing the D
 * library (dcc/dlib) dominates a run, so only one input in 16 (by size)
 * gets it, with this machine's kernel BTF so that its translators work;
 * the others run with -xnolibs and no kernel BTF (fast, hermetic).  Build:
 *
 *   make      # for build/gen/{parse,lex,dlib}.c
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -DFUZZ_SEMA \
 *       -D_GNU_SOURCE -Iinclude -Idcc -Ibuild/gen fuzz/fuzz_parse.c \
 *       <every dcc/NAME.c but main.c> build/gen/{parse,lex,dlib}.c \
 *       $(pkg-config --cflags --libs libbpf libelf zlib) -lm -o fuzz_parse
 *   ./fuzz_parse -max_total_time=60 NEW_DIR fuzz/corpus/fuzz_parse
 */
#include <bpf/btf.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dcc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *margs[] = { "fuzz.d", "1", "two" };
	/* -xargref: an unused $n is no error (D_MACRO_UNUSED) */
	static struct dcc_option argref = { "argref", NULL, NULL };
	static struct dcc_option nolibs = { "nolibs", NULL, &argref };
	struct dcc_opts o = { 0 };
	struct dcc cc;
	jmp_buf jb;

	o.macro_args = margs;
	o.nmacro_args = 3;
	o.btf_path = "/nonexistent";	/* keep most runs fast and hermetic */
	if (size % 16) {
		o.xopts = &nolibs;
	} else {
		o.xopts = &argref;
		o.btf_path = NULL;	/* the running kernel's */
	}
	dcc_init(&cc, &o);
	cc.filename = "fuzz.d";
	cc.source = dcc_strndup(&cc, (const char *)data, size);
	cc.source_len = size;
	cc.warn_out = NULL;
	cc.err_jmp = &jb;
	if (!setjmp(jb)) {
		cc.prog = parse_program(&cc);
#ifdef FUZZ_SEMA
		sema_program(&cc);
#endif
	}
	cc.err_jmp = NULL;
	btf__free(cc.kbtf);	/* dcc_fini() does not free it */
	cc.kbtf = NULL;
	dcc_fini(&cc);
	return 0;
}
