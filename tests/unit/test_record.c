/* test_record.c: the record lexer and Go string unquoting. */
#include "record.h"
#include "unit.h"
#include "util.h"

static void check_unquote(const char *in, const char *want, size_t wantlen)
{
	arena a = {0};
	const char *out = NULL;
	size_t len = 0;
	long used = go_unquote(in, strlen(in), &a, &out, &len);

	CHECK(used == (long)strlen(in));
	CHECK(out && len == wantlen && memcmp(out, want, wantlen) == 0);
	arena_free(&a);
}

static void check_bad(const char *in)
{
	arena a = {0};
	const char *out;
	size_t len;

	CHECK(go_unquote(in, strlen(in), &a, &out, &len) == -1);
	arena_free(&a);
}

void suite_record(void)
{
	check_unquote("\"plain\"", "plain", 5);
	check_unquote("\"\"", "", 0);
	check_unquote("\"a\\tb\\nc\\\\d\\\"e\"", "a\tb\nc\\d\"e", 9);
	check_unquote("\"\\x00\\xff\"", "\0\xff", 2);         /* arbitrary bytes */
	check_unquote("\"\\u00e9\"", "\xc3\xa9", 2);          /* é */
	check_unquote("\"\\U0001F600\"", "\xf0\x9f\x98\x80", 4);
	check_unquote("\"\\a\\b\\f\\r\\v\"", "\a\b\f\r\v", 5);
	check_unquote("\"\\101\"", "A", 1);                   /* octal */
	check_bad("\"unterminated");
	check_bad("\"bad \\q escape\"");
	check_bad("\"\\xZZ\"");
	check_bad("\"\\uD800\"");                               /* surrogate */
	check_bad("noquote");

	arena a = {0};
	record r;
	size_t pos = 0;
	int line = 0;
	const char *text = "type 3 basic \"a b\" 1 int\n\nfield \"X\" 2\nbad  double\nx \"open\n";

	CHECK(record_next(text, &pos, &line, &a, &r) == 1);
	CHECK(r.n == 6 && r.line == 1);
	CHECK_STR(r.f[0], "type");
	CHECK_STR(r.f[3], "a b");
	long long v;
	CHECK(record_int(&r, 1, &v) == 0 && v == 3);
	CHECK(record_int(&r, 2, &v) == -1);   /* not a number */
	CHECK(record_int(&r, 9, &v) == -1);   /* no such field */

	CHECK(record_next(text, &pos, &line, &a, &r) == 1); /* blank line skipped */
	CHECK(r.n == 3 && r.line == 3);

	CHECK(record_next(text, &pos, &line, &a, &r) == -1); /* two spaces */
	CHECK(strstr(err_msg(), "line 4") != NULL);
	CHECK(record_next(text, &pos, &line, &a, &r) == -1); /* unterminated string */
	CHECK(record_next(text, &pos, &line, &a, &r) == 0);  /* end */
	arena_free(&a);
}
