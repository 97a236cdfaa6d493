/* bh_path.h: what an entry name says, without ever using it as a path; and
 * paths of our own (resolved, joined). */
#ifndef BH_PATH_H
#define BH_PATH_H
#include <stddef.h>

enum bh_entry_kind { BH_E_OTHER, BH_E_RECORDS, BH_E_ARCHIVE, BH_E_MEDIA, BH_E_ENCRYPTED };

/* By name alone: record file, archive, media file (z<msgId>_… or a picture,
 * video, voice or document extension), encrypted PC backup (*.zl.zip, *.zl). */
enum bh_entry_kind bh_entry_kind(const char *name);
/* The backup owner's uid a path names: the all-digit folder just above
 * "ZaloDownloads", else <uid> of a "<uid>_zmessage.zdb" file name; else NULL.
 * Writes into buf (size n). */
const char *bh_owner_of(const char *path, char *buf, size_t n);
/* The msgId of a media file named z<msgId>_…, into buf; NULL when not so named. */
const char *bh_media_msgid(const char *path, char *buf, size_t n);
/* 1 when a media path lies in a PC backup's folder of a private chat
 * (ZaloDownloads/<kind>/<thread>/…, the thread folder not "…_group"): such a
 * file is part of a private chat and is never catalogued. */
int bh_media_private(const char *path);
/* Names from the outside (file and entry names, which may be any bytes) as
 * valid UTF-8 without control characters: each byte of an invalid sequence,
 * and of a control character (C0, DEL, C1), becomes "\xHH". bh_name_store is
 * lossless (a "\x" that was in the name becomes "\x5Cx"): what binhyen
 * stores. bh_name_show leaves an escaped name as it is: what binhyen shows and
 * writes. bh_clean_name: bh_name_store, "(no name)" for NULL. Callers free. */
char *bh_name_store(const char *name);
char *bh_name_show(const char *name);
char *bh_clean_name(const char *name);
/* 1 when name is valid UTF-8 without control characters (shown as it is). */
int bh_name_clean(const char *name);

/* PATH absolute, with the symbolic links and ".." of the part that exists
 * resolved as the system would, and the rest (not yet made) cleaned of "."
 * and "..". NULL with errno when it cannot be (a loop, no permission). Caller frees. */
char *bh_path_resolve(const char *path);
/* 1 when resolved path A is resolved path B or inside it. */
int bh_path_within(const char *a, const char *b);
/* "DIR/NAME", for the files of an output folder. Caller frees. */
char *bh_path_join(const char *dir, const char *name);

#endif
