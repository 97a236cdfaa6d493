/* unpack.c: binhyen-unpack: open every input (archive, nested archive, folder,
 * bare record file) and hand the record entries to binhyen-extract as a stream;
 * media files are catalogued by name and size, never written anywhere. */
#include <archive.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__	/* F_SETPIPE_SZ, which <fcntl.h> names only under _GNU_SOURCE */
#define BH_SETPIPE_SZ 1031
#endif

#include "bh_db.h"
#include "bh_err.h"
#include "bh_opt.h"
#include "bh_sha256.h"
#include "bh_path.h"
#include "bh_res.h"
#include "bh_stream.h"
#include "bh_walk.h"
#include "bh_zl.h"

#define BLOCK (1u << 20)

struct walk;

struct unpack {
	const struct walk *walk;	/* listing (--list) or streaming */
	FILE *out;		/* the stream (streaming only) */
	const char *owner;	/* --owner */
	/* What the database holds, read once before the stream starts: extract
	 * then has the database to itself (it may lock readers out). */
	char **known;		/* hashes of the sources read whole, sorted */
	size_t nknown;
	struct seen_file {	/* a file read whole before: where, how big, when */
		char *real;
		long long size, mtime;
		char *hash;
	} *files;		/* sorted by file_cmp */
	size_t nfiles;
	char **seen;		/* hashes met in this run */
	size_t nseen;
	char *buf;		/* BLOCK bytes for reading */
	int bad;		/* the current source had a problem */
	const char *src;	/* the archive being walked */
	struct bh_zl_key key;	/* --dkey-file: for encrypted PC backups */
	enum bh_iv_rule iv;	/* --iv */
	long long max_unpacked;	/* --max-unpacked-mib, in bytes */
	long ratio;		/* --max-ratio */
	long private_media;	/* media files of private chats, skipped */
};

static noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    _("usage: binhyen-unpack [--db FILE] [--owner UID] [--dkey-file FILE [--iv zero|zie]] [--list] [-q]\n"
	    "                      INPUT... | binhyen-extract [--db FILE]\n"
	    "  INPUT: .zip .tar .tar.gz .tgz .tar.xz .tar.zst .7z, a folder, or a bare .zdb/.json/.ndjson/.jsonl\n"
	    "  --db FILE     work database (default binhyen.db): sources already ingested are skipped\n"
	    "  --owner UID   uid of the account that made a backup whose files do not name it\n"
	    "  --dkey-file FILE  the account's key (dkey, 32 hex characters) to read encrypted\n"
	    "                Zalo PC backups (*.zl.zip) directly\n"
	    "  --iv zero|zie how the backup's IV is made, when the file was renamed\n"
	    "                (default: from the name: backup.zl.zip zie, backup.zip zero)\n"
	    "  --max-ratio R         stop an archive that expands more than R times its size\n"
	    "                        (beyond 64 MiB; default 200): archive bombs\n"
	    "  --max-unpacked-mib N  stop an archive that expands beyond N MiB (default 65536)\n"
	    "  --list        list what each input holds instead of writing the stream\n"
	    "  -q            quiet\n"));
	bh_usage_exit(fp, status);
}

/* What a walk does with what it finds: the walk itself (inputs, folders,
 * sources, what is known already) is one; a listing (--list) prints a line per
 * entry, a streaming walk writes the stream's frames for binhyen-extract. */
struct walk {
	void (*source_begin)(struct unpack *u, const char *path, const char *hex, off_t size,
	    const char *real, long long mtime);
	void (*source_end)(struct unpack *u, int bad);
	void (*bare_file)(struct unpack *u, const char *path);
	void (*media)(struct unpack *u, const char *src, const char *name, long long size);
	struct bh_walk_cb archive;	/* the entries of an archive */
};

/* ---- sources: hashing, skipping what is already in ---- */

/* The source's identity: the SHA-256 of its bytes, and its size. */
static int
sha256_file(const char *path, char *hex, off_t *size)
{
	struct stat st;

	*size = 0;
	if (bh_sha256_file(path, hex) < 0 || stat(path, &st) < 0)
		return -1;
	*size = st.st_size;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
file_cmp(const void *a, const void *b)
{
	const struct seen_file *x = a, *y = b;
	int c = strcmp(x->real, y->real);

	if (c)
		return c;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return x->mtime < y->mtime ? -1 : x->mtime > y->mtime;
}

/* The sources already in the database, and where their files were. A new
 * database (no file, or no tables yet) holds none. */
static void
load_known(struct unpack *u, const char *dbpath)
{
	sqlite3 *db = bh_db_open(dbpath, BH_DB_RO);
	sqlite3_stmt *q = NULL;

	if (!db)
		return;
	if (sqlite3_prepare_v2(db, bh_res("sql/unpack_known.sql", NULL), -1, &q, NULL) == SQLITE_OK) {
		while (sqlite3_step(q) == SQLITE_ROW) {
			u->known = bh_realloc(u->known, (u->nknown + 1) * sizeof *u->known);
			u->known[u->nknown++] = bh_strdup((const char *)sqlite3_column_text(q, 0));
		}
		if (u->nknown)
			qsort(u->known, u->nknown, sizeof *u->known, cmp_str);
	}
	sqlite3_finalize(q);
	q = NULL;
	if (sqlite3_prepare_v2(db, bh_res("sql/unpack_unchanged.sql", NULL), -1, &q, NULL) == SQLITE_OK) {
		while (sqlite3_step(q) == SQLITE_ROW) {
			struct seen_file *f;
			u->files = bh_realloc(u->files, (u->nfiles + 1) * sizeof *u->files);
			f = &u->files[u->nfiles++];
			f->real = bh_strdup((const char *)sqlite3_column_text(q, 0));
			f->size = sqlite3_column_int64(q, 1);
			f->mtime = sqlite3_column_int64(q, 2);
			f->hash = bh_strdup((const char *)sqlite3_column_text(q, 3));
		}
		if (u->nfiles)
			qsort(u->files, u->nfiles, sizeof *u->files, file_cmp);
	}
	sqlite3_finalize(q);
	bh_db_close(db);
}

static void
free_known(struct unpack *u)
{
	size_t i;

	for (i = 0; i < u->nknown; i++)
		free(u->known[i]);
	for (i = 0; i < u->nfiles; i++) {
		free(u->files[i].real);
		free(u->files[i].hash);
	}
	free(u->known);
	free(u->files);
}

/* 1: a source with this content is in the database; 2: met earlier in this
 * run; 0: new. */
static int
already_in(struct unpack *u, const char *hex)
{
	size_t i;

	for (i = 0; i < u->nseen; i++)
		if (strcmp(u->seen[i], hex) == 0)
			return 2;
	u->seen = bh_realloc(u->seen, (u->nseen + 1) * sizeof *u->seen);
	u->seen[u->nseen++] = bh_strdup(hex);
	return u->nknown && bsearch(&hex, u->known, u->nknown, sizeof *u->known, cmp_str) != NULL;
}

/* ---- the listing walk (--list) ---- */

static void
list_line(const char *src, const char *entry, const char *what, long long size)
{
	char *s = bh_name_show(src), *e = bh_name_show(entry);

	printf("%s\t%s\t%s\t%lld\n", s, e, what, size);
	free(s);
	free(e);
}

static void
list_source_begin(struct unpack *u, const char *path, const char *hex, off_t size,
    const char *real, long long mtime)
{
	(void)u, (void)path, (void)hex, (void)size, (void)real, (void)mtime;
}

static void
list_source_end(struct unpack *u, int bad)
{
	(void)u, (void)bad;
}

/* A bare record file is listed unread (size -1: its records are not counted). */
static void
list_bare_file(struct unpack *u, const char *path)
{
	(void)u;
	list_line(path, path, "records", -1);
}

static void
list_media(struct unpack *u, const char *src, const char *name, long long size)
{
	(void)u;
	list_line(src, name, bh_media_private(name) ? "private" : "media", size);
}

static int
list_entry_begin(void *ctx, const char *name, long long size)
{
	struct unpack *u = ctx;

	list_line(u->src, name, "records", size);
	return 1;	/* its data is not read */
}

/* ---- the streaming walk: frames for binhyen-extract (bh_stream.h) ---- */

static void
put(struct unpack *u, int type, const void *p, size_t n)
{
	if (bh_frame_put(u->out, type, p, n) < 0)
		bh_die(_("cannot write the stream to binhyen-extract:"));
}

static void
fields(struct unpack *u, int type, const char *a, const char *b, const char *c)
{
	if (bh_frame_fields(u->out, type, a, b, c, (char *)NULL) < 0)
		bh_die(_("cannot write the stream to binhyen-extract:"));
}

static const char *
owner_for(struct unpack *u, const char *name, char *buf, size_t n)
{
	const char *o = bh_owner_of(name, buf, n);

	return o ? o : u->owner ? u->owner : "";
}

static void
stream_source_begin(struct unpack *u, const char *path, const char *hex, off_t size,
    const char *real, long long mtime)
{
	char sz[32], mt[32];
	/* Names are stored as valid UTF-8, any other byte escaped (losslessly). */
	char *p = bh_name_store(path), *r = bh_name_store(real);

	snprintf(sz, sizeof sz, "%lld", (long long)size);
	snprintf(mt, sizeof mt, "%lld", mtime);
	if (bh_frame_fields(u->out, BH_F_SOURCE, p, hex, sz, r, mt, (char *)NULL) < 0)
		bh_die(_("cannot write the stream to binhyen-extract:"));
	free(p);
	free(r);
}

static void
stream_source_end(struct unpack *u, int bad)
{
	fields(u, BH_F_DONE, bad ? "bad" : "ok", NULL, NULL);
	if (fflush(u->out) == EOF)
		bh_die(_("cannot write the stream to binhyen-extract:"));
}

static void
stream_bare_file(struct unpack *u, const char *path)
{
	char ob[64], *entry;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		bh_bad(_("cannot open '%s':"), path);
		u->bad = 1;
		return;
	}
	entry = bh_name_store(path);
	fields(u, BH_F_ENTRY, entry, owner_for(u, path, ob, sizeof ob), "rec");
	free(entry);
	while ((n = read(fd, u->buf, BLOCK)) > 0)
		put(u, BH_F_DATA, u->buf, (size_t)n);
	if (n < 0) {
		bh_bad(_("cannot read '%s':"), path);
		fields(u, BH_F_END, "read error", NULL, NULL);
		u->bad = 1;
	} else {
		fields(u, BH_F_END, "", NULL, NULL);
	}
	close(fd);
}

static void
stream_media(struct unpack *u, const char *src, const char *name, long long size)
{
	char id[32], sz[32];
	const char *msgid = bh_media_msgid(name, id, sizeof id);

	(void)src;
	/* A private chat's file is only counted: its folder names the peer. */
	if (bh_media_private(name)) {
		u->private_media++;
		return;
	}
	snprintf(sz, sizeof sz, "%lld", size);
	fields(u, BH_F_MEDIA, name, msgid ? msgid : "", sz);
}

static int
stream_entry_begin(void *ctx, const char *name, long long size)
{
	struct unpack *u = ctx;
	char ob[64];

	(void)size;
	fields(u, BH_F_ENTRY, name, owner_for(u, name, ob, sizeof ob), "rec");
	return 0;
}

static void
stream_entry_data(void *ctx, const void *p, size_t n)
{
	put(ctx, BH_F_DATA, p, n);
}

static void
stream_entry_end(void *ctx, const char *why)
{
	fields(ctx, BH_F_END, why ? why : "", NULL, NULL);
}

/* An archive's media file, either walk. */
static void
archive_media(void *ctx, const char *name, long long size)
{
	struct unpack *u = ctx;

	u->walk->media(u, u->src, name, size);
}

static const struct walk listing = {
	list_source_begin, list_source_end, list_bare_file, list_media,
	{ list_entry_begin, NULL, NULL, archive_media },
};

static const struct walk streaming = {
	stream_source_begin, stream_source_end, stream_bare_file, stream_media,
	{ stream_entry_begin, stream_entry_data, stream_entry_end, archive_media },
};

/* ---- inputs ---- */

static int
looks_like_zip_or_tar(const char *path)
{
	unsigned char m[262];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, m, sizeof m);
	close(fd);
	if (n >= 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4)
		return 1;
	return n >= 262 && memcmp(m + 257, "ustar", 5) == 0;
}

/* Can libarchive read a first header? (Tells a renamed encrypted backup from an archive.) */
static int
looks_like_archive(const char *path)
{
	struct archive *a = bh_archive_reader_new();
	struct archive_entry *e;
	int ok = archive_read_open_filename(a, path, 65536) == ARCHIVE_OK &&
	    archive_read_next_header(a, &e) == ARCHIVE_OK;

	archive_read_free(a);
	return ok;
}

/* Was this very file (same place, size and time) ingested already? Then its
 * content need not be hashed again. */
static int
unchanged(struct unpack *u, const char *real, const struct stat *st, long long mtime)
{
	struct seen_file key, *f;

	if (!u->nfiles || !real)
		return 0;
	key.real = (char *)real;
	key.size = (long long)st->st_size;
	key.mtime = mtime;
	f = bsearch(&key, u->files, u->nfiles, sizeof *u->files, file_cmp);
	return f && already_in(u, f->hash) == 1;
}

static void
archive_file(struct unpack *u, const char *path, int encrypted, off_t size)
{
	struct archive *a;
	bh_walker *w;
	unsigned char iv[16];
	int rc;

	if (encrypted) {
		bh_zl_iv(&u->key, path, u->iv, iv);
		if (!(a = bh_zl_open(path, &u->key, iv))) {
			bh_bad(_("cannot open '%s':"), path);
			u->bad = 1;
			return;
		}
		rc = archive_errno(a) == 0 ? ARCHIVE_OK : ARCHIVE_FATAL;
	} else {
		a = bh_archive_reader_new();
		rc = archive_read_open_filename(a, path, BLOCK);
	}
	if (rc != ARCHIVE_OK) {
		bh_bad(_("%s: corrupt or truncated archive, or not an archive: %s"), path,
		    archive_error_string(a) ? archive_error_string(a) : _("cannot open"));
		u->bad = 1;
	} else {
		w = bh_walker_new(path, (long long)size, u->ratio, u->max_unpacked, &u->walk->archive, u);
		u->src = path;
		if (bh_walk(w, a) < 0)
			u->bad = 1;
		u->src = NULL;
		bh_walker_free(w);
	}
	archive_read_free(a);
}

/* An encrypted backup: refused without a key, checked with one. */
static int
encrypted_ok(struct unpack *u, const char *path)
{
	unsigned char iv[16];

	if (!u->key.loaded) {
		bh_bad(_("%s: encrypted Zalo PC backup (a TAR encrypted with AES, not a zip): "
		    "give the account's key with --dkey-file FILE, or decrypt it first and "
		    "give binhyen the decrypted TAR or folder"), path);
		return 0;
	}
	bh_zl_iv(&u->key, path, u->iv, iv);
	switch (bh_zl_check(path, &u->key, iv)) {
	case BH_ZL_OK:
		return 1;
	case BH_ZL_WRONG_IV:
		bh_bad(_("%s: the key fits but the IV does not: the file was probably renamed; "
		    "try --iv %s"), path, u->iv == BH_IV_ZERO ? "zie" : u->iv == BH_IV_ZIE ? "zero" :
		    _("zero or --iv zie"));
		return 0;
	case BH_ZL_WRONG_KEY:
		bh_bad(_("%s: wrong key for this backup (the decrypted start is not a TAR header): "
		    "check that --dkey-file holds the dkey of the account that made it"), path);
		return 0;
	case BH_ZL_SHORT:
		bh_bad(_("%s: too short to be a Zalo PC backup (truncated?)"), path);
		return 0;
	default:
		bh_bad(_("cannot read '%s':"), path);
		return 0;
	}
}

static void
one_source(struct unpack *u, const char *path, enum bh_entry_kind kind, const char *real,
    long long mtime)
{
	char hex[BH_SHA256_HEX];
	off_t size;
	int encrypted = 0;

	/* A renamed backup (backup.zip) is told apart by its content when a key is given. */
	if ((kind == BH_E_ENCRYPTED || (kind == BH_E_ARCHIVE && u->key.loaded)) &&
	    !looks_like_zip_or_tar(path) && (kind == BH_E_ENCRYPTED || !looks_like_archive(path))) {
		if (!encrypted_ok(u, path))
			return;
		encrypted = 1;
	}
	if (kind == BH_E_ENCRYPTED)
		kind = BH_E_ARCHIVE;
	if (sha256_file(path, hex, &size) < 0) {
		bh_bad(_("cannot read '%s':"), path);
		return;
	}
	switch (already_in(u, hex)) {
	case 1:
		bh_note(_("%s: already ingested (same content), skipped"), path);
		return;
	case 2:
		bh_note(_("%s: given twice (same content), read once"), path);
		return;
	}
	u->bad = 0;
	u->walk->source_begin(u, path, hex, size, real, mtime);
	if (kind == BH_E_RECORDS)
		u->walk->bare_file(u, path);
	else
		archive_file(u, path, encrypted, size);
	u->walk->source_end(u, u->bad);
}

static void
one_file(struct unpack *u, const char *path, enum bh_entry_kind kind)
{
	char *real = realpath(path, NULL), *stored = real ? bh_name_store(real) : NULL;
	struct stat st;
	long long mtime = 0;

	if (stat(path, &st) == 0)
		mtime = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	if (stored && unchanged(u, stored, &st, mtime)) {
		bh_note(_("%s: already ingested (unchanged), skipped"), path);
		free(real);
		free(stored);
		return;
	}
	one_source(u, path, kind, real ? real : path, mtime);
	free(real);
	free(stored);
}

/* A folder: its archives and record files are sources of their own; its media
 * files are catalogued together as one source named after the folder. */
static void
folder(struct unpack *u, const char *dir, int top, struct bh_buf *media)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;

	if (!d) {
		bh_bad(_("cannot open folder '%s':"), dir);
		return;
	}
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		names = bh_realloc(names, (n + 1) * sizeof *names);
		names[n] = bh_malloc(strlen(dir) + strlen(de->d_name) + 2);
		sprintf(names[n++], "%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		struct stat st;
		if (lstat(names[i], &st) < 0) {
			bh_bad(_("cannot read '%s':"), names[i]);
		} else if (S_ISDIR(st.st_mode)) {
			folder(u, names[i], 0, media);
		} else if (S_ISREG(st.st_mode)) {
			enum bh_entry_kind k = bh_entry_kind(names[i]);
			if (k == BH_E_MEDIA) {
				char sz[32];
				snprintf(sz, sizeof sz, "%lld", (long long)st.st_size);
				bh_buf_addz(media, names[i]);
				bh_buf_addz(media, sz);
			} else if (k != BH_E_OTHER) {
				one_file(u, names[i], k);
			}
		} else if (S_ISLNK(st.st_mode)) {
			/* Followed, a link could lead out of the folder or round in a
			 * loop: the user gives the file itself. */
			bh_note(_("%s: a symbolic link, not followed inside a folder, skipped "
			    "(give the file it points to on the command line)"), names[i]);
		} else {
			bh_note(_("%s: not a regular file (a pipe, socket or device), skipped"), names[i]);
		}
		free(names[i]);
	}
	free(names);
	(void)top;
}

static void
folder_media(struct unpack *u, const char *dir, struct bh_buf *media)
{
	char hex[BH_SHA256_HEX], label[4096];
	size_t off;

	if (!media->len)
		return;
	/* The catalogue's identity is the list of names and sizes. */
	bh_sha256_hex(media->data, media->len, hex);
	if (already_in(u, hex))
		return;
	snprintf(label, sizeof label, "%s (media files)", dir);
	u->walk->source_begin(u, label, hex, (off_t)media->len, "", 0);
	for (off = 0; off < media->len;) {
		const char *name = media->data + off;
		const char *sz = name + strlen(name) + 1;
		off += strlen(name) + strlen(sz) + 2;
		char *stored = bh_name_store(name + strlen(dir) + 1), *lab = bh_name_store(label);
		u->walk->media(u, lab, stored, strtoll(sz, NULL, 10));
		free(stored);
		free(lab);
	}
	u->walk->source_end(u, 0);
}

static void
input(struct unpack *u, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		bh_bad(_("cannot open '%s':"), path);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		struct bh_buf media = {0};
		folder(u, path, 1, &media);
		folder_media(u, path, &media);
		free(media.data);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		bh_bad(_("'%s': not a file or folder"), path);
		return;
	}
	switch (bh_entry_kind(path)) {
	case BH_E_RECORDS:
	case BH_E_ARCHIVE:
	case BH_E_ENCRYPTED:
		one_file(u, path, bh_entry_kind(path));
		break;
	default:
		bh_bad(_("'%s': not a Zalo export: expected an archive (.zip .tar .tar.gz .tgz "
		    ".tar.xz .tar.zst .7z), a folder or a .zdb/.json/.ndjson/.jsonl file"), path);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"owner", required_argument, NULL, 'o'},
		{"list", no_argument, NULL, 'l'},
		{"dkey-file", required_argument, NULL, 'k'},
		{"iv", required_argument, NULL, 'i'},
		{"max-ratio", required_argument, NULL, 'r'},
		{"max-unpacked-mib", required_argument, NULL, 'm'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	static const char *const iv_rules[] = { "zero", "zie", NULL };
	struct unpack u = {0};
	const char *dbpath = BH_DB_DEFAULT;
	int c, list = 0, i;
	size_t k;

	bh_init(argv[0]);
	u.ratio = 200;
	u.max_unpacked = 65536LL << 20;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":q", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'o': u.owner = bh_opt_uid("--owner", optarg); break;
		case 'l': list = 1; break;
		case 'k':
			if (bh_zl_load(&u.key, optarg) < 0)
				exit(BH_FATAL);
			break;
		case 'i':
			u.iv = bh_opt_word("--iv", optarg, iv_rules) == 0 ? BH_IV_ZERO : BH_IV_ZIE;
			break;
		case 'r': u.ratio = bh_optnum("--max-ratio", optarg, 2, 1000000); break;
		case 'm':
			u.max_unpacked = (long long)bh_optnum("--max-unpacked-mib", optarg, 1,
			    1L << 30) << 20;
			break;
		case 'q': bh_quiet = 1; break;
		case 'h': usage(stdout, 0);
		default: bh_opt_error(c, argc, argv, opts);
		}
	}
	if (optind >= argc)
		bh_usage_error(_("no input given"));
	if (!list && isatty(STDOUT_FILENO))
		bh_die(_("standard output is a terminal: pipe it into binhyen-extract, or use --list"));
	u.walk = list ? &listing : &streaming;
	if (!list) {
		u.out = stdout;
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
		/* A pipe of 1 MiB rather than 64 KiB: unpack and extract hand over
		 * whole frames, not a stream of small waits (Linux; else unchanged). */
#ifdef __linux__
		(void)fcntl(STDOUT_FILENO, BH_SETPIPE_SZ, 1 << 20);
#endif
		load_known(&u, dbpath);	/* before extract starts writing */
		if (fputs(BH_STREAM_MAGIC, stdout) == EOF)
			bh_die(_("cannot write the stream:"));
	}
	u.buf = bh_malloc(BLOCK);
	for (i = optind; i < argc; i++)
		input(&u, argv[i]);
	if (u.private_media)
		bh_note(_("%ld media files of private chats skipped (never stored)"), u.private_media);
	free_known(&u);
	for (k = 0; k < u.nseen; k++)
		free(u.seen[k]);
	free(u.seen);
	free(u.buf);
	bh_zl_key_wipe(&u.key);
	return bh_exit_status();
}
