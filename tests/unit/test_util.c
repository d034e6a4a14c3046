/* test_util.c: files, directories and hashing. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "util.h"

void suite_util(void)
{
	char tmpl[] = "/tmp/gopy-unit-XXXXXX";
	char *dir = mkdtemp(tmpl);
	size_t len;

	CHECK(dir != NULL);
	if (!dir)
		return;
	char *deep = xasprintf("%s/a/b/c", dir);
	CHECK(mkdir_p(deep) == 0);
	CHECK(is_dir(deep));
	CHECK(mkdir_p(deep) == 0); /* existing is fine */

	char *f = xasprintf("%s/file", deep);
	CHECK(file_write(f, "hello\0world", 11) == 0);
	chmod(f, 0755);
	char *g = xasprintf("%s/copy", dir);
	CHECK(file_copy(f, g) == 0);
	char *data = file_read(g, &len);
	CHECK(data && len == 11 && memcmp(data, "hello\0world", 11) == 0);
	struct stat st;
	CHECK(stat(g, &st) == 0 && (st.st_mode & 0777) == 0755);
	free(data);

	CHECK(file_read("/nonexistent/gopy", &len) == NULL);
	CHECK(strstr(err_msg(), "/nonexistent/gopy") != NULL);

	CHECK(remove_tree(dir) == 0);
	CHECK(!is_dir(dir));
	CHECK(remove_tree(dir) == 0); /* already gone is fine */

	/* FNV-1a reference values. */
	CHECK(hash_fnv1a(HASH_FNV1A_INIT, "", 0) == 0xcbf29ce484222325ULL);
	CHECK(hash_fnv1a(HASH_FNV1A_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL);

	char *s = xasprintf("%s-%d", "x", 7);
	CHECK_STR(s, "x-7");
	free(s), free(deep), free(f), free(g);
}
