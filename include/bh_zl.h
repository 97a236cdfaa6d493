/* bh_zl.h: Zalo PC backups (*.zl.zip): a TAR encrypted with AES-256-CBC, read
 * as a stream straight into libarchive; nothing decrypted touches the disk.
 * The key is SHA-256 of the account's dkey; the caller wipes bh_zl_key with
 * bh_zl_key_wipe. A reader from bh_zl_open is freed with archive_read_free. */
#ifndef BH_ZL_H
#define BH_ZL_H
#include <archive.h>

enum bh_iv_rule { BH_IV_AUTO, BH_IV_ZERO, BH_IV_ZIE };

struct bh_zl_key {
	unsigned char key[32];
	char dkey13[14];	/* the first 13 characters of the dkey, for the "zie" IV */
	int loaded;
};

/* Reads the dkey from FILE (never from the command line). 0, or -1 after
 * saying what is wrong (without the key). */
int bh_zl_load(struct bh_zl_key *k, const char *file);
void bh_zl_key_wipe(struct bh_zl_key *k);
/* The IV for a file name: two or more suffixes (backup.zl.zip) "zie" + dkey[0..13),
 * one suffix 16 zero bytes; rule forces one. */
void bh_zl_iv(const struct bh_zl_key *k, const char *name, enum bh_iv_rule rule, unsigned char iv[16]);

enum { BH_ZL_OK, BH_ZL_WRONG_KEY, BH_ZL_WRONG_IV, BH_ZL_SHORT, BH_ZL_IOERR };
/* Decrypts the first TAR header and checks its magic and checksum. */
int bh_zl_check(const char *path, const struct bh_zl_key *k, const unsigned char iv[16]);
/* A libarchive reader (all formats, all filters) over the decrypted stream,
 * or NULL (errno set) when the file cannot be opened. */
struct archive *bh_zl_open(const char *path, const struct bh_zl_key *k, const unsigned char iv[16]);
/* Is this 512-byte block a valid TAR header (magic and checksum)? */
int bh_tar_header_ok(const unsigned char *b, int *magic_ok);

#endif
