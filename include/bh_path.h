/* bh_path.h: what an entry name says, without ever using it as a path. */
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
/* A copy of a name fit for messages: control bytes become '?'. Caller frees. */
char *bh_clean_name(const char *name);

#endif
