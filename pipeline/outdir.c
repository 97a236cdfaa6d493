/* outdir.c: output folders replaced only when binhyen wrote all of them, and
 * the temporary folders of runs that are gone (see bh_outdir.h). */
#define _GNU_SOURCE	/* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_out.h"
#include "bh_outdir.h"
#include "bh_path.h"
#include "bh_proc.h"
#include "bh_rmtree.h"
#include "bh_sha256.h"

#define MARK_HEAD "binhyen output folder 1"

/* One entry of a manifest: 'd' a folder, 'f' a file with its size and hash. */
struct entry {
	char type;
	long long size;
	char hash[BH_SHA256_HEX];
	char *path;
};

struct manifest {
	struct bh_procid who;
	int done;		/* "state done": a finished output */
	struct entry *e;
	size_t n;
};

static char *
join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = bh_malloc(n);

	snprintf(p, n, "%s%s%s", a, *a && *b ? "/" : "", b);
	return p;
}

void
bh_strv_free(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static void
strv_add(char ***v, size_t *n, char *s)
{
	*v = bh_realloc(*v, (*n + 2) * sizeof **v);
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

char *
bh_strv_join(char *const *v, int max)
{
	size_t len = 64, i, n = 0;
	char *s, *shown;

	for (i = 0; v[i]; i++)
		len += strlen(v[i]) * 4 + 4;
	s = bh_malloc(len);
	s[0] = '\0';
	for (i = 0; v[i]; i++) {
		if ((int)i == max) {
			for (n = i; v[n]; n++)
				;
			snprintf(s + strlen(s), len - strlen(s), _(" and %zu more"), n - i);
			break;
		}
		shown = bh_name_show(v[i]);
		snprintf(s + strlen(s), len - strlen(s), "%s'%s'", i ? ", " : "", shown);
		free(shown);
	}
	return s;
}

/* Names in the manifest: bytes that are not printable ASCII, and '%', as %HH. */
static void
put_path(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c >= 0x7f || c == '%')
			fprintf(fp, "%%%02X", c);
		else
			fputc(c, fp);
	}
}

static char *
get_path(const char *s)
{
	char *out = bh_malloc(strlen(s) + 1), *o = out;
	unsigned v;

	for (; *s && *s != '\n'; s++) {
		if (*s == '%' && sscanf(s + 1, "%2X", &v) == 1 && s[1] && s[2]) {
			*o++ = (char)v;
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* A file of the folder, never through a link. */
static int
sha256_file(const char *path, char hex[BH_SHA256_HEX])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), rc;

	if (fd < 0)
		return -1;
	rc = bh_sha256_fd(fd, hex);
	close(fd);
	return rc;
}

static void
manifest_free(struct manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->e[i].path);
	free(m->e);
	memset(m, 0, sizeof *m);
}

/* Reads DIR/NAME as a marker; 0 when it is one (m filled), -1 when not. */
static int
manifest_read(const char *dir, const char *name, struct manifest *m)
{
	char *path = join(dir, name), line[8192];
	int entries = 0, head = 0;
	struct entry e;
	FILE *fp;
	int fd;

	memset(m, 0, sizeof *m);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	free(path);
	if (fd < 0 || !(fp = fdopen(fd, "r"))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while (fgets(line, sizeof line, fp)) {
		if (!head) {
			if (strncmp(line, MARK_HEAD, strlen(MARK_HEAD)) != 0)
				break;
			head = 1;
		} else if (!entries) {
			if (strcmp(line, "--\n") == 0)
				entries = 1;
			else if (strcmp(line, "state done\n") == 0)
				m->done = 1;
			else
				bh_procid_line(&m->who, line);
		} else {
			memset(&e, 0, sizeof e);
			if (line[0] == 'd' && line[1] == ' ') {
				e.type = 'd';
				e.path = get_path(line + 2);
			} else if (line[0] == 'f' &&
			    sscanf(line, "f %lld %64s", &e.size, e.hash) == 2) {
				const char *p = strchr(line + 2, ' ');
				p = p ? strchr(p + 1, ' ') : NULL;
				if (!p)
					continue;
				e.type = 'f';
				e.path = get_path(p + 1);
			} else {
				continue;
			}
			m->e = bh_realloc(m->e, (m->n + 1) * sizeof *m->e);
			m->e[m->n++] = e;
		}
	}
	fclose(fp);
	if (!head) {
		manifest_free(m);
		return -1;
	}
	return 0;
}

static const struct entry *
manifest_find(const struct manifest *m, const char *rel)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->e[i].path, rel) == 0)
			return &m->e[i];
	return NULL;
}

/* The marker, the retired marker, and the temporary file of a marker being sealed. */
static int
own_file(const char *rel)
{
	size_t n = strlen(BH_OUT_MARK);

	return strcmp(rel, BH_OUT_MARK) == 0 || strcmp(rel, BH_OUT_RETIRED) == 0 ||
	    (strncmp(rel, BH_OUT_MARK ".tmp", n + 4) == 0 && rel[n + 4] >= '1' && rel[n + 4] <= '9' &&
	    strspn(rel + n + 4, "0123456789") == strlen(rel + n + 4));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in folder PATH, sorted; NULL when it cannot be read. */
static char **
list_dir(const char *path, size_t *n)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **v = NULL;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			strv_add(&v, n, bh_strdup(de->d_name));
	closedir(d);
	if (!v)
		v = bh_malloc(sizeof *v), v[0] = NULL;
	qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

/* Adds to *out every entry under DIR/REL that m does not hold as it is now. */
static void
foreign_walk(const char *dir, const char *rel, const struct manifest *m, char ***out, size_t *nout)
{
	char *full = join(dir, rel), **names, *r, *p;
	const struct entry *e;
	char hex[BH_SHA256_HEX];
	struct stat st;
	size_t n, i;

	names = list_dir(full, &n);
	if (!names) {
		strv_add(out, nout, bh_strdup(*rel ? rel : "."));
		free(full);
		return;
	}
	for (i = 0; i < n; i++) {
		r = join(rel, names[i]);
		p = join(dir, r);
		e = manifest_find(m, r);
		if (!*rel && own_file(r)) {
			/* the marker itself */
		} else if (lstat(p, &st) < 0) {
			strv_add(out, nout, bh_strdup(r));
		} else if (S_ISDIR(st.st_mode) && e && e->type == 'd') {
			foreign_walk(dir, r, m, out, nout);
		} else if (S_ISDIR(st.st_mode)) {
			size_t k = strlen(r);
			r = bh_realloc(r, k + 2);
			strcpy(r + k, "/");
			strv_add(out, nout, r);
			r = NULL;
		} else if (!S_ISREG(st.st_mode) || !e || e->type != 'f' || e->size != (long long)st.st_size ||
		    sha256_file(p, hex) < 0 || strcmp(hex, e->hash) != 0) {
			strv_add(out, nout, r);
			r = NULL;
		}
		free(r);
		free(p);
	}
	bh_strv_free(names);
	free(full);
}

char **
bh_outdir_foreign(const char *dir, int *nomark)
{
	struct manifest m;
	char **out = NULL, **names;
	size_t nout = 0, n, i;
	struct stat st;

	*nomark = 0;
	if (lstat(dir, &st) < 0 && errno == ENOENT)
		return NULL;
	if (manifest_read(dir, BH_OUT_MARK, &m) == 0 && m.done) {
		foreign_walk(dir, "", &m, &out, &nout);
		manifest_free(&m);
		return out;
	}
	if (manifest_read(dir, BH_OUT_MARK, &m) == 0)
		manifest_free(&m);
	*nomark = 1;
	if (!(names = list_dir(dir, &n))) {
		strv_add(&out, &nout, bh_strdup("."));
		return out;
	}
	for (i = 0; i < n; i++)
		strv_add(&out, &nout, names[i]);
	free(names);
	return out;
}

/* The text of a marker: its head, this process, and (when m) the entries. */
static char *
marker_text(const char *state, const struct manifest *m, size_t *len)
{
	struct bh_procid me;
	char *text = NULL;
	size_t i;
	FILE *fp = open_memstream(&text, len);

	if (!fp)
		bh_die(_("out of memory"));
	bh_procid_self(&me);
	fprintf(fp, "%s\n# made by binhyen: the list of what it wrote here, to know that it may\n"
	    "# replace this folder. A folder holding anything else is never replaced.\n"
	    "state %s\nmade %lld\n", MARK_HEAD, state, (long long)time(NULL));
	bh_procid_write(fp, &me);
	fputs("--\n", fp);
	for (i = 0; m && i < m->n; i++) {
		if (m->e[i].type == 'd')
			fputs("d ", fp);
		else
			fprintf(fp, "f %lld %s ", m->e[i].size, m->e[i].hash);
		put_path(fp, m->e[i].path);
		fputc('\n', fp);
	}
	if (fclose(fp) == EOF)
		bh_die(_("out of memory"));
	return text;
}

/* DIR/NAME written in place, in one write: a process killed at any moment
 * leaves it whole or absent, and no temporary file beside it. */
static int
write_small(const char *dir, const char *name, const char *state)
{
	char *path = join(dir, name), *text;
	size_t len;
	int fd, rc = -1, e;

	text = marker_text(state, NULL, &len);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd >= 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0)
		rc = 0;
	e = errno;
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		unlink(path);
	free(text);
	free(path);
	errno = e;
	return rc;
}

/* The sealed marker, replacing the running one atomically. */
static int
write_manifest(const char *dir, const struct manifest *m)
{
	char *path = join(dir, BH_OUT_MARK), *text;
	bh_afile *f = bh_afile_open(path, 0644);
	size_t len;

	free(path);
	if (!f)
		return -1;
	text = marker_text("done", m, &len);
	fwrite(text, 1, len, bh_afile_fp(f));
	free(text);
	return bh_afile_commit(f);
}

int
bh_outdir_begin(const char *dir)
{
	if (mkdir(dir, 0755) < 0)
		return -1;
	return write_small(dir, BH_OUT_MARK, "running");
}

static int
seal_walk(const char *dir, const char *rel, struct manifest *m)
{
	char *full = join(dir, rel), **names, *r, *p;
	struct stat st;
	struct entry e;
	size_t n, i;
	int rc = 0;

	names = list_dir(full, &n);
	free(full);
	if (!names)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		r = join(rel, names[i]);
		p = join(dir, r);
		memset(&e, 0, sizeof e);
		if (!*rel && own_file(r)) {
			free(r);
		} else if (lstat(p, &st) < 0) {
			rc = -1;
			free(r);
		} else if (S_ISDIR(st.st_mode)) {
			e.type = 'd';
			e.path = r;
			m->e = bh_realloc(m->e, (m->n + 1) * sizeof *m->e);
			m->e[m->n++] = e;
			rc = seal_walk(dir, r, m);
		} else if (S_ISREG(st.st_mode)) {
			e.type = 'f';
			e.size = (long long)st.st_size;
			e.path = r;
			if (sha256_file(p, e.hash) < 0) {
				rc = -1;
				free(r);
			} else {
				m->e = bh_realloc(m->e, (m->n + 1) * sizeof *m->e);
				m->e[m->n++] = e;
			}
		} else {
			free(r);	/* a stage never leaves one: not recorded, so never "ours" */
		}
		free(p);
	}
	bh_strv_free(names);
	return rc;
}

int
bh_outdir_seal(const char *dir)
{
	struct manifest m;
	int rc, e;

	memset(&m, 0, sizeof m);
	rc = seal_walk(dir, "", &m);
	if (rc == 0)
		rc = write_manifest(dir, &m);
	e = errno;
	manifest_free(&m);
	errno = e;
	return rc;
}

/* N of NAME when it is BASE.tmpN or BASE.oldN (kind 't' or 'o'), else 0. */
static long
stale_pid(const char *name, const char *base, int *kind)
{
	size_t n = strlen(base);
	const char *p;
	char *end;
	long pid;

	if (strncmp(name, base, n) != 0 || (strncmp(name + n, ".tmp", 4) != 0 &&
	    strncmp(name + n, ".old", 4) != 0))
		return 0;
	*kind = name[n + 1];
	p = name + n + 4;
	if (*p < '1' || *p > '9')
		return 0;
	errno = 0;
	pid = strtol(p, &end, 10);
	return *end || errno || pid <= 0 ? 0 : pid;
}

/* Did process PID of this machine, now gone, make folder PATH (its marker, or
 * the retired marker a swap writes into the output it moves aside)? */
static int
left_by_gone(const char *path, long pid)
{
	static const char *const marks[] = {BH_OUT_MARK, BH_OUT_RETIRED};
	struct manifest m;
	int i, yes = 0;

	for (i = 0; i < 2 && !yes; i++) {
		if (manifest_read(path, marks[i], &m) < 0)
			continue;
		yes = m.who.pid == pid && bh_procid_gone(&m.who);
		manifest_free(&m);
	}
	return yes;
}

void
bh_outdir_clean(const char *out)
{
	char *dir = bh_strdup(out), *slash = strrchr(dir, '/'), *path, *ret;
	const char *parent = ".", *base = dir;
	char **names;
	size_t n, i;
	struct stat st;
	int pass, kind;
	long pid;

	if (slash) {
		*slash = '\0';
		parent = *dir ? dir : "/";
		base = slash + 1;
	}
	if (!(names = list_dir(parent, &n))) {
		free(dir);
		return;
	}
	/* The previous outputs first: one may have to be put back. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			if (!names[i] || (pid = stale_pid(names[i], base, &kind)) <= 0 ||
			    kind != (pass ? 't' : 'o'))
				continue;
			path = join(parent, names[i]);
			if (kind == 't' && rmdir(path) == 0) {
				/* empty: a run killed between making it and marking it
				 * (rmdir removes nothing but an empty folder) */
			} else if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode) || !left_by_gone(path, pid)) {
				/* not left by a run of ours that is gone: never touched */
			} else if (kind == 'o' && lstat(out, &st) < 0 && errno == ENOENT) {
				if (rename(path, out) == 0) {
					ret = join(out, BH_OUT_RETIRED);
					unlink(ret);
					free(ret);
					bh_note(_("put back the previous output '%s', moved aside by an "
					    "interrupted run"), out);
				}
			} else if (bh_rmtree(path) == 0) {
				bh_note(_("removed '%s', left by an interrupted run"), path);
			} else {
				bh_warn(_("cannot remove '%s', left by an interrupted run:"), path);
			}
			free(path);
			free(names[i]);
			names[i] = NULL;
		}
	}
	bh_strv_free(names);
	free(dir);
}

static noreturn void
refuse_changed(const char *tmp, const char *out, char **foreign)
{
	char *list = bh_strv_join(foreign, 5);

	bh_warn(_("'%s' changed during the run: %s are not binhyen's. It is left as it was; "
	    "the new output is in '%s' (move it where you want it: the next run into '%s' "
	    "removes it)"), out, list, tmp, out);
	free(list);
	bh_strv_free(foreign);
	exit(BH_FATAL);
}

void
bh_outdir_install(const char *tmp, const char *out)
{
	char *old, *ret;
	char **foreign;
	struct stat st;
	size_t n;
	int nomark;

	if (lstat(out, &st) < 0) {
		if (rename(tmp, out) < 0)
			bh_die(_("cannot rename '%s' to '%s':"), tmp, out);
		return;
	}
	if ((foreign = bh_outdir_foreign(out, &nomark)))
		refuse_changed(tmp, out, foreign);
	/* The previous output, once moved aside, says which run did it, so that
	 * it is put back or removed if this run dies before it is done. */
	if (write_small(out, BH_OUT_RETIRED, "retired") < 0)
		bh_die(_("cannot write into the previous output '%s':"), out);
	ret = join(out, BH_OUT_RETIRED);
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE) == 0) {
		/* tmp now holds the previous output */
		if (bh_rmtree(tmp) < 0)
			bh_warn(_("cannot remove the previous output '%s':"), tmp);
		free(ret);
		return;
	}
	n = strlen(out) + 32;
	old = bh_malloc(n);
	snprintf(old, n, "%s.old%ld", out, (long)getpid());
	if (rename(out, old) < 0) {
		int e = errno;
		unlink(ret);
		errno = e;
		bh_die(_("cannot move the previous output '%s' aside:"), out);
	}
	if (rename(tmp, out) < 0) {
		int e = errno;
		rename(old, out);
		unlink(ret);
		errno = e;
		bh_die(_("cannot rename '%s' to '%s':"), tmp, out);
	}
	if (bh_rmtree(old) < 0)
		bh_warn(_("cannot remove the previous output '%s':"), old);
	free(old);
	free(ret);
}
