/* record.c: see record.h. */
#include "record.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sb.h"
#include "util.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Appends code point cp as UTF-8 (Go's \u and \U escapes). */
static int add_utf8(sb *b, unsigned long cp)
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	if (cp < 0x80) {
		sb_addc(b, (char)cp);
	} else if (cp < 0x800) {
		sb_addc(b, (char)(0xC0 | (cp >> 6)));
		sb_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		sb_addc(b, (char)(0xE0 | (cp >> 12)));
		sb_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		sb_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		sb_addc(b, (char)(0xF0 | (cp >> 18)));
		sb_addc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		sb_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		sb_addc(b, (char)(0x80 | (cp & 0x3F)));
	}
	return 0;
}

/* Reads n hex digits at s; -1 if any is not a hex digit. */
static long hexn(const char *s, size_t avail, int n)
{
	long v = 0;

	if ((size_t)n > avail)
		return -1;
	for (int i = 0; i < n; i++) {
		int d = hexval(s[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

long go_unquote(const char *s, size_t avail, arena *a, const char **out, size_t *outlen)
{
	sb b = SB_INIT;
	size_t i = 1;

	if (avail < 2 || s[0] != '"')
		return -1;
	while (i < avail && s[i] != '"') {
		char c = s[i];
		long v;

		if (c == '\n')
			goto bad;
		if (c != '\\') {
			sb_addc(&b, c);
			i++;
			continue;
		}
		if (++i >= avail)
			goto bad;
		c = s[i++];
		switch (c) {
		case 'a': sb_addc(&b, '\a'); break;
		case 'b': sb_addc(&b, '\b'); break;
		case 'f': sb_addc(&b, '\f'); break;
		case 'n': sb_addc(&b, '\n'); break;
		case 'r': sb_addc(&b, '\r'); break;
		case 't': sb_addc(&b, '\t'); break;
		case 'v': sb_addc(&b, '\v'); break;
		case '\\': sb_addc(&b, '\\'); break;
		case '"': sb_addc(&b, '"'); break;
		case '\'': sb_addc(&b, '\''); break;
		case 'x':
			if ((v = hexn(s + i, avail - i, 2)) < 0)
				goto bad;
			sb_addc(&b, (char)v);
			i += 2;
			break;
		case 'u':
		case 'U': {
			int n = c == 'u' ? 4 : 8;
			if ((v = hexn(s + i, avail - i, n)) < 0 || add_utf8(&b, (unsigned long)v) < 0)
				goto bad;
			i += (size_t)n;
			break;
		}
		default:
			if (c >= '0' && c <= '7' && i + 1 < avail) {
				/* Octal \NNN, which strconv.Quote never emits but Go accepts. */
				int d1 = s[i] - '0', d2 = s[i + 1] - '0';
				if (d1 < 0 || d1 > 7 || d2 < 0 || d2 > 7)
					goto bad;
				sb_addc(&b, (char)((c - '0') * 64 + d1 * 8 + d2));
				i += 2;
				break;
			}
			goto bad;
		}
	}
	if (i >= avail)
		goto bad;
	*outlen = b.len;
	*out = arena_strndup(a, sb_str(&b), b.len);
	sb_free(&b);
	return (long)(i + 1);
bad:
	sb_free(&b);
	return -1;
}

int record_next(const char *text, size_t *pos, int *line, arena *a, record *r)
{
	for (;;) {
		size_t p = *pos;
		const char *nl;
		size_t end;

		if (text[p] == '\0')
			return 0;
		nl = strchr(text + p, '\n');
		end = nl ? (size_t)(nl - text) : p + strlen(text + p);
		*pos = nl ? end + 1 : end;
		(*line)++;
		if (end == p)
			continue; /* blank line */

		r->line = *line;
		r->n = 0;
		while (p < end) {
			if (r->n == RECORD_MAX_FIELDS)
				return err_set("line %d: too many fields", *line);
			if (text[p] == '"') {
				long used = go_unquote(text + p, end - p, a, &r->f[r->n], &r->len[r->n]);
				if (used < 0)
					return err_set("line %d: malformed string", *line);
				p += (size_t)used;
			} else {
				size_t q = p;
				while (q < end && text[q] != ' ')
					q++;
				if (q == p)
					return err_set("line %d: empty field", *line);
				r->f[r->n] = arena_strndup(a, text + p, q - p);
				r->len[r->n] = q - p;
				p = q;
			}
			r->n++;
			if (p < end) {
				if (text[p] != ' ' || p + 1 == end)
					return err_set("line %d: fields must be separated by one space", *line);
				p++;
			}
		}
		return 1;
	}
}

int record_int(const record *r, int i, long long *out)
{
	char *end;

	if (i >= r->n)
		return err_set("line %d: missing field %d", r->line, i + 1);
	errno = 0;
	*out = strtoll(r->f[i], &end, 10);
	if (errno || end == r->f[i] || *end)
		return err_set("line %d: field %d is not a number: %s", r->line, i + 1, r->f[i]);
	return 0;
}
