/* test_model.c: reading records into the model. */
#include <stdlib.h>

#include "model.h"
#include "unit.h"
#include "util.h"

/* A package as the inspector prints it (docs/records.md). */
const char unit_sample_records[] =
	"gopy-inspect 1\n"
	"package \"example.com/calc\" \"calc\" \"/src/calc\" \"go1.26.8\"\n"
	"stamp \"abc123\"\n"
	"doc \"Package calc does arithmetic.\\n\\nIt is a test.\"\n"
	"import calc \"example.com/calc\"\n"
	"type 1 signature \"func(a int, b int) int\" 0 0 2 1\n"
	"param \"a\" 2\n"
	"param \"b\" 2\n"
	"result \"\" 2\n"
	"type 2 basic \"int\" 1 int\n"
	"type 3 signature \"func(a int, b int) (int, error)\" 0 0 2 2\n"
	"param \"a\" 2\n"
	"param \"b\" 2\n"
	"result \"\" 2\n"
	"result \"\" 4\n"
	"type 4 named \"error\" 1 5 \"\" \"error\" 0\n"
	"type 5 interface \"interface{Error() string}\" 1 1 0\n"
	"imethod \"Error\" 6\n"
	"type 6 signature \"func() string\" 0 0 0 1\n"
	"result \"\" 7\n"
	"type 7 basic \"string\" 1 string\n"
	"type 8 signature \"func(ch chan int)\" 0 0 1 0\n"
	"param \"ch\" 9\n"
	"type 9 chan \"chan int\" 1 2 both\n"
	"type 10 signature \"func(base string, from ...int) string\" 0 1 2 1\n"
	"param \"base\" 7\n"
	"param \"from\" 11\n"
	"result \"\" 7\n"
	"type 11 slice \"[]int\" 0 2\n"
	"type 12 named \"calc.Point\" 1 13 \"example.com/calc\" \"Point\" 0\n"
	"type 13 struct \"struct{X int; y int}\" 1 2\n"
	"field \"X\" 2 0 1 \"json:\\\"x\\\"\" \"calc.go:20\"\n"
	"doc \"X is the x coordinate.\"\n"
	"field \"y\" 2 0 0 \"\" \"calc.go:21\"\n"
	"type 14 signature \"func() int\" 0 0 0 1\n"
	"result \"\" 2\n"
	"type 15 basic \"untyped float\" 0 untyped-float\n"
	"type 16 signature \"func(int, _ string)\" 0 0 2 0\n"
	"param \"\" 2\n"
	"param \"_\" 7\n"
	"func \"Add\" 1 0 \"calc.go:5\"\n"
	"doc \"Add adds a and b.\"\n"
	"func \"Div\" 3 0 \"calc.go:9\"\n"
	"func \"Join\" 10 0 \"calc.go:14\"\n"
	"const \"Pi\" 15 float \"3.14\" \"calc.go:3\"\n"
	"typedecl \"Point\" 12 \"calc.go:19\"\n"
	"doc \"Point is a point.\"\n"
	"method 12 \"Sum\" 14 0 0 \"calc.go:23\"\n"
	"func \"Send\" 8 0 \"calc.go:30\"\n"
	"func \"Unnamed\" 16 0 \"calc.go:33\"\n";

static void check_rejects(const char *text, const char *msg_part)
{
	model *m = model_load(text);

	CHECK(m == NULL);
	if (m)
		model_free(m);
	else if (!strstr(err_msg(), msg_part)) {
		fprintf(stderr, "  message \"%s\" lacks \"%s\"\n", err_msg(), msg_part);
		CHECK(0);
	}
}

void suite_model(void)
{
	model *m = model_load(unit_sample_records);

	CHECK(m != NULL);
	if (!m) {
		fprintf(stderr, "  %s\n", err_msg());
		return;
	}
	CHECK_STR(m->path, "example.com/calc");
	CHECK_STR(m->name, "calc");
	CHECK_STR(m->goversion, "go1.26.8");
	CHECK_STR(m->stamp, "abc123");
	CHECK_STR(m->doc, "Package calc does arithmetic.\n\nIt is a test.");
	CHECK(m->nimports == 1 && !strcmp(m->imports[0].alias, "calc"));
	CHECK(m->ntypes == 17);

	model_type *sig = model_type_at(m, 1);
	CHECK(sig->kind == TK_SIGNATURE && sig->nparams == 2 && sig->nresults == 1);
	CHECK_STR(sig->params[1].name, "b");
	CHECK(model_type_at(m, 2)->basic == B_INT);
	CHECK(model_is_error(model_type_at(m, 4)));
	CHECK(!model_is_error(model_type_at(m, 12)));
	CHECK(model_type_at(m, 5)->nimethods == 1);
	CHECK_STR(model_type_at(m, 9)->chandir, "both");
	CHECK(model_type_at(m, 10)->variadic);

	model_type *pt = model_type_at(m, 12);
	CHECK(pt->kind == TK_NAMED && !strcmp(pt->name, "Point"));
	model_type *st = model_underlying(m, pt);
	CHECK(st->kind == TK_STRUCT && st->nfields == 2);
	CHECK_STR(st->fields[0].tag, "json:\"x\"");
	CHECK_STR(st->fields[0].doc, "X is the x coordinate.");
	CHECK(st->fields[1].doc == NULL && !st->fields[1].exported);

	CHECK(m->ndecls == 8);
	CHECK(m->decls[0].kind == D_FUNC && !strcmp(m->decls[0].name, "Add"));
	CHECK_STR(m->decls[0].doc, "Add adds a and b.");
	CHECK(m->decls[1].doc == NULL);
	CHECK(m->decls[3].kind == D_CONST && m->decls[3].ckind == C_FLOAT);
	CHECK_STR(m->decls[3].value, "3.14");
	CHECK(m->decls[4].kind == D_TYPE);
	CHECK_STR(m->decls[4].doc, "Point is a point.");
	CHECK(m->decls[5].kind == D_METHOD && m->decls[5].recv == 12);
	CHECK_STR(model_basic_name(B_UNTYPED_FLOAT), "untyped-float");
	model_free(m);

	/* Text for users names packages, not the glue's import aliases; tags
	 * and names that merely look like an alias stay. */
	m = model_load("gopy-inspect 1\npackage \"p/gopyx\" \"gopyx\" \"/p\" \"go1\"\n"
		       "import pkg_gopyx \"p/gopyx\" \"gopyx\"\n"
		       "import template_1 \"text/template\" \"template\"\n"
		       "import old \"p/old\"\n"
		       "type 1 signature \"func(pkg_gopyx int, t ...*template_1.T) map[old.K]pkg_gopyx.V\" 0 1 0 0\n"
		       "type 2 struct \"struct{X int \\\"pkg_gopyx.Y:\\\\\\\"a\\\\\\\"\\\"}\" 1 0\n");
	CHECK(m != NULL);
	if (m) {
		CHECK_STR(model_type_at(m, 1)->shown, "func(pkg_gopyx int, t ...*template.T) map[old.K]gopyx.V");
		CHECK_STR(model_type_at(m, 1)->spell, "func(pkg_gopyx int, t ...*template_1.T) map[old.K]pkg_gopyx.V");
		CHECK_STR(model_type_at(m, 2)->shown, "struct{X int \"pkg_gopyx.Y:\\\"a\\\"\"}");
		CHECK_STR(m->imports[2].name, "old"); /* a record without NAME */
		model_free(m);
	}

	/* Several packages: a listed scope's declarations are its, with its
	 * doc; the first package's import is marked listed too. */
	m = model_load("gopy-inspect 1\npackage \"ex/a\" \"a\" \"/a\" \"go1\"\n"
		       "import a \"ex/a\" \"a\"\nimport b \"ex/b\" \"b\"\nimport io \"io\" \"io\"\n"
		       "type 1 basic \"int\" 1 int\n"
		       "var \"A\" 1 \"a.go:1\"\nscope \"ex/b\" 1\ndoc \"Package b.\"\n"
		       "var \"B\" 1 \"b.go:2\"\ndoc \"B is b's.\"\n");
	CHECK(m != NULL);
	if (m) {
		CHECK(m->multi && m->ndecls == 2 && m->decls[0].pkg == NULL);
		CHECK(m->decls[1].pkg == &m->imports[1] && m->imports[1].listed);
		CHECK_STR(m->imports[1].doc, "Package b.");
		CHECK_STR(m->decls[1].doc, "B is b's.");
		CHECK(m->imports[0].listed && !m->imports[2].listed);
		CHECK(model_is_bound_pkg(m, "ex/a") && model_is_bound_pkg(m, "ex/b") && !model_is_bound_pkg(m, "io"));
		model_free(m);
	}
	check_rejects("gopy-inspect 1\npackage \"ex/a\" \"a\" \"/a\" \"go1\"\nimport b \"ex/b\" \"b\"\n"
		      "scope \"ex/b\" 1\n", "no import record of ex/a");
	check_rejects("gopy-inspect 1\npackage \"ex/a\" \"a\" \"/a\" \"go1\"\nimport b \"ex/b\" \"b\"\n"
		      "scope \"ex/b\" 1\nscope \"ex/b\" 1\n", "second one");

	/* Malformed input is rejected with a message, never a crash. */
	check_rejects("", "header");
	check_rejects("gopy-inspect 2\n", "version 2");
	check_rejects("gopy-inspect 1\nstamp \"x\"\n", "before the package");
	check_rejects("gopy-inspect 1\npackage \"p\" \"p\" \"/p\" \"go1\"\n"
		      "type 1 slice \"[]T\" 0 7\n", "undefined type 7");
	check_rejects("gopy-inspect 1\npackage \"p\" \"p\" \"/p\" \"go1\"\n"
		      "type 1 basic \"int\" 1\n", "fields");
	check_rejects("gopy-inspect 1\npackage \"p\" \"p\" \"/p\" \"go1\"\n"
		      "type 1 basic \"int\" 1 int\ntype 1 basic \"int\" 1 int\n", "defined twice");
	check_rejects("gopy-inspect 1\npackage \"p\" \"p\" \"/p\" \"go1\"\n"
		      "type 1 struct \"struct{}\" 1 2\nfield \"X\" 1 0 1 \"\" \"\"\n", "ends inside");
	check_rejects("gopy-inspect 1\npackage \"p\" \"p\" \"/p\" \"go1\"\n"
		      "func \"F\" 1 0 \"\"\ndoc \"a\"\ndoc \"b\"\n", "doc record");
	check_rejects("gopy-inspect 1\npackage \"p\" \"p\" \"/p\" \"go1\"\nwhat 1\n", "unknown record");
	check_rejects("gopy-inspect 1\npackage \"p\" \"p\" \"/p\" \"go1\"\n"
		      "type 1 basic \"int\" 1 int128\n", "unknown basic");
	check_rejects("gopy-inspect 1\npackage \"p\" \"p\" \"/p\" \"go1\"\n"
		      "type 1 basic \"int\" 2 int\n", "flag");
}
