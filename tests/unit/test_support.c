/* test_support.c: the support rules and the binding plan. */
#include <stdlib.h>

#include "support.h"
#include "capi/conv_capi.h"
#include "cffi/conv_cffi.h"
#include "unit.h"
#include "util.h"

static const model_decl *find(const model *m, const char *name)
{
	for (int i = 0; i < m->ndecls; i++)
		if (!strcmp(m->decls[i].name, name))
			return &m->decls[i];
	return NULL;
}

static const plan_func *find_func(const plan *p, const char *name)
{
	for (int i = 0; i < p->nfuncs; i++)
		if (!strcmp(p->funcs[i].decl->name, name))
			return &p->funcs[i];
	return NULL;
}

void suite_support(void)
{
	model *m = model_load(unit_sample_records);
	plan *p;

	CHECK(m != NULL);
	if (!m)
		return;
	p = support_check(m, "calc");
	CHECK(p != NULL);
	if (!p) {
		model_free(m);
		return;
	}
	CHECK(p->nfuncs == 4);   /* Add, Div, Join, Unnamed */
	CHECK(p->nclasses == 1); /* Point, with its method Sum */
	CHECK(p->nskips == 1);   /* Send */
	CHECK(p->nconsts == 1 && p->consts[0].cls == NULL); /* Pi: untyped, a plain float */
	CHECK(p->classes[0].nmethods == 1 && p->classes[0].nfields == 1); /* y is unexported */
	CHECK(p->classes[0].kind == CLASS_STRUCT && p->classes[0].comparable);
	CHECK(p->class_of[12] == &p->classes[0]);

	const plan_func *add = find_func(p, "Add");
	CHECK(add && add->nparams == 2 && add->nresults == 1 && !add->returns_error);
	CHECK(add && add->params[0].cv->kind == CK_INT);

	const plan_func *div = find_func(p, "Div");
	CHECK(div && div->returns_error && div->nresults == 1);

	const plan_func *join = find_func(p, "Join");
	CHECK(join && join->variadic && join->nparams == 2);
	CHECK(join && !strcmp(join->params[1].pyname, "from_"));
	CHECK(join && join->params[1].type == 2); /* the element type of ...int */

	const plan_func *un = find_func(p, "Unnamed");
	CHECK(un && !strcmp(un->params[0].pyname, "arg0") && !strcmp(un->params[1].pyname, "arg1"));

	const model_decl *send = find(m, "Send");
	CHECK(send && !send->bound);
	CHECK_STR(p->skips[0], "skipped: calc.Send (calc.go:30): parameter 1 (ch): channel type chan int is not supported yet");
	CHECK(find(m, "Sum")->bound && find(m, "Point")->bound);

	/* Struct values cross as handles; pointers to them too, nil as None. */
	const conv *pv = convtab_for(p, 12);
	CHECK(pv && pv->kind == CK_STRUCT && !strcmp(pv->go.in, "gopyValue[calc.Point](%s)"));
	CHECK(pv && !strcmp(capi_conv_of(p, pv).from_py, "to_Point") && capi_conv_of(p, pv).to_py_module);
	CHECK(pv && !strcmp(cffi_conv_of(p, pv).from, "_from_Point(%s)") && pv->go.ref_out);
	CHECK(convtab_for(p, 9) == NULL); /* chan int */
	model_free(m);

	/* A main package cannot be bound at all. */
	m = model_load("gopy-inspect 1\npackage \"example.com/cmd\" \"main\" \"/cmd\" \"go1\"\n");
	CHECK(m && support_check(m, "cmd") == NULL);
	CHECK(strstr(err_msg(), "main package") != NULL);
	model_free(m);

	/* Nor can unsafe, whose declarations are compiler built-ins. */
	m = model_load("gopy-inspect 1\npackage \"unsafe\" \"unsafe\" \"\" \"go1\"\n");
	CHECK(m && support_check(m, "unsafe") == NULL);
	CHECK(strstr(err_msg(), "package unsafe cannot be bound") != NULL);
	model_free(m);

	/* Generic functions and names gopy reserves are skipped with reasons. */
	m = model_load("gopy-inspect 1\npackage \"p\" \"p\" \"/p\" \"go1\"\n"
		       "type 1 signature \"func()\" 0 0 0 0\n"
		       "func \"GoError\" 1 0 \"p.go:1\"\nfunc \"Map\" 1 1 \"p.go:2\"\n");
	CHECK(m != NULL);
	if (m) {
		p = support_check(m, "p");
		CHECK(p && p->nfuncs == 0 && p->nskips == 2);
		CHECK(strstr(m->decls[0].skip, "reserved") != NULL);
		CHECK(strstr(m->decls[1].skip, "generic") != NULL);
		model_free(m);
	}

	/* Several packages: each is a submodule holding its own API, and
	 * two functions of one name get distinct symbols. */
	m = model_load("gopy-inspect 1\npackage \"ex/a\" \"a\" \"/a\" \"go1\"\n"
		       "import a \"ex/a\" \"a\"\nimport b \"ex/b\" \"b\"\n"
		       "type 1 signature \"func()\" 0 0 0 0\ntype 2 basic \"int\" 1 int\n"
		       "func \"New\" 1 0 \"a.go:1\"\nscope \"ex/b\" 1\n"
		       "func \"New\" 1 0 \"b.go:1\"\nvar \"V\" 2 \"b.go:2\"\n");
	CHECK(m != NULL);
	if (!m)
		return;
	p = support_check(m, "mod");
	CHECK(p && p->main_sub && p->nfuncs == 2 && p->nvars == 1);
	if (p && p->nfuncs == 2) {
		CHECK(p->funcs[0].sub == p->main_sub && !strcmp(p->main_sub->pyname, "a"));
		CHECK(p->funcs[1].sub && p->funcs[1].sub != p->main_sub);
		CHECK_STR(p->funcs[0].sym, "_a__New");
		CHECK_STR(p->funcs[1].sym, "_b__New");
		CHECK_STR(p->funcs[1].pyname, "New");
		CHECK_STR(plan_modname(p, p->vars[0].sub), "mod.b");
	}
	model_free(m);

	/* Other packages' types: the closure from the API, breadth first, to
	 * -depth; what is not reached is neither bound nor reported; a
	 * submodule that would hide a builtin the stubs use gets "_", and two
	 * packages of one name take their paths'. */
	static const char reach_records[] =
		"gopy-inspect 1\npackage \"ex/p\" \"p\" \"/p\" \"go1\"\n"
		"import p \"ex/p\" \"p\"\nimport bytes \"bytes\" \"bytes\"\n"
		"import x \"ex/x/u\" \"u\"\nimport u \"ex/y/u\" \"u\"\n"
		"type 1 signature \"func() bytes.Buffer\" 0 0 0 1\nresult \"\" 2\n"
		"type 2 named \"bytes.Buffer\" 0 3 \"bytes\" \"Buffer\" 0\n"
		"type 3 struct \"struct{A u.A}\" 0 1\nfield \"A\" 4 0 1 \"\" \"\"\n"
		"type 4 named \"x.A\" 1 5 \"ex/x/u\" \"A\" 0\n"
		"type 5 struct \"struct{B u_1.B}\" 1 1\nfield \"B\" 6 0 1 \"\" \"\"\n"
		"type 6 named \"u.B\" 1 7 \"ex/y/u\" \"B\" 0\n"
		"type 7 basic \"int\" 1 int\n"
		"type 8 named \"u.Lost\" 1 7 \"ex/y/u\" \"Lost\" 0\n"
		"func \"Get\" 1 0 \"p.go:1\"\n"
		"scope \"bytes\"\ntypedecl \"Buffer\" 2 \"\"\n"
		"scope \"ex/x/u\"\ntypedecl \"A\" 4 \"\"\n"
		"scope \"ex/y/u\"\ntypedecl \"B\" 6 \"\"\ntypedecl \"Lost\" 8 \"\"\n";
	m = model_load(reach_records);
	CHECK(m != NULL);
	if (!m)
		return;
	p = support_check(m, "p");
	CHECK(p && p->nfuncs == 1 && p->nclasses == 3 && p->nskips == 0);
	if (p && p->nclasses == 3) {
		CHECK(p->reach[2] == 1 && p->reach[4] == 2 && p->reach[6] == 3 && p->reach[8] == 0);
		CHECK_STR(p->classes[0].sub->pyname, "bytes_");
		CHECK_STR(p->classes[0].pyname, "_bytes___Buffer");
		CHECK_STR(plan_class_qualname(p, &p->classes[1]), "p.ex_x_u.A");
		CHECK_STR(plan_class_pyref(p, &p->classes[2]), "ex_y_u.B");
		CHECK(p->classes[2].depth == 3 && !find(m, "Lost")->bound);
	}
	model_free(m);
	m = model_load(reach_records);
	support_opts two = {.depth = 2};
	p = m ? support_check_opts(m, "p", &two) : NULL;
	CHECK(p && p->nclasses == 2 && p->nbeyond == 1 && p->nskips == 1);
	if (p && p->nskips == 1)
		CHECK_STR(p->skips[0], "skipped: u.A.B (ex/x/u): type u.B is beyond -depth 2 (3 types away from the API)");
	model_free(m);
}
