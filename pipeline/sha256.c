/* sha256.c: SHA-256 as hex, through libcrypto's EVP interface: the one
 * digest-to-hex of binhyen (sources, the lexicon, the output folder's seal). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <openssl/evp.h>

#include "bh_err.h"
#include "bh_sha256.h"

static void
to_hex(const unsigned char h[32], char hex[BH_SHA256_HEX])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[h[i] >> 4];
		hex[2 * i + 1] = digits[h[i] & 15];
	}
	hex[64] = '\0';
}

void
bh_sha256_hex(const void *p, size_t n, char hex[BH_SHA256_HEX])
{
	unsigned char h[32];
	unsigned int hl = 0;

	if (!EVP_Digest(p, n, h, &hl, EVP_sha256(), NULL) || hl != 32)
		bh_die(_("SHA-256 failed (libcrypto)"));
	to_hex(h, hex);
}

int
bh_sha256_fd(int fd, char hex[BH_SHA256_HEX])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char buf[65536], h[32];
	unsigned int hl = 0;
	ssize_t n;
	int e;

	if (!md)
		bh_die(_("out of memory"));
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		EVP_DigestUpdate(md, buf, (size_t)n);
	e = errno;
	EVP_DigestFinal_ex(md, h, &hl);
	EVP_MD_CTX_free(md);
	if (n < 0) {
		errno = e;
		return -1;
	}
	to_hex(h, hex);
	return 0;
}

int
bh_sha256_file(const char *path, char hex[BH_SHA256_HEX])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc, e;

	if (fd < 0)
		return -1;
	rc = bh_sha256_fd(fd, hex);
	e = errno;
	close(fd);
	errno = e;
	return rc;
}
