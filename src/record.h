/*
 * record.h: the lexer for the inspector's record lines (docs/records.md):
 * space-separated fields, each a bare token or a Go-quoted string.
 */
#ifndef GOPY_RECORD_H
#define GOPY_RECORD_H

#include <stddef.h>

#include "arena.h"

#define RECORD_MAX_FIELDS 16

typedef struct record {
	int line;                           /* 1-based line number */
	int n;                              /* number of fields, keyword included */
	const char *f[RECORD_MAX_FIELDS];   /* unquoted, NUL-terminated, arena-owned */
	size_t len[RECORD_MAX_FIELDS];      /* byte lengths (strings may hold NULs) */
} record;

/*
 * Reads the record starting at *pos in text and advances *pos past its
 * line. Returns 1 for a record, 0 at the end of text, -1 on a malformed
 * line (message in err_msg). Blank lines are skipped.
 */
int record_next(const char *text, size_t *pos, int *line, arena *a, record *r);

/*
 * Decodes the Go double-quoted string at s (s[0] == '"'). On success
 * stores the bytes (arena-owned, NUL-terminated) and returns the number of
 * input bytes consumed, quotes included; returns -1 on a malformed string.
 */
long go_unquote(const char *s, size_t avail, arena *a, const char **out, size_t *outlen);

/* Parses a decimal field as a long long; 0 or -1 (+ err) if not a number. */
int record_int(const record *r, int i, long long *out);

#endif
