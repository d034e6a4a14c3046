/*
 * util.h: process-wide helpers: fatal errors, checked allocation, files.
 *
 * Conventions: functions that can fail for reasons outside gopy return 0 or
 * -1 and leave a message in err_msg(); die() is for user-facing failures
 * (one line, exit status 1); BUG() is for broken invariants inside gopy.
 */
#ifndef GOPY_UTIL_H
#define GOPY_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define GOPY_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define GOPY_NORETURN __attribute__((noreturn))
#else
#define GOPY_PRINTF(a, b)
#define GOPY_NORETURN
#endif

/* Prints "gopy: MESSAGE" to stderr (progress and notes). */
void note(const char *fmt, ...) GOPY_PRINTF(1, 2);

/* Prints "gopy: MESSAGE" to stderr and exits with status 1. */
GOPY_NORETURN void die(const char *fmt, ...) GOPY_PRINTF(1, 2);

/* Reports a broken invariant with its source position and aborts. */
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
GOPY_NORETURN void bug_at(const char *file, int line, const char *fmt, ...)
	GOPY_PRINTF(3, 4);

/* Records the message for the last failure (see err_msg). Returns -1. */
int err_set(const char *fmt, ...) GOPY_PRINTF(1, 2);
/* The message recorded by the last err_set ("" if none). */
const char *err_msg(void);

/* Allocation that never returns NULL (dies on exhaustion). Caller frees. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A malloc'd formatted string. */
char *xasprintf(const char *fmt, ...) GOPY_PRINTF(1, 2);

/* Reads a whole file into a malloc'd NUL-terminated buffer; NULL + err. */
char *file_read(const char *path, size_t *len);
/* Writes len bytes to path (created or truncated); 0 or -1 + err. */
int file_write(const char *path, const char *data, size_t len);
/* 1 if path names an existing directory. */
int is_dir(const char *path);
/* mkdir -p; 0 or -1 + err. */
int mkdir_p(const char *path);
/* rm -rf; 0 or -1 + err. */
int remove_tree(const char *path);
/* Copies a regular file, preserving the mode bits; 0 or -1 + err. */
int file_copy(const char *from, const char *to);

/* 64-bit FNV-1a, for cache keys (not for security). */
unsigned long long hash_fnv1a(unsigned long long h, const void *data, size_t n);
#define HASH_FNV1A_INIT 0xcbf29ce484222325ULL

#endif
