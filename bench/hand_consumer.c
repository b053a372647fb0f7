/* SPDX-License-Identifier: MIT */
/*
 * hand_consumer.c -- the libbpf ring-buffer consumer of the decoding
 * benchmark (printf.bpf.o): load, attach, print "ready", then print
 * "getppid PID COMM" for every event until SIGINT/SIGTERM, draining the
 * ring buffer before exiting.  bench/run.sh compares its records/s and
 * memory with dload running bench/printf.d.
 */
#include <signal.h>
#include <stdio.h>
#include <bpf/libbpf.h>

struct event {
	unsigned int pid;
	char comm[16];
};

static volatile sig_atomic_t stop;

static void on_sig(int sig)
{
	(void)sig;
	stop = 1;
}

static int on_event(void *ctx, void *data, size_t len)
{
	const struct event *e = data;

	(void)ctx;
	if (len >= sizeof(*e))
		printf("getppid %u %.16s\n", e->pid, e->comm);
	return 0;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct ring_buffer *rb;
	struct bpf_link *link;
	struct bpf_map *map;

	if (argc != 2) {
		fprintf(stderr, "usage: hand_consumer printf.bpf.o\n");
		return 2;
	}
	signal(SIGINT, on_sig);
	signal(SIGTERM, on_sig);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "hand_consumer: cannot load %s\n", argv[1]);
		return 1;
	}
	prog = bpf_object__find_program_by_name(obj, "print_getppid");
	map = bpf_object__find_map_by_name(obj, "events");
	link = prog ? bpf_program__attach(prog) : NULL;
	rb = map ? ring_buffer__new(bpf_map__fd(map), on_event, NULL, NULL) : NULL;
	if (!link || !rb) {
		fprintf(stderr, "hand_consumer: cannot attach\n");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	while (!stop)
		ring_buffer__poll(rb, 100);
	ring_buffer__consume(rb);
	fflush(stdout);
	ring_buffer__free(rb);
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return 0;
}
