/* test_escape.c: the escape-analysis package go_escape.c writes, and how it
 * reads the compiler's answers. */
#include <stdlib.h>

#include "go_escape.h"
#include "unit.h"

static const char records[] =
	"gopy-inspect 1\n"
	"package \"example.com/vec\" \"vec\" \"/src/vec\" \"go1.26.8\"\n"
	"stamp \"s\"\n"
	"import vec \"example.com/vec\"\n"
	"type 1 basic \"float64\" 1 float64\n"
	"type 2 slice \"[]float64\" 0 1\n"
	"type 3 signature \"func(xs []float64, f float64)\" 0 0 2 0\n"
	"param \"xs\" 2\n"
	"param \"f\" 1\n"
	"type 4 signature \"func(xs []float64) []float64\" 0 0 1 1\n"
	"param \"xs\" 2\n"
	"result \"\" 2\n"
	"type 5 signature \"func(xs ...float64) float64\" 0 1 1 1\n"
	"param \"xs\" 2\n"
	"result \"\" 1\n"
	"type 6 basic \"string\" 1 string\n"
	"type 7 slice \"[]string\" 0 6\n"
	"type 8 signature \"func(ws []string) string\" 0 0 1 1\n"
	"param \"ws\" 7\n"
	"result \"\" 6\n"
	"type 9 named \"vec.Acc\" 1 10 \"example.com/vec\" \"Acc\" 0\n"
	"type 10 struct \"struct{}\" 1 0\n"
	"type 11 signature \"func(xs []float64, ys []float64)\" 0 0 2 0\n"
	"param \"xs\" 2\n"
	"param \"ys\" 2\n"
	"func \"Scale\" 3 0 \"vec.go:1\"\n"
	"func \"Tail\" 4 0 \"vec.go:2\"\n"
	"func \"Mean\" 5 0 \"vec.go:3\"\n"
	"func \"Words\" 8 0 \"vec.go:4\"\n"
	"typedecl \"Acc\" 9 \"vec.go:5\"\n"
	"method 9 \"Load\" 11 1 0 \"vec.go:6\"\n";

static const plan_func *find(const plan *p, const char *name)
{
	for (int i = 0; i < p->nfuncs; i++)
		if (!strcmp(p->funcs[i].decl->name, name))
			return &p->funcs[i];
	for (int c = 0; c < p->nclasses; c++)
		for (int i = 0; i < p->classes[c].nmethods; i++)
			if (!strcmp(p->classes[c].methods[i].decl->name, name))
				return &p->classes[c].methods[i];
	return NULL;
}

void suite_escape(void)
{
	model *m = model_load(records);
	plan *p = m ? support_check(m, "vec") : NULL;
	sb src = SB_INIT, out = SB_INIT;
	plan_func **lines = NULL;
	int nlines = 0, first = -1;

	CHECK(p != NULL);
	if (!p) {
		model_free(m);
		return;
	}
	/* Slices of numbers only, and never the variadic parameter. */
	CHECK(escape_source(p, &src, &lines, &nlines) == 3);
	CHECK(strstr(src.buf, "package gopy_escape\n\nimport vec \"example.com/vec\"\n") != NULL);
	CHECK(strstr(src.buf, "func gopyCall0(gopyP0 []float64, gopyP1 float64) "
			      "{ vec.Scale(gopyP0, gopyP1) }\n") != NULL);
	CHECK(strstr(src.buf, "func gopyCall1(gopyP0 []float64) "
			      "{ gopyR0 := vec.Tail(gopyP0); gopySink = gopyR0 }\n") != NULL);
	CHECK(strstr(src.buf, "func gopyCall2(gopyRecv *vec.Acc, gopyP0 []float64, gopyP1 []float64) "
			      "{ gopyRecv.Load(gopyP0, gopyP1) }\n") != NULL);
	CHECK(!strstr(src.buf, "Mean") && !strstr(src.buf, "Words"));
	for (int i = 0; i < nlines && first < 0; i++)
		if (lines[i])
			first = i + 1;
	CHECK(first > 0 && nlines == first + 2);
	if (first > 0 && nlines == first + 2) {
		CHECK(lines[first - 1] == find(p, "Scale"));
		CHECK(lines[first] == find(p, "Tail"));
		CHECK(lines[first + 1] == find(p, "Load"));
	}

	/* Only "does not escape" of a lendable parameter, on a call's line. */
	sb_printf(&out, "# gopy.bind/vec/gopy_escape\n"
			"gopy_escape/escape.go:%d:6: can inline gopyCall0\n"
			"gopy_escape/escape.go:%d:16: gopyP0 does not escape\n"
			"gopy_escape/escape.go:%d:16: gopyP1 does not escape\n"
			"gopy_escape/escape.go:%d:16: leaking param: gopyP0\n"
			"gopy_escape/escape.go:%d:60: gopyP1 does not escape\n"
			"gopy_escape/escape.go:%d:20: gopyRecv does not escape\n"
			"gopy_escape/escape.go:%d:20: gopyP7 does not escape\n"
			"gopy_escape/escape.go:%d:16: gopyP0 does not escape\n"
			"gopy_escape/escape.go:999:1: gopyP0 does not escape\n"
			"gopy_escape/escape.go:%d:16: gopyP0 does not escape in a way\n",
		  first, first, first, first + 1, first + 2, first + 2, first + 2, first, first + 2);
	CHECK(escape_apply(sb_str(&out), lines, nlines) == 2);
	const plan_func *scale = find(p, "Scale"), *tail = find(p, "Tail"), *load = find(p, "Load");
	CHECK(scale && scale->params[0].lend && !scale->params[1].lend);
	CHECK(tail && !tail->params[0].lend);
	CHECK(load && !load->params[0].lend && load->params[1].lend);

	free(lines);
	sb_free(&src), sb_free(&out);
	model_free(m);
}
