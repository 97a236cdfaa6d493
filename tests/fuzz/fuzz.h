/* fuzz.h: what every fuzz harness defines, for libFuzzer and for replay.c. */
#ifndef FUZZ_H
#define FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise of the code under test counts as a crash: abort, so that
 * libFuzzer keeps the input and the replay fails on it. */
#define FZ_CHECK(c) do { if (!(c)) fz_fail(#c, __FILE__, __LINE__); } while (0)

static inline void
fz_fail(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

/* Reads every byte of a string, so that ASan sees a dangling or unterminated one. */
static inline size_t
fz_touch(const char *s)
{
	size_t n = 0;

	while (s && s[n])
		n++;
	return n;
}

/* A NUL-terminated copy of the input, as the code under test gets from bh_slurp. */
static inline char *
fz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	for (size_t i = 0; i < size; i++)
		s[i] = (char)data[i];
	s[size] = '\0';
	return s;
}

#endif
