/* zl.c: decrypt Zalo PC backups as a stream (OpenSSL EVP AES-256-CBC) for libarchive. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_zl.h"

#define CHUNK (1u << 20)

int
bh_zl_load(struct bh_zl_key *k, const char *file)
{
	char buf[256];
	ssize_t n;
	size_t len, i;
	char *s;
	int fd;

	memset(k, 0, sizeof *k);
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0) {
		bh_warn(_("cannot open key file '%s':"), file);
		return -1;
	}
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n < 0) {
		bh_warn(_("cannot read key file '%s':"), file);
		return -1;
	}
	buf[n] = '\0';
	for (s = buf; *s && isspace((unsigned char)*s); s++)
		;
	for (len = 0; s[len] && !isspace((unsigned char)s[len]); len++)
		;
	for (i = 0; i < len && isxdigit((unsigned char)s[i]); i++)
		;
	if (len != 32 || i != len) {
		OPENSSL_cleanse(buf, sizeof buf);
		bh_warn(_("key file '%s': expected the account's dkey, 32 hexadecimal characters "
		    "on one line"), file);
		return -1;
	}
	if (!EVP_Digest(s, len, k->key, NULL, EVP_sha256(), NULL))
		bh_die(_("cannot compute the backup key"));
	memcpy(k->dkey13, s, 13);
	k->dkey13[13] = '\0';
	k->loaded = 1;
	OPENSSL_cleanse(buf, sizeof buf);
	return 0;
}

void
bh_zl_key_wipe(struct bh_zl_key *k)
{
	OPENSSL_cleanse(k, sizeof *k);
}

void
bh_zl_iv(const struct bh_zl_key *k, const char *name, enum bh_iv_rule rule, unsigned char iv[16])
{
	const char *base = strrchr(name, '/'), *dot;
	int suffixes = 0;

	base = base ? base + 1 : name;
	for (dot = base + 1; *base && (dot = strchr(dot, '.')); dot++)
		suffixes++;
	if (rule == BH_IV_AUTO)
		rule = suffixes > 1 ? BH_IV_ZIE : BH_IV_ZERO;
	memset(iv, 0, 16);
	if (rule == BH_IV_ZIE) {
		memcpy(iv, "zie", 3);
		memcpy(iv + 3, k->dkey13, 13);
	}
}

static unsigned long
octal(const unsigned char *p, size_t n)
{
	unsigned long v = 0;
	size_t i = 0;

	while (i < n && (p[i] == ' ' || p[i] == '\0'))
		i++;
	for (; i < n && p[i] >= '0' && p[i] <= '7'; i++)
		v = v * 8 + (unsigned long)(p[i] - '0');
	return v;
}

int
bh_tar_header_ok(const unsigned char *b, int *magic_ok)
{
	unsigned long sum = 0;
	int i;

	*magic_ok = memcmp(b + 257, "ustar", 5) == 0;
	for (i = 0; i < 512; i++)
		sum += (i >= 148 && i < 156) ? ' ' : b[i];
	return *magic_ok && sum == octal(b + 148, 8);
}

static EVP_CIPHER_CTX *
cipher_new(const struct bh_zl_key *k, const unsigned char iv[16])
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();

	if (!c || !EVP_DecryptInit_ex(c, EVP_aes_256_cbc(), NULL, k->key, iv))
		bh_die(_("cannot set up AES decryption"));
	/* The padding is not documented; whatever follows the TAR's end is ignored. */
	EVP_CIPHER_CTX_set_padding(c, 0);
	return c;
}

int
bh_zl_check(const char *path, const struct bh_zl_key *k, const unsigned char iv[16])
{
	unsigned char in[512], out[512 + 32];
	int fd, n = 0, magic = 0;
	ssize_t got;
	EVP_CIPHER_CTX *c;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return BH_ZL_IOERR;
	got = read(fd, in, sizeof in);
	close(fd);
	if (got < 0)
		return BH_ZL_IOERR;
	if (got < 512)
		return BH_ZL_SHORT;
	c = cipher_new(k, iv);
	EVP_DecryptUpdate(c, out, &n, in, 512);
	EVP_CIPHER_CTX_free(c);
	if (n < 512)
		return BH_ZL_SHORT;
	if (bh_tar_header_ok(out, &magic))
		return BH_ZL_OK;
	/* CBC: a wrong IV garbles only the first 16 bytes, so the magic survives. */
	return magic ? BH_ZL_WRONG_IV : BH_ZL_WRONG_KEY;
}

struct zlread {
	int fd;
	EVP_CIPHER_CTX *c;
	unsigned char *in, *out;
};

static la_ssize_t
zl_read(struct archive *a, void *ud, const void **buf)
{
	struct zlread *z = ud;
	ssize_t n = read(z->fd, z->in, CHUNK);
	int outl = 0;

	if (n < 0) {
		archive_set_error(a, errno, "read error");
		return -1;
	}
	if (n > 0 && !EVP_DecryptUpdate(z->c, z->out, &outl, z->in, (int)n)) {
		archive_set_error(a, EIO, "decryption failed");
		return -1;
	}
	*buf = z->out;
	return outl;
}

static int
zl_close(struct archive *a, void *ud)
{
	struct zlread *z = ud;

	(void)a;
	close(z->fd);
	EVP_CIPHER_CTX_free(z->c);
	OPENSSL_cleanse(z->out, CHUNK + 32);
	free(z->in);
	free(z->out);
	free(z);
	return ARCHIVE_OK;
}

struct archive *
bh_zl_open(const char *path, const struct bh_zl_key *k, const unsigned char iv[16])
{
	struct zlread *z;
	struct archive *a;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	z = bh_malloc(sizeof *z);
	z->fd = fd;
	z->c = cipher_new(k, iv);
	z->in = bh_malloc(CHUNK);
	z->out = bh_malloc(CHUNK + 32);
	if (!(a = archive_read_new()))
		bh_die(_("out of memory"));
	archive_read_support_filter_all(a);
	archive_read_support_format_all(a);
	/* libarchive calls zl_close (which frees z) whether the open succeeds or not */
	archive_read_open(a, z, NULL, zl_read, zl_close);
	return a;
}
