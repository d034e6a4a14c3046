/* sb.c: see sb.h. */
#include "sb.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sb_grow(sb *b, size_t more)
{
	if (b->cap - b->len > more)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap - b->len <= more)
		cap *= 2;
	b->buf = xrealloc(b->buf, cap);
	b->cap = cap;
}

void sb_addn(sb *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void sb_add(sb *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

void sb_addc(sb *b, char c)
{
	sb_addn(b, &c, 1);
}

void sb_vprintf(sb *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	char probe[1];

	va_copy(ap2, ap);
	n = vsnprintf(probe, sizeof probe, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		BUG("bad format %s", fmt);
	sb_grow(b, (size_t)n);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sb_printf(sb *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

/*
 * The one escaper, with its two renderings. Both name \\, ", \n, \t and
 * \r; C writes other control bytes and every non-ASCII one in octal (not
 * hex: a hex escape would swallow a following hex digit), Python writes
 * control bytes as \xNN and lets UTF-8 through (its sources are UTF-8).
 */
static void add_escaped(sb *b, const char *s, size_t n, bool python)
{
	for (const unsigned char *p = (const unsigned char *)s; p < (const unsigned char *)s + n; p++) {
		switch (*p) {
		case '\\': sb_add(b, "\\\\"); break;
		case '"': sb_add(b, "\\\""); break;
		case '\n': sb_add(b, "\\n"); break;
		case '\t': sb_add(b, "\\t"); break;
		case '\r': sb_add(b, "\\r"); break;
		default:
			if (python && (*p < 0x20 || *p == 0x7f))
				sb_printf(b, "\\x%02x", *p);
			else if (!python && (*p < 0x20 || *p >= 0x7f))
				sb_printf(b, "\\%03o", *p);
			else
				sb_addc(b, (char)*p);
		}
	}
}

void sb_add_cescaped(sb *b, const char *s)
{
	add_escaped(b, s, strlen(s), false);
}

void sb_add_cescapedn(sb *b, const char *s, size_t n)
{
	add_escaped(b, s, n, false);
}

void sb_add_pyescaped(sb *b, const char *s)
{
	add_escaped(b, s, strlen(s), true);
}

const char *sb_str(sb *b)
{
	return b->buf ? b->buf : "";
}

void sb_reset(sb *b)
{
	b->len = 0;
	if (b->buf)
		b->buf[0] = '\0';
}

char *sb_steal(sb *b)
{
	char *p = b->buf ? b->buf : xstrdup("");

	b->buf = NULL;
	b->len = b->cap = 0;
	return p;
}

void sb_free(sb *b)
{
	free(b->buf);
	b->buf = NULL;
	b->len = b->cap = 0;
}
