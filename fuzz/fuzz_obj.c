/* SPDX-License-Identifier: MIT */
/*
 * fuzz_obj.c -- libFuzzer target: dload_obj__open_mem() (ELF validation and
 * metadata parsing) on arbitrary bytes, then dload_obj__close().  Every input
 * must give either a valid object or a negative errno with a one-line
 * message; never a crash, a leak or an out-of-bounds read.
 *
 * Build and run (corpus: a few objects made with build/dcc):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *     -Iinclude -Iloader fuzz/fuzz_obj.c $(ls loader/[a-ln-z]*.c) \
 *     $(pkg-config --libs libbpf libelf zlib) -lm -o build/fuzz_obj
 *   build/fuzz_obj -max_total_time=300 CORPUS_DIR
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dload/dload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dload_obj *obj = NULL;
	int err = dload_obj__open_mem(data, size, NULL, &obj);
	const char *msg = dload_obj__errmsg(obj);

	if (err < 0 && (!obj || !*msg || strchr(msg, '\n')))
		abort();	/* a failure must say why, on one line */
	if (err > 0)
		abort();
	dload_obj__close(obj);
	return 0;
}
