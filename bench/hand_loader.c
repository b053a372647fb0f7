/* SPDX-License-Identifier: MIT */
/*
 * hand_loader.c -- the small libbpf loader of the hand-written reference
 * program (count.bpf.o): open, load, attach, print "ready", wait for
 * SIGINT/SIGTERM, then print the sum of the per-CPU counters as dload
 * prints `@ = count()`.  Used by bench/run.sh next to dload.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static volatile sig_atomic_t stop;

static void on_sig(int sig)
{
	stop = 1;
}

static unsigned long long sum_counts(struct bpf_map *map)
{
	int ncpu = libbpf_num_possible_cpus();
	unsigned long long *v, sum = 0;
	unsigned int key = 0;

	if (ncpu <= 0 || !(v = calloc(ncpu, sizeof(*v))))
		return 0;
	if (bpf_map_lookup_elem(bpf_map__fd(map), &key, v) == 0)
		for (int i = 0; i < ncpu; i++)
			sum += v[i];
	free(v);
	return sum;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *link;
	struct bpf_map *map;

	if (argc != 2) {
		fprintf(stderr, "usage: hand_loader count.bpf.o\n");
		return 2;
	}
	signal(SIGINT, on_sig);
	signal(SIGTERM, on_sig);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "hand_loader: cannot load %s\n", argv[1]);
		return 1;
	}
	prog = bpf_object__find_program_by_name(obj, "count_getppid");
	map = bpf_object__find_map_by_name(obj, "counts");
	link = prog ? bpf_program__attach(prog) : NULL;
	if (!link || !map) {
		fprintf(stderr, "hand_loader: cannot attach\n");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	while (!stop)
		pause();
	printf("\n  %20llu\n\n", sum_counts(map));
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return 0;
}
