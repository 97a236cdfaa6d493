/* res.c: lookup of the files built into the programs (see tools/embed.c). */
#include <string.h>

#include "bh_res.h"

const char *
bh_res(const char *name, size_t *len)
{
	const struct bh_resource *r;

	for (r = bh_resources; r->name; r++)
		if (strcmp(r->name, name) == 0) {
			if (len)
				*len = r->len;
			return r->data;
		}
	return NULL;
}
