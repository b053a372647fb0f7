/* SPDX-License-Identifier: MIT */
/*
 * cpout.c -- the user-space test program for copyout() and copyoutstr()
 * (tests/run/copyout.d): fill() gets a buffer that a D clause overwrites
 * at fill's entry (bpf_probe_write_user), then show() is handed the same
 * buffer, so a clause on show's entry sees what the program itself holds
 * after the write.  Prints nothing; exits 0 if the buffer changed.
 */
#include <string.h>

volatile long sink;

__attribute__((noinline)) void fill(char *buf, char *word, unsigned long n)
{
	sink += buf[0] + word[0] + (long)n;
}

__attribute__((noinline)) void show(const char *buf, const char *word)
{
	sink += buf[0] + word[0];
}

int main(void)
{
	char buf[32], word[16];

	memset(buf, 0, sizeof(buf));
	strcpy(buf, "original contents");
	strcpy(word, "xxxxxxxx");
	fill(buf, word, sizeof(buf));
	show(buf, word);
	return strcmp(buf, "original contents") == 0;
}
