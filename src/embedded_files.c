/* embedded_files.c: helpers over the embedded file table; see embedded.h. */
#include "embedded.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

int embedded_extract(const char *prefix, const char *dir)
{
	size_t n = strlen(prefix);

	for (const embedded_file *f = embedded_files; f->path; f++) {
		if (strncmp(f->path, prefix, n) != 0)
			continue;
		char *path = xasprintf("%s/%s", dir, f->path + n);
		int rc = file_write(path, (const char *)f->data, f->len);
		free(path);
		if (rc != 0)
			return -1;
	}
	return 0;
}

unsigned long long embedded_hash(const char *prefix, unsigned long long h)
{
	size_t n = strlen(prefix);

	for (const embedded_file *f = embedded_files; f->path; f++) {
		if (strncmp(f->path, prefix, n) != 0)
			continue;
		h = hash_fnv1a(h, f->path, strlen(f->path) + 1);
		h = hash_fnv1a(h, f->data, f->len);
	}
	return h;
}
