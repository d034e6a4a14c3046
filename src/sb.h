/*
 * sb.h: a growable string builder, the one way gopy assembles text
 * (generated sources, messages, command lines).
 *
 * An sb owns its buffer (malloc); sb_free releases it, sb_steal hands it to
 * the caller. buf is always NUL-terminated once anything was appended.
 */
#ifndef GOPY_SB_H
#define GOPY_SB_H

#include <stddef.h>

#include "util.h"

typedef struct sb {
	char *buf;
	size_t len, cap;
} sb;

#define SB_INIT {NULL, 0, 0}

void sb_add(sb *b, const char *s);
void sb_addn(sb *b, const char *s, size_t n);
void sb_addc(sb *b, char c);
void sb_printf(sb *b, const char *fmt, ...) GOPY_PRINTF(2, 3);
void sb_vprintf(sb *b, const char *fmt, va_list ap);
/* Appends s as a C string literal body (no quotes): escapes \, ", control
 * and non-ASCII bytes, so any bytes survive a C compiler. */
void sb_add_cescaped(sb *b, const char *s);
/* The same for n bytes that may include NUL (a Go string constant). */
void sb_add_cescapedn(sb *b, const char *s, size_t n);
/* Appends s as a Python string literal body for "...": escapes \, " and
 * control bytes; UTF-8 passes through. */
void sb_add_pyescaped(sb *b, const char *s);
/* The contents ("" when empty); owned by b. */
const char *sb_str(sb *b);
void sb_reset(sb *b);
/* Returns the malloc'd buffer (caller frees) and resets b. */
char *sb_steal(sb *b);
void sb_free(sb *b);

#endif
