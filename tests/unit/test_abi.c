/* test_abi.c: runtime/gopy_abi.h is the one description of the ABI records;
 * the cffi module's CDEF declares them with the header's own text. */
#include <ctype.h>
#include <stdlib.h>

#include "cffi/cffi.h"
#include "embedded.h"
#include "unit.h"

#define BEGIN "/* cffi cdef: begin */"
#define END "/* cffi cdef: end */"

static const char *abi_header(void)
{
	for (const embedded_file *f = embedded_files; f->path; f++)
		if (!strcmp(f->path, "runtime/gopy_abi.h"))
			return (const char *)f->data;
	return NULL;
}

/* [s, end) without comments and whitespace: the tokens, run together. */
static char *squeeze(const char *s, const char *end)
{
	sb b = SB_INIT;

	while (s < end) {
		if (!strncmp(s, "/*", 2)) {
			const char *close = strstr(s + 2, "*/");
			s = close ? close + 2 : end;
		} else if (isspace((unsigned char)*s)) {
			s++;
		} else {
			sb_addc(&b, *s++);
		}
	}
	sb_addc(&b, '\0');
	return sb_steal(&b);
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (; (s = strstr(s, what)) != NULL; s += strlen(what))
		n++;
	return n;
}

void suite_abi(void)
{
	const char *h = abi_header();
	const char *begin = h ? strstr(h, BEGIN) : NULL;
	const char *end = begin ? strstr(begin, END) : NULL;
	sb cdef = SB_INIT;

	CHECK(end != NULL);
	if (!end)
		return;
	cffi_abi_cdef(&cdef);

	/* The cdef is the header's block, token for token, one declaration a
	 * line, and each of the header's records is in it. */
	char *want = squeeze(begin + strlen(BEGIN), end);
	char *got = squeeze(cdef.buf, cdef.buf + cdef.len);
	CHECK_STR(got, want);
	free(want), free(got);
	CHECK(strstr(sb_str(&cdef), "typedef struct gopy_str { char *p; size_t n; } gopy_str;\n") != NULL);
	CHECK(count(sb_str(&cdef), "\n") == count(sb_str(&cdef), ";\n"));
	/* A typedef outside the block would be a record cffi does not know. */
	CHECK(count(h, "\ntypedef ") == count(sb_str(&cdef), "typedef "));
	CHECK(count(sb_str(&cdef), "typedef ") == 6); /* str, seq, fail, fail_addr, val, pyapi */

	/* cffi_build.py declares the records once, with that text. */
	model *m = model_load(unit_sample_records);
	plan *p = m ? support_check(m, "calc") : NULL;
	sb py = SB_INIT;
	CHECK(p != NULL);
	if (p) {
		emit_cffi(p, &py);
		CHECK(strstr(sb_str(&py), sb_str(&cdef)) != NULL);
		CHECK(count(sb_str(&py), "gopy_str;") == 1);
		CHECK(count(sb_str(&py), "} gopy_fail;") == 1);
	}
	sb_free(&py), sb_free(&cdef);
	model_free(m);
}
