/* SPDX-License-Identifier: MIT */
/*
 * builtins.c -- the table of D's built-in variables, from DCC_BUILTINS.
 */
#include <string.h>

#include "builtins.h"

static const struct builtin_def builtin_table[] = {
#define DCC_BI_ENTRY(n, t, f) \
	{ ((f) & BI_F_MACRO) ? "$" #n : #n, t, f, gen_bi_##n },
	DCC_BUILTINS(DCC_BI_ENTRY)
#undef DCC_BI_ENTRY
};

const struct builtin_def *builtin_lookup(const char *name)
{
	int i;

	for (i = 0; i < BI__COUNT; i++)
		if (!strcmp(builtin_table[i].name, name))
			return &builtin_table[i];
	return NULL;
}

const struct builtin_def *builtin_get(enum builtin_id id)
{
	return id >= 0 && id < BI__COUNT ? &builtin_table[id] : NULL;
}
