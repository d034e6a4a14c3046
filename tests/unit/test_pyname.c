/* test_pyname.c: Python names for Go identifiers. */
#include "pyname.h"
#include "unit.h"

static void test_keywords(arena *a)
{
	CHECK(pyname_is_keyword("lambda"));
	CHECK(pyname_is_keyword("None"));
	CHECK(!pyname_is_keyword("len"));
	CHECK(!pyname_is_keyword("match")); /* soft keywords are valid names */
	CHECK_STR(pyname_ident(a, "Add"), "Add");
	CHECK_STR(pyname_ident(a, "True"), "True_");
}

static void test_params(arena *a)
{
	model_param params[] = {{"from", 1}, {"from_", 1}, {"", 1}, {"_", 1}, {"x", 1}, {"None", 1},
				{"self", 1}, {"_rt", 1}, {"_h_self", 1}, {"arg_x", 1}, {"_x", 1}};
	model_type sig = {.kind = TK_SIGNATURE, .params = params, .nparams = 11};
	const char **fn = pyname_params(a, &sig, false);
	const char **m = pyname_params(a, &sig, true);

	CHECK_STR(fn[0], "from_2");   /* renamed, and Go's from_ keeps its name */
	CHECK_STR(fn[1], "from_");
	CHECK_STR(fn[2], "arg2");     /* unnamed */
	CHECK_STR(fn[3], "arg3");     /* blank */
	CHECK_STR(fn[4], "x");
	CHECK_STR(fn[5], "None_");
	CHECK_STR(fn[6], "self");     /* a function has no receiver */
	CHECK_STR(fn[7], "arg_rt");   /* no parameter begins with an underscore */
	CHECK_STR(fn[8], "arg_h_self");
	CHECK_STR(fn[9], "arg_x");
	CHECK_STR(fn[10], "arg_x2");  /* renamed into a Go name: numbered */
	CHECK_STR(m[6], "self_");     /* the receiver keeps self */
	CHECK_STR(m[7], "arg_rt");
}

static void test_scopes(arena *a)
{
	const char *go[] = {"True", "True_", "None", "None_2", "None_", "X"};
	const char *reserved[] = {"None_", NULL};
	const char *go2[] = {"None"};
	const char **py = pyname_scope(a, PYNAME_DECLS, go, 6, NULL);
	const char **py2 = pyname_scope(a, PYNAME_DECLS, go2, 1, reserved);
	const char *self_param[] = {"self", "self_"};
	static const char *const receiver[] = {"self", NULL};
	const char **m = pyname_scope(a, PYNAME_METHOD_PARAMS, self_param, 2, receiver);
	const char *under[] = {"_h"};
	const char **decl = pyname_scope(a, PYNAME_DECLS, under, 1, NULL);

	CHECK_STR(py[0], "True_2");
	CHECK_STR(py[1], "True_");
	CHECK_STR(py[2], "None_3");   /* None_ and None_2 are Go's */
	CHECK_STR(py[3], "None_2");
	CHECK_STR(py[4], "None_");
	CHECK_STR(py[5], "X");
	CHECK_STR(py2[0], "None_2");  /* None_ is reserved */
	CHECK_STR(m[0], "self_2");
	CHECK_STR(m[1], "self_");
	CHECK_STR(decl[0], "_h");     /* the parameter rules are for parameters */
}

void suite_pyname(void)
{
	arena a = {0};

	test_keywords(&a);
	test_params(&a);
	test_scopes(&a);
	arena_free(&a);
}
