/*
 * src/cffi/abi_cdef.c: the cffi module's declarations of the ABI records,
 * read from runtime/gopy_abi.h (embedded), the one description of what
 * crosses between the generated C and Go. See cffi.h: cffi_abi_cdef.
 */
#include "cffi.h"

#include <stdbool.h>
#include <string.h>

#include "embedded.h"
#include "util.h"

#define ABI_HEADER "runtime/gopy_abi.h"
#define BEGIN "/* cffi cdef: begin */"
#define END "/* cffi cdef: end */"

/* Appends the C text [s, end) without comments, each top-level
 * declaration on one line with its whitespace collapsed. */
static void add_declarations(sb *out, const char *s, const char *end)
{
	bool space = false, line_start = true;
	int depth = 0;

	while (s < end) {
		if (s[0] == '/' && s + 1 < end && s[1] == '*') {
			const char *close = strstr(s + 2, "*/");
			s = close ? close + 2 : end;
			space = true;
			continue;
		}
		if (strchr(" \t\n", *s)) {
			space = true;
			s++;
			continue;
		}
		if (space && !line_start)
			sb_addc(out, ' ');
		space = false, line_start = false;
		depth += (*s == '{') - (*s == '}');
		sb_addc(out, *s);
		if (*s++ == ';' && depth == 0) {
			sb_addc(out, '\n');
			line_start = true;
		}
	}
}

void cffi_abi_cdef(sb *out)
{
	for (const embedded_file *f = embedded_files; f->path; f++) {
		if (strcmp(f->path, ABI_HEADER) != 0)
			continue;
		const char *text = (const char *)f->data;
		const char *begin = strstr(text, BEGIN);
		const char *end = begin ? strstr(begin, END) : NULL;
		if (!end)
			BUG("%s lacks the markers %s and %s", ABI_HEADER, BEGIN, END);
		add_declarations(out, begin + strlen(BEGIN), end);
		return;
	}
	BUG("%s is not embedded", ABI_HEADER);
}
