/* out.c: atomic output files and CSV tables written with libcsv. */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_out.h"
#include "bh_path.h"

struct bh_afile {
	char *path;
	char *tmp;
	FILE *fp;
};

bh_afile *
bh_afile_open(const char *path, mode_t mode)
{
	bh_afile *f;
	size_t n = strlen(path) + 32;
	int fd;

	f = bh_malloc(sizeof *f);
	f->path = bh_strdup(path);
	f->tmp = bh_malloc(n);
	snprintf(f->tmp, n, "%s.tmp%ld", path, (long)getpid());
	fd = open(f->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
	if (fd < 0 || fchmod(fd, mode) < 0 || !(f->fp = fdopen(fd, "w"))) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(f->tmp);
		}
		free(f->tmp);
		free(f->path);
		free(f);
		errno = e;
		return NULL;
	}
	return f;
}

FILE *
bh_afile_fp(bh_afile *f)
{
	return f->fp;
}

static void
afile_free(bh_afile *f)
{
	free(f->tmp);
	free(f->path);
	free(f);
}

int
bh_file_install(const char *tmp, const char *path, int mode)
{
	int fd, e = 0;

	if (mode >= 0 && chmod(tmp, (mode_t)mode) < 0) {
		e = errno;
	} else if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) < 0) {
		e = errno;
	} else {
		if (fsync(fd) < 0)
			e = errno;
		close(fd);
		if (!e && rename(tmp, path) < 0)
			e = errno;
	}
	if (e)
		unlink(tmp);
	errno = e;
	return e ? -1 : 0;
}

int
bh_afile_commit(bh_afile *f)
{
	int e, bad;

	bad = fflush(f->fp) == EOF || ferror(f->fp);
	e = errno;
	if (fclose(f->fp) == EOF && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad)
		unlink(f->tmp);
	else if (bh_file_install(f->tmp, f->path, -1) < 0)
		bad = 1, e = errno;
	afile_free(f);
	errno = e;
	return bad ? -1 : 0;
}

void
bh_afile_abort(bh_afile *f)
{
	fclose(f->fp);
	unlink(f->tmp);
	afile_free(f);
}

int
bh_mkdirs(const char *path, mode_t mode)
{
	char *p = bh_strdup(path), *s;
	struct stat st;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, mode) < 0 && errno != EEXIST) {
				rc = -1;
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	if (rc == 0 && (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))) {
		if (rc == 0 && errno == 0)
			errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
}

struct bh_csv {
	bh_afile *f;
	int ncell;
};

bh_csv *
bh_csv_open(const char *path, mode_t mode, int flags)
{
	bh_csv *c;
	bh_afile *f;

	if (!(f = bh_afile_open(path, mode)))
		return NULL;
	c = bh_malloc(sizeof *c);
	c->f = f;
	c->ncell = 0;
	if (flags & BH_CSV_BOM)
		fputs("\xEF\xBB\xBF", f->fp);
	return c;
}

int
bh_formula_like(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' ||
	    *s == '\t' || *s == '\r');
}

static void
cell_sep(bh_csv *c)
{
	if (c->ncell++)
		fputc(',', c->f->fp);
}

/* libcsv quotes every field it writes; plain numbers are written bare. */
static void
cell_text(bh_csv *c, const char *s, int guard)
{
	char *shown = NULL;

	cell_sep(c);
	if (!s || !*s)
		return;
	/* every CSV is valid UTF-8 without control characters */
	if (!bh_name_clean(s))
		s = shown = bh_name_show(s);
	if (guard && bh_formula_like(s)) {
		size_t n = strlen(s);
		char *t = bh_malloc(n + 2);
		t[0] = '\'';
		memcpy(t + 1, s, n + 1);
		csv_fwrite(c->f->fp, t, n + 1);
		free(t);
	} else if (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[strlen(s) - 1] == ' ') {
		csv_fwrite(c->f->fp, s, strlen(s));
	} else {
		fputs(s, c->f->fp);
	}
	free(shown);
}

void
bh_csv_str(bh_csv *c, const char *s)
{
	cell_text(c, s, 1);
}

void
bh_csv_raw(bh_csv *c, const char *s)
{
	cell_text(c, s, 0);
}

void
bh_csv_int(bh_csv *c, long long v)
{
	cell_sep(c);
	fprintf(c->f->fp, "%lld", v);
}

void
bh_csv_tenths(bh_csv *c, long long t)
{
	cell_sep(c);
	fprintf(c->f->fp, "%s%lld.%lld", t < 0 ? "-" : "", llabs(t) / 10, llabs(t) % 10);
}

void
bh_csv_empty(bh_csv *c)
{
	cell_sep(c);
}

void
bh_csv_endrow(bh_csv *c)
{
	fputc('\n', c->f->fp);
	c->ncell = 0;
}

void
bh_csv_row(bh_csv *c, const char *const *cells, int n)
{
	int i;

	for (i = 0; i < n; i++)
		bh_csv_raw(c, cells[i]);
	bh_csv_endrow(c);
}

int
bh_csv_commit(bh_csv *c)
{
	int rc = bh_afile_commit(c->f);

	free(c);
	return rc;
}

void
bh_csv_abort(bh_csv *c)
{
	bh_afile_abort(c->f);
	free(c);
}
