/* test_sb.c: the string builder and escaping. */
#include <stdlib.h>

#include "sb.h"
#include "unit.h"

void suite_sb(void)
{
	sb b = SB_INIT;

	CHECK_STR(sb_str(&b), "");
	sb_add(&b, "abc");
	sb_addc(&b, '-');
	sb_printf(&b, "%d/%s", 42, "x");
	CHECK_STR(sb_str(&b), "abc-42/x");
	CHECK(b.len == 8);

	/* Growth past the initial capacity keeps the contents. */
	sb_reset(&b);
	for (int i = 0; i < 1000; i++)
		sb_addc(&b, (char)('a' + i % 26));
	CHECK(b.len == 1000 && b.buf[999] == 'a' + 999 % 26 && b.buf[1000] == '\0');

	/* C escaping: octal for control and non-ASCII bytes, so a following
	 * hex digit is never swallowed. */
	sb_reset(&b);
	sb_add_cescaped(&b, "a\"b\\c\n\t\x01" "7\xc3\xa9");
	CHECK_STR(sb_str(&b), "a\\\"b\\\\c\\n\\t\\0017\\303\\251");

	/* Python escaping keeps UTF-8 as it is. */
	sb_reset(&b);
	sb_add_pyescaped(&b, "\"\xc3\xa9\\\n");
	CHECK_STR(sb_str(&b), "\\\"\xc3\xa9\\\\\\n");

	char *s = sb_steal(&b);
	CHECK(b.buf == NULL && b.len == 0);
	free(s);
	sb_free(&b);
}
