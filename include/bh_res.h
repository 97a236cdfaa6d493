/* bh_res.h: files of sql/, plots/ and data/ built into every program. */
#ifndef BH_RES_H
#define BH_RES_H
#include <stddef.h>

struct bh_resource {
	const char *name;	/* path in the source tree, e.g. "sql/schema.sql" */
	const char *data;	/* NUL-terminated; owned by the program image */
	size_t len;
};
extern const struct bh_resource bh_resources[];

/* The text of a built-in file, or NULL. Never freed. */
const char *bh_res(const char *name, size_t *len);

#endif
