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
	const char *path;           /* repository-relative: "runtime/gopy_rt.c" */
	const unsigned char *data;
	size_t len;
} embedded_file;

/* Terminated by an entry whose path is NULL. Static, never freed. */
extern const embedded_file embedded_files[];

#endif
