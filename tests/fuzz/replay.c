/* replay.c: runs one fuzz harness (built in with FUZZ_TARGET set to its name)
 * on every file of tests/fuzz/seeds/TARGET and tests/fuzz/regress/TARGET, or on
 * the files and folders given, so that make check replays every crash fuzzing found.
 * Built with the normal compiler, plain and under the sanitizers; prints
 * "ok - TARGET FILE" per file, and a crash stops it with the file named. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#ifndef FUZZ_TARGET
#error "FUZZ_TARGET must name the harness"
#endif

static int nfiles, nbad;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The input in a buffer of its exact size, so that ASan sees any read past it. */
static uint8_t *
read_file(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
	    (buf = malloc(n ? (size_t)n : 1)) && fread(buf, 1, (size_t)n, fp) == (size_t)n) {
		*size = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

static void
replay_file(const char *path)
{
	uint8_t *data;
	size_t size;

	if (!(data = read_file(path, &size))) {
		printf("not ok - %s %s: cannot read: %s\n", FUZZ_TARGET, path, strerror(errno));
		nbad++;
		return;
	}
	/* said first: if the harness crashes, the log tells on which file */
	printf("# %s %s\n", FUZZ_TARGET, path);
	fflush(stdout);
	LLVMFuzzerTestOneInput(data, size);
	printf("ok - %s %s\n", FUZZ_TARGET, path);
	fflush(stdout);
	free(data);
	nfiles++;
}

/* Every regular file of dir, in name order; a missing folder holds none. */
static void
replay_dir(const char *dir, int must_exist)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;

	if (!d) {
		if (must_exist || errno != ENOENT) {
			printf("not ok - %s %s: cannot open: %s\n", FUZZ_TARGET, dir, strerror(errno));
			nbad++;
		}
		return;
	}
	while ((de = readdir(d))) {
		char *p;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		if (!(p = malloc(strlen(dir) + strlen(de->d_name) + 2)))
			abort();
		sprintf(p, "%s/%s", dir, de->d_name);
		if (stat(p, &st) < 0 || !S_ISREG(st.st_mode)) {
			free(p);
			continue;
		}
		if (!(names = realloc(names, (n + 1) * sizeof *names)))
			abort();
		names[n++] = p;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		replay_file(names[i]);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char *argv[])
{
	int i;

	if (argc > 1) {
		for (i = 1; i < argc; i++) {
			struct stat st;
			if (stat(argv[i], &st) == 0 && S_ISREG(st.st_mode))
				replay_file(argv[i]);
			else
				replay_dir(argv[i], 1);
		}
	} else {
		replay_dir("tests/fuzz/seeds/" FUZZ_TARGET, 1);
		replay_dir("tests/fuzz/regress/" FUZZ_TARGET, 0);
	}
	if (nfiles == 0 && nbad == 0) {
		printf("not ok - %s: no input to replay\n", FUZZ_TARGET);
		nbad++;
	}
	printf("# %s: %d files replayed\n", FUZZ_TARGET, nfiles);
	return nbad ? 1 : 0;
}
