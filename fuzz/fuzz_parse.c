/* SPDX-License-Identifier: MIT */
/*
 * fuzz_parse.c -- libFuzzer target for the D front end.
 *
 * Each input is a D program: it is lexed and parsed (and, when
 * FUZZ_SEMA is defined, type-checked by sema_program) in a fresh
 * compilation context, which is then torn down.  Errors are expected and
 * fine; crashes, leaks and sanitizer reports are not.  Build:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *       -Iinclude -Idcc -Ibuild/gen fuzz/fuzz_parse.c <dcc sources> ...
 *   ./fuzz_parse -max_total_time=60 fuzz/corpus
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dcc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *margs[] = { "fuzz.d", "1", "two" };
	struct dcc_opts o = { 0 };
	struct dcc cc;
	jmp_buf jb;

	o.macro_args = margs;
	o.nmacro_args = 3;
	o.btf_path = "/nonexistent";	/* keep every run fast and hermetic */
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
	dcc_fini(&cc);
	return 0;
}
