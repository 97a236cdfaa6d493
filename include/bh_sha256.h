/* bh_sha256.h: SHA-256 (OpenSSL's libcrypto) as lowercase hex, for what is
 * stored or compared across runs and machines (input files, the lexicon and
 * review file named in settings.csv, the files of an output folder). */
#ifndef BH_SHA256_H
#define BH_SHA256_H
#include <stddef.h>

#define BH_SHA256_HEX 65	/* 64 hex digits and the NUL */

/* The hash of N bytes at P into HEX. */
void bh_sha256_hex(const void *p, size_t n, char hex[BH_SHA256_HEX]);
/* The hash of the file PATH into HEX: 0, or -1 with errno. */
int bh_sha256_file(const char *path, char hex[BH_SHA256_HEX]);
/* The hash of what is left to read of FD (not closed) into HEX: 0, or -1 with errno. */
int bh_sha256_fd(int fd, char hex[BH_SHA256_HEX]);

#endif
