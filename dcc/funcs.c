/* SPDX-License-Identifier: MIT */
/*
 * funcs.c -- the table of D's actions, subroutines and aggregating functions.
 *
 * One entry per function, generated from DCC_FUNCS in funcs.h: its kind,
 * argument counts, prototype, action or aggregation code, and its hooks
 * check_<name> (type checking, sema_funcs.c) and gen_<name> (code
 * generation, cg_funcs.c).
 */
#include <string.h>

#include "dload/meta.h"
#include "funcs.h"

#define DCC_FUNC_ENTRY(n, k, mi, ma, pr, co, de) \
	{ .name = #n, .kind = k, .min_args = mi, .max_args = ma, .proto = pr, \
	  .code = co, .destructive = de, .check = check_##n, .gen = gen_##n },

static const struct func_def func_table[] = {
	DCC_FUNCS(DCC_FUNC_ENTRY)
};

const struct func_def *func_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(func_table) / sizeof(func_table[0]); i++)
		if (!strcmp(func_table[i].name, name))
			return &func_table[i];
	return NULL;
}
