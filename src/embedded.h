/*
 * embedded.h: files that ship inside the gopy binary so that one file is
 * the whole install: the runtime (runtime/) copied into every generated
 * module, and the inspector's Go source (inspect/), built on first use.
 * The table is generated at build time by tools/embed.c (build/embedded.c).
 */
#ifndef GOPY_EMBEDDED_H
#define GOPY_EMBEDDED_H

#include <stddef.h>

typedef struct embedded_file {
	const char *path;           /* repository-relative: "runtime/capi/gopy_rt.c" */
	const unsigned char *data;
	size_t len;
} embedded_file;

/* Terminated by an entry whose path is NULL. Static, never freed. */
extern const embedded_file embedded_files[];

/*
 * Writes every embedded file whose path starts with prefix ("runtime/")
 * into dir, without the prefix. Returns 0, or -1 with err_msg().
 * (src/embedded_files.c)
 */
int embedded_extract(const char *prefix, const char *dir);

/* Folds the contents of the files under prefix into an FNV-1a hash. */
unsigned long long embedded_hash(const char *prefix, unsigned long long h);

#endif
