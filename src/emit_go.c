/*
 * emit_go.c: writes glue.go, the Go half of a module. One cgo export per
 * bound function:
 *
 *	//export gopy_fn_Div
 *	func gopy_fn_Div(p0 int, p1 int, r0 *int) (fail *C.gopy_fail) {
 *		defer gopyRecover(&fail)
 *		v0, err := calc.Div(p0, p1)
 *		if err != nil {
 *			return gopyError(err)
 *		}
 *		*r0 = v0
 *		return nil
 *	}
 *
 * Parameters arrive as the convtab's go_param types and results leave
 * through out-pointers into C memory, so no Go pointer ever reaches C.
 */
#include "emit.h"

#include <stdio.h>
#include <string.h>

/* Appends template tmpl (one %s) applied to expr. */
static void apply(sb *out, const char *tmpl, const char *expr)
{
	const char *s = strstr(tmpl, "%s");

	if (!s || strstr(s + 2, "%s"))
		BUG("template %s needs exactly one %%s", tmpl);
	sb_addn(out, tmpl, (size_t)(s - tmpl));
	sb_add(out, expr);
	sb_add(out, s + 2);
}

static void apply2(sb *out, const char *tmpl, const char *a, const char *b)
{
	const char *s = strstr(tmpl, "%s");
	const char *t = s ? strstr(s + 2, "%s") : NULL;

	if (!t)
		BUG("template %s needs two %%s", tmpl);
	sb_addn(out, tmpl, (size_t)(s - tmpl));
	sb_add(out, a);
	sb_addn(out, s + 2, (size_t)(t - s - 2));
	sb_add(out, b);
	sb_add(out, t + 2);
}

static void emit_signature(sb *out, const plan_func *f)
{
	sb_add(out, "func ");
	emit_export_name(out, f);
	sb_addc(out, '(');
	for (int i = 0; i < f->nparams; i++) {
		const plan_value *v = &f->params[i];
		if (i)
			sb_add(out, ", ");
		if (f->variadic && i == f->nparams - 1)
			sb_printf(out, "p%d *%s, n%d int", i, v->cv->go_param, i);
		else
			sb_printf(out, "p%d %s", i, v->cv->go_param);
	}
	for (int i = 0; i < f->nresults; i++) {
		if (i || f->nparams)
			sb_add(out, ", ");
		sb_printf(out, "r%d *%s", i, f->results[i].cv->go_out_type);
	}
	sb_add(out, ") (fail *C.gopy_fail) {\n");
}

static void emit_call(sb *out, const plan *p, const plan_func *f)
{
	char name[32], count[32];

	sb_printf(out, "%s.%s(", emit_pkg_alias(p), f->decl->name);
	for (int i = 0; i < f->nparams; i++) {
		const plan_value *v = &f->params[i];
		if (i)
			sb_add(out, ", ");
		snprintf(name, sizeof name, "p%d", i);
		if (f->variadic && i == f->nparams - 1) {
			snprintf(count, sizeof count, "n%d", i);
			apply2(out, v->cv->go_slice_in, name, count);
			sb_add(out, "...");
		} else {
			apply(out, v->cv->go_in, name);
		}
	}
	sb_add(out, ")");
}

static void emit_export(sb *out, const plan *p, const plan_func *f)
{
	char name[32];

	sb_add(out, "\n// ");
	emit_export_name(out, f);
	sb_printf(out, " wraps %s.%s:\n//\n//\t", p->m->name, f->decl->name);
	emit_go_decl(out, p, f);
	sb_add(out, "\n//\n//export ");
	emit_export_name(out, f);
	sb_addc(out, '\n');
	emit_signature(out, f);
	sb_add(out, "\tdefer gopyRecover(&fail)\n\t");

	if (f->nresults || f->returns_error) {
		for (int i = 0; i < f->nresults; i++)
			sb_printf(out, "%sv%d", i ? ", " : "", i);
		if (f->returns_error)
			sb_add(out, f->nresults ? ", err" : "err");
		sb_add(out, " := ");
	}
	emit_call(out, p, f);
	sb_addc(out, '\n');
	if (f->returns_error)
		sb_add(out, "\tif err != nil {\n\t\treturn gopyError(err)\n\t}\n");
	for (int i = 0; i < f->nresults; i++) {
		snprintf(name, sizeof name, "v%d", i);
		sb_printf(out, "\t*r%d = ", i);
		apply(out, f->results[i].cv->go_out, name);
		sb_addc(out, '\n');
	}
	sb_add(out, "\treturn nil\n}\n");
}

void emit_go(const plan *p, sb *out)
{
	sb_add(out, "// ");
	emit_generated_by(out, p);
	sb_printf(out, "\n\n// Package main holds the cgo exports through which the Python module %s\n"
		  "// calls package %s. module.c is the Python side; gopy_rt.go the runtime.\n"
		  "package main\n\n", p->modname, p->m->name);
	sb_add(out, "/*\n#include \"gopy_abi.h\"\n*/\nimport \"C\"\n\n");
	/* Blank-import when nothing is called, so the package's init still runs. */
	sb_printf(out, "import %s \"%s\"\n", p->nfuncs ? emit_pkg_alias(p) : "_", p->m->path);
	for (int i = 0; i < p->nfuncs; i++)
		emit_export(out, p, &p->funcs[i]);
	sb_add(out, "\n// main is required by -buildmode=c-shared and never runs.\nfunc main() {}\n");
}
