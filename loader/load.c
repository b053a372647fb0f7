/* SPDX-License-Identifier: MIT */
/*
 * load.c -- loading a validated object through libbpf.
 *
 * Order (dl_prepare, then dl_load): apply the options, open the (already
 * validated) image with bpf_object__open_mem, resolve every probe
 * description against the running system (so that dt_probes can be sized;
 * fbt chooses fentry or kprobe programs here, prov_fbt.c), size the maps
 * (ring buffer from bufsize, dt_probes from the number of concrete probes),
 * make the global-data map DTM_MAP_GLOBALS (libbpf's internal map of that
 * section, already mmapable since its BTF VAR is global) surely mmapable
 * so the master switch can be flipped without a read-modify-write of the
 * whole value, turn autoload off for programs
 * bound to no probe; then set the fbt attach targets and bpf_object__load.
 * libbpf's messages are kept in a buffer (and printed only when verbose)
 * so that a verifier log is there for the error message when loading
 * fails.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "internal.h"

#define DL_VLOG_MAX	(1u << 20)

static struct dload_obj *print_obj;	/* whose load is in progress */

/* Keep libbpf's messages (warnings carry the verifier log). */
static int libbpf_print(enum libbpf_print_level level, const char *fmt,
			va_list ap)
{
	struct dload_obj *o = print_obj;
	char *line = NULL, *v;
	int n;

	if (!o || (level == LIBBPF_DEBUG && !o->verbose))
		return 0;
	n = vasprintf(&line, fmt, ap);
	if (n < 0)
		return 0;
	if (o->verbose)
		fputs(line, o->ro.err ? o->ro.err : stderr);
	if (level != LIBBPF_DEBUG && o->vlog_len + n + 1 <= DL_VLOG_MAX &&
	    (v = realloc(o->vlog, o->vlog_len + n + 1))) {
		memcpy(v + o->vlog_len, line, n + 1);
		o->vlog = v;
		o->vlog_len += n;
	}
	free(line);
	return 0;
}

const char *dload_obj__log(const struct dload_obj *obj)
{
	return obj && obj->vlog ? obj->vlog : "";
}

static uint64_t pow2_at_least(uint64_t v, uint64_t min)
{
	uint64_t p = min;

	while (p < v && p < (1ull << 40))
		p <<= 1;
	return p;
}

static int size_maps(struct dload_obj *o)
{
	long page = sysconf(_SC_PAGESIZE);
	struct bpf_map *m;
	uint64_t rb = pow2_at_least(o->bufsize, page > 0 ? page : 4096);
	uint32_t nprobes = o->ncprobes > 4 ? o->ncprobes : 4;
	int err;

	if (rb > (1u << 30))
		return dl_err(o, -EINVAL, "bufsize %llu too large",
			      (unsigned long long)o->bufsize);
	m = bpf_object__find_map_by_name(o->bpf, DTM_MAP_RINGBUF);
	if (!m)
		return dl_err(o, -ENOENT, "%s: no map %s", o->name,
			      DTM_MAP_RINGBUF);
	if (bpf_map__set_max_entries(m, rb))
		return dl_err(o, -EINVAL, "cannot set the ring buffer size");
	m = bpf_object__find_map_by_name(o->bpf, DTM_MAP_PROBES);
	if (m && bpf_map__set_max_entries(m, nprobes))
		return dl_err(o, -EINVAL, "cannot size %s", DTM_MAP_PROBES);
	m = bpf_object__find_map_by_name(o->bpf, DTM_MAP_SYSCALLS);
	if (m && bpf_map__set_max_entries(m, dl_count_binds(o, DTM_PROV_SYSCALL) ?: 1))
		return dl_err(o, -EINVAL, "cannot size %s", DTM_MAP_SYSCALLS);
	if ((err = dl_chain_size(o)))	/* clause chains (chain.c) */
		return err;
	m = bpf_object__find_map_by_name(o->bpf, DTM_MAP_GLOBALS);
	if (!m || bpf_map__type(m) != BPF_MAP_TYPE_ARRAY ||
	    bpf_map__value_size(m) < sizeof(struct dtm_globals_hdr))
		return dl_err(o, -ENOENT, "%s: no usable map %s", o->name,
			      DTM_MAP_GLOBALS);
	bpf_map__set_map_flags(m, bpf_map__map_flags(m) | BPF_F_MMAPABLE);
	return 0;
}

/* Programs without any concrete probe are not loaded: fbt's variant that
 * prov_fbt.c did not choose, a description skipped with -Z. */
static void set_autoload(struct dload_obj *o)
{
	for (uint32_t e = 0; e < o->meta.nprobes; e++) {
		struct bpf_program *prog = dl_prog(o, e);
		bool used = false;

		for (uint32_t b = 0; b < o->nbinds && !used; b++)
			used = o->binds[b].epid == e;
		if (prog && !used)
			bpf_program__set_autoload(prog, false);
	}
}

/* $target: a u64/int variable "dt_target" in .rodata, if the object has one. */
static void set_target_var(struct dload_obj *o)
{
	struct bpf_map *m = bpf_object__find_map_by_name(o->bpf, ".rodata");
	struct btf *btf = bpf_object__btf(o->bpf);
	const struct btf_var_secinfo *vs;
	const struct btf_type *t;
	size_t size;
	uint8_t *data;
	int id;

	if (!m || !btf || !o->target_pid)
		return;
	id = btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC);
	data = (uint8_t *)bpf_map__initial_value(m, &size);
	if (id < 0 || !data)
		return;
	t = btf__type_by_id(btf, id);
	vs = btf_var_secinfos(t);
	for (int i = 0; i < btf_vlen(t); i++, vs++) {
		const struct btf_type *v = btf__type_by_id(btf, vs->type);
		uint64_t pid = (uint64_t)o->target_pid;

		if (!v || strcmp(btf__name_by_offset(btf, v->name_off),
				 "dt_target"))
			continue;
		if (vs->offset <= size && vs->size <= size - vs->offset &&
		    vs->size <= sizeof(pid))
			memcpy(data + vs->offset, &pid, vs->size);
	}
}

static int map_globals(struct dload_obj *o)
{
	struct bpf_map *m = bpf_object__find_map_by_name(o->bpf, DTM_MAP_GLOBALS);
	long page = sysconf(_SC_PAGESIZE);
	size_t len = bpf_map__value_size(m);
	void *p;

	len = (len + page - 1) / page * page;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED,
		 bpf_map__fd(m), 0);
	if (p == MAP_FAILED)
		return dl_err(o, -errno, "cannot map %s: %s", DTM_MAP_GLOBALS,
			      strerror(errno));
	o->globals = p;
	o->globals_maplen = len;
	/* $target is bound now, before BEGIN (meta.h) */
	((struct dtm_globals_hdr *)p)->target = (uint64_t)o->target_pid;
	return 0;
}

/* Is this verifier log line a statistic rather than the reason? */
static bool stat_line(const char *l, int n)
{
	static const char *const stats[] = {
		"processed ", "verification time", "stack depth", "-- END",
		"libbpf: ",
	};

	for (size_t i = 0; i < sizeof(stats) / sizeof(stats[0]); i++)
		if (!strncmp(l, stats[i], strlen(stats[i])))
			return true;
	return n == 0;
}

/* The verifier's reason: the last line of the log before the statistics,
 * or the last libbpf line when there is no verifier log. */
static const char *log_reason(struct dload_obj *o, char *buf, size_t len)
{
	const char *end = o->vlog + o->vlog_len, *start, *logend;
	const char *fallback = NULL;
	int fallback_len = 0;

	buf[0] = 0;
	if (!o->vlog)
		return buf;
	logend = strstr(o->vlog, "-- END PROG LOAD LOG --");
	if (logend)
		end = logend;
	while (end > o->vlog) {
		while (end > o->vlog && (end[-1] == '\n' || end[-1] == ' '))
			end--;
		start = end;
		while (start > o->vlog && start[-1] != '\n')
			start--;
		if (!fallback) {
			fallback = start;
			fallback_len = (int)(end - start);
		}
		if (!stat_line(start, (int)(end - start))) {
			snprintf(buf, len, "%.*s", (int)(end - start), start);
			return buf;
		}
		end = start;
	}
	if (fallback)
		snprintf(buf, len, "%.*s", fallback_len, fallback);
	return buf;
}

/* What a refused helper means for the script, or "". */
static const char *helper_hint(const char *reason)
{
	if (strstr(reason, "cannot use helper bpf_probe_write_user"))
		return "copyout() and copyoutstr() need bpf_probe_write_user(), "
		       "which this kernel does not allow (kernel lockdown "
		       "forbids it; see /sys/kernel/security/lockdown): ";
	return "";
}

static int do_load(struct dload_obj *o)
{
	char reason[512];
	int err;

	print_obj = o;
	err = bpf_object__load(o->bpf);
	print_obj = NULL;
	if (err) {
		log_reason(o, reason, sizeof(reason));
		return dl_err(o, err, "failed to load %s: %s%s%s%s", o->name,
			      helper_hint(reason), reason,
			      reason[0] ? ": " : "", strerror(-err));
	}
	o->loaded = true;
	return 0;
}

int dl_prepare(struct dload_obj *o)
{
	LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = "dcc");
	int err;

	libbpf_set_print(libbpf_print);
	dl_output_init(o);
	o->ncpus = libbpf_num_possible_cpus();
	if (o->ncpus <= 0)
		return dl_err(o, -EINVAL, "cannot count CPUs");
	if ((err = dl_opts_apply(o)))
		return err;
	print_obj = o;
	o->bpf = bpf_object__open_mem(o->buf, o->len, &oo);
	print_obj = NULL;
	err = libbpf_get_error(o->bpf);
	if (err) {
		o->bpf = NULL;
		return dl_err(o, err, "libbpf cannot open %s: %s", o->name,
			      strerror(-err));
	}
	if ((err = dl_resolve_all(o)) || (err = size_maps(o)))
		return err;
	set_autoload(o);
	return 0;
}

int dl_load(struct dload_obj *o)
{
	int err = dl_prepare(o);

	if (err)
		return err;
	set_target_var(o);
	if ((err = dl_fbt_set_targets(o)) || (err = do_load(o)) ||
	    (err = map_globals(o)))
		return err;
	o->normal = calloc(o->meta.naggs + 1, sizeof(*o->normal));
	if (!o->normal)
		return dl_err(o, -ENOMEM, "out of memory");
	return dl_fill_probes_map(o);
}

/* "struct foo" / "union foo" / a typedef name in one BTF. */
static int32_t btf_find(const struct btf *b, const char *name)
{
	if (!b)
		return -ENOENT;
	if (!strncmp(name, "struct ", 7))
		return btf__find_by_name_kind(b, name + 7, BTF_KIND_STRUCT);
	if (!strncmp(name, "union ", 6))
		return btf__find_by_name_kind(b, name + 6, BTF_KIND_UNION);
	return btf__find_by_name(b, name);
}

/* print(): the object's BTF holds the script's types, the kernel's the
 * others. */
int32_t dl_cb_btf_type(void *arg, const char *name, const struct btf **btf)
{
	struct dload_obj *o = arg;
	int32_t id = o->bpf ? btf_find(bpf_object__btf(o->bpf), name) : -ENOENT;

	if (id > 0) {
		*btf = bpf_object__btf(o->bpf);
		return id;
	}
	if (!o->vmlinux_btf)
		o->vmlinux_btf = btf__load_vmlinux_btf();
	if (libbpf_get_error(o->vmlinux_btf)) {
		o->vmlinux_btf = NULL;
		return -ENOENT;
	}
	*btf = o->vmlinux_btf;
	return btf_find(o->vmlinux_btf, name);
}

void dl_unload(struct dload_obj *o)
{
	btf__free(o->vmlinux_btf);
	o->vmlinux_btf = NULL;
	if (o->rb)
		ring_buffer__free(o->rb);
	o->rb = NULL;
	if (o->globals)
		munmap(o->globals, o->globals_maplen);
	o->globals = NULL;
	bpf_object__close(o->bpf);
	o->bpf = NULL;
}

int dload_obj__load(struct dload_obj *obj, const struct dload_run_opts *opts)
{
	if (!obj || (opts && opts->sz < sizeof(size_t)))
		return -EINVAL;
	if (obj->loaded || obj->bpf)
		return dl_err(obj, -EBUSY, "%s: already loaded", obj->name);
	if (opts) {
		size_t n = opts->sz < sizeof(obj->ro) ? opts->sz : sizeof(obj->ro);

		memcpy(&obj->ro, opts, n);
		obj->ro.sz = sizeof(obj->ro);
	}
	obj->verbose = obj->ro.verbose;
	obj->target_pid = obj->ro.target_pid;
	if (obj->ro.target_argv) {
		int err = dl_target_start(obj);

		if (err)
			return err;
	}
	return dl_load(obj);
}
