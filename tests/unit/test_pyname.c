/* test_pyname.c: Python names for Go identifiers. */
#include "pyname.h"
#include "unit.h"

void suite_pyname(void)
{
	arena a = {0};
	model_param params[] = {{"from", 1}, {"from_", 1}, {"", 1}, {"_", 1}, {"x", 1}, {"None", 1}};
	model_type sig = {.kind = TK_SIGNATURE, .params = params, .nparams = 6};
	const char **names = pyname_params(&a, &sig);

	CHECK(pyname_is_keyword("lambda"));
	CHECK(pyname_is_keyword("None"));
	CHECK(!pyname_is_keyword("len"));
	CHECK(!pyname_is_keyword("match")); /* soft keywords are valid names */
	CHECK_STR(pyname_ident(&a, "Add"), "Add");
	CHECK_STR(pyname_ident(&a, "True"), "True_");

	CHECK_STR(names[0], "from_");
	CHECK_STR(names[1], "from_2");   /* renamed keyword met a real name */
	CHECK_STR(names[2], "arg2");     /* unnamed */
	CHECK_STR(names[3], "arg3");     /* blank */
	CHECK_STR(names[4], "x");
	CHECK_STR(names[5], "None_");
	arena_free(&a);
}
