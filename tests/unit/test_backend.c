/* test_backend.c: the list of backends and what the command line shows of it. */
#include <stdlib.h>

#include "backend.h"
#include "unit.h"

void suite_backend(void)
{
	pyinfo cpython = {.impl = "cpython"}, pypy = {.impl = "pypy"}, none = {0};
	sb b = SB_INIT;

	CHECK(backend_find("capi") && !strcmp(backend_find("capi")->title, "C-API"));
	CHECK(backend_find("cffi") && !strcmp(backend_find("cffi")->runtime, "runtime/cffi/"));
	CHECK(backend_find("ctypes") == NULL);
	CHECK(backend_default(&cpython) == backend_find("capi"));
	CHECK(backend_default(&none) == backend_find("capi"));
	CHECK(backend_default(&pypy) == backend_find("cffi"));

	backend_names(&b);
	CHECK_STR(sb_str(&b), "capi or cffi");
	sb_reset(&b);
	backend_help(&b, false);
	CHECK_STR(sb_str(&b), "capi (the CPython C-API) or cffi (default: cffi on PyPy, else capi)");
	sb_reset(&b);
	backend_help(&b, true);
	CHECK_STR(sb_str(&b), "capi (module.c, the default) or cffi (cffi_build.py and NAME.py)");

	/* Every backend is complete and has its own runtime folder. */
	for (const backend *const *x = backends; *x; x++) {
		CHECK((*x)->generate && (*x)->python_files && (*x)->library && (*x)->install &&
		      (*x)->installed && (*x)->title && (*x)->gen_help);
		CHECK(!(*x)->default_when || (*x)->is_default);
		CHECK(!strncmp((*x)->runtime, "runtime/", 8) && (*x)->runtime[strlen((*x)->runtime) - 1] == '/');
	}
	sb_free(&b);
}
