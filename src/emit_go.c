/*
 * emit_go.c: writes glue.go, the Go half of a module. One cgo export per
 * bound function, method, field accessor and class operation, e.g.
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
 * Parameters arrive as the convtab's go_param types (Go values of structs
 * as handles) and results leave through out-pointers into C memory, so no
 * Go pointer ever reaches C.
 */
#include "emit.h"

#include <stdio.h>
#include <string.h>

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

/* The doc comment and //export line of an export. */
static void emit_header(sb *out, const char *export, const char *what, const char *decl)
{
	sb_printf(out, "\n// %s %s", export, what);
	if (decl)
		sb_printf(out, ":\n//\n//\t%s", decl);
	sb_printf(out, "\n//\n//export %s\n", export);
}

static void emit_signature(sb *out, const plan_func *f)
{
	int n = 0;

	sb_add(out, "func ");
	emit_export_name(out, f);
	sb_addc(out, '(');
	if (f->recv) {
		sb_printf(out, "recv %s", f->recv->value->go_param);
		n++;
	}
	for (int i = 0; i < f->nparams; i++, n++) {
		const plan_value *v = &f->params[i];
		if (n)
			sb_add(out, ", ");
		if (f->variadic && i == f->nparams - 1)
			sb_printf(out, "p%d *%s, n%d int", i, v->cv->go_param, i);
		else
			sb_printf(out, "p%d %s", i, v->cv->go_param);
	}
	for (int i = 0; i < f->nresults; i++, n++)
		sb_printf(out, "%sr%d *%s", n ? ", " : "", i, f->results[i].cv->go_out_type);
	sb_add(out, ") (fail *C.gopy_fail) {\n");
}

static void emit_call(sb *out, const plan *p, const plan_func *f)
{
	char name[32], count[32];

	if (f->recv)
		emit_apply(out, f->recv->value->go_recv, "recv");
	else
		sb_add(out, emit_pkg_alias(p));
	sb_printf(out, ".%s(", f->decl->name);
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
			emit_apply(out, v->cv->go_in, name);
		}
	}
	sb_add(out, ")");
}

static void emit_func(sb *out, const plan *p, const plan_func *f)
{
	sb export = SB_INIT, decl = SB_INIT, what = SB_INIT;
	char name[32];

	emit_export_name(&export, f);
	emit_go_decl(&decl, p, f);
	if (f->recv)
		sb_printf(&what, "wraps the method %s.%s", f->recv->named->spell, f->decl->name);
	else
		sb_printf(&what, "wraps %s.%s", p->m->name, f->decl->name);
	emit_header(out, sb_str(&export), sb_str(&what), sb_str(&decl));
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
		emit_apply(out, f->results[i].cv->go_out, name);
		sb_addc(out, '\n');
	}
	sb_add(out, "\treturn nil\n}\n");
	sb_free(&export), sb_free(&decl), sb_free(&what);
}

/* The Go expression for field f of the object with handle h. */
static void field_expr(sb *out, const plan_class *c, const plan_field *f)
{
	emit_apply(out, c->value->go_recv, "h");
	sb_printf(out, ".%s", f->name);
}

static void emit_field(sb *out, const plan_class *c, const plan_field *f)
{
	sb export = SB_INIT, what = SB_INIT, expr = SB_INIT;
	const conv *cv = f->cv;

	field_expr(&expr, c, f);

	emit_member_export(&export, "get", c, f->name);
	sb_printf(&what, "reads the field %s.%s", c->named->spell, f->name);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	sb_printf(out, "func %s(h int64, r0 *%s) (fail *C.gopy_fail) {\n", sb_str(&export), cv->go_out_type);
	sb_add(out, "\tdefer gopyRecover(&fail)\n\t*r0 = ");
	/* A struct-typed field is returned as a view sharing the parent. */
	emit_apply(out, cv->go_ref_out ? cv->go_ref_out : cv->go_out, sb_str(&expr));
	sb_add(out, "\n\treturn nil\n}\n");

	sb_reset(&export), sb_reset(&what);
	emit_member_export(&export, "set", c, f->name);
	sb_printf(&what, "writes the field %s.%s", c->named->spell, f->name);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	sb_printf(out, "func %s(h int64, p0 %s) (fail *C.gopy_fail) {\n", sb_str(&export), cv->go_param);
	sb_printf(out, "\tdefer gopyRecover(&fail)\n\t%s = ", sb_str(&expr));
	emit_apply(out, cv->go_in, "p0");
	sb_add(out, "\n\treturn nil\n}\n");
	sb_free(&export), sb_free(&what), sb_free(&expr);
}

/* gopy_init_T: sets the fields whose bit is set in `set`, on the value of
 * handle h, or on a new value when h is 0. */
static void emit_init(sb *out, const plan_class *c)
{
	sb export = SB_INIT, what = SB_INIT;
	char name[32];
	int k = 0;

	emit_member_export(&export, "init", c, NULL);
	sb_printf(&what, "sets the fields of a %s (a new one when h is 0);\n"
		  "// bit i of set says whether constructor field i was given", c->named->spell);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	sb_printf(out, "func %s(h int64, set uint64", sb_str(&export));
	for (int i = 0; i < c->nfields; i++)
		if (c->fields[i].ctor)
			sb_printf(out, ", p%d %s", k++, c->fields[i].cv->go_param);
	sb_printf(out, ", r0 *int64) (fail *C.gopy_fail) {\n\tdefer gopyRecover(&fail)\n\tv := new(%s)\n"
		       "\tif h != 0 {\n\t\tv = gopyObj[%s](h)\n\t}\n",
		  c->named->spell, c->named->spell);
	k = 0;
	for (int i = 0; i < c->nfields; i++) {
		if (!c->fields[i].ctor)
			continue;
		snprintf(name, sizeof name, "p%d", k);
		sb_printf(out, "\tif set&(1<<%d) != 0 {\n\t\tv.%s = ", k, c->fields[i].name);
		emit_apply(out, c->fields[i].cv->go_in, name);
		sb_add(out, "\n\t}\n");
		k++;
	}
	sb_add(out, "\t*r0 = h\n\tif h == 0 {\n\t\t*r0 = gopyNewHandle(v)\n\t}\n\treturn nil\n}\n");
	sb_free(&export), sb_free(&what);
}

static void emit_struct_ops(sb *out, const plan_class *c)
{
	sb export = SB_INIT, what = SB_INIT;
	const char *T = c->named->spell;

	emit_member_export(&export, "copy", c, NULL);
	sb_printf(&what, "copies a %s (deep: also what it points to)", T);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	sb_printf(out, "func %s(h int64, deep bool, r0 *int64) (fail *C.gopy_fail) {\n"
		       "\tdefer gopyRecover(&fail)\n\t*r0 = gopyCopy[%s](h, deep)\n\treturn nil\n}\n",
		  sb_str(&export), T);
	if (c->comparable) {
		sb_reset(&export), sb_reset(&what);
		emit_member_export(&export, "eq", c, NULL);
		sb_printf(&what, "compares two %s values with ==", T);
		emit_header(out, sb_str(&export), sb_str(&what), NULL);
		sb_printf(out, "func %s(a int64, b int64, r0 *bool) (fail *C.gopy_fail) {\n"
			       "\tdefer gopyRecover(&fail)\n\t*r0 = *gopyObj[%s](a) == *gopyObj[%s](b)\n"
			       "\treturn nil\n}\n",
			  sb_str(&export), T, T);
	}
	sb_free(&export), sb_free(&what);
}

static void emit_class(sb *out, const plan *p, const plan_class *c)
{
	if (c->kind == CLASS_STRUCT) {
		emit_init(out, c);
		emit_struct_ops(out, c);
		for (int i = 0; i < c->nfields; i++)
			emit_field(out, c, &c->fields[i]);
	}
	for (int i = 0; i < c->nmethods; i++)
		emit_func(out, p, &c->methods[i]);
}

/* gopy_getvar_V / gopy_setvar_V: read and write the package variable V.
 * The C side calls them with the GIL held, which serializes Python's own
 * accesses; goroutines must synchronize as the Go memory model requires. */
static void emit_var(sb *out, const plan *p, const plan_var *v)
{
	const conv *cv = v->cv;
	const char *name = v->decl->name;
	sb expr = SB_INIT, what = SB_INIT, export = SB_INIT;

	sb_printf(&expr, "%s.%s", emit_pkg_alias(p), name);
	sb_printf(&export, "gopy_getvar_%s", name);
	sb_printf(&what, "reads the variable %s.%s", p->m->name, name);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	sb_printf(out, "func %s(r0 *%s) (fail *C.gopy_fail) {\n\tdefer gopyRecover(&fail)\n\t*r0 = ",
		  sb_str(&export), cv->go_out_type);
	/* A struct variable is returned as a view of the variable itself. */
	emit_apply(out, cv->go_ref_out ? cv->go_ref_out : cv->go_out, sb_str(&expr));
	sb_add(out, "\n\treturn nil\n}\n");

	sb_reset(&export), sb_reset(&what);
	sb_printf(&export, "gopy_setvar_%s", name);
	sb_printf(&what, "writes the variable %s.%s", p->m->name, name);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	sb_printf(out, "func %s(p0 %s) (fail *C.gopy_fail) {\n\tdefer gopyRecover(&fail)\n\t%s = ",
		  sb_str(&export), cv->go_param, sb_str(&expr));
	emit_apply(out, cv->go_in, "p0");
	sb_add(out, "\n\treturn nil\n}\n");
	sb_free(&expr), sb_free(&what), sb_free(&export);
}

/* Whether any export names the bound package (else it is blank-imported,
 * so that its init still runs). */
static bool uses_package(const plan *p)
{
	if (p->nfuncs || p->nvars)
		return true;
	for (int i = 0; i < p->nclasses; i++)
		if (p->classes[i].kind == CLASS_STRUCT || p->classes[i].nmethods)
			return true;
	return false;
}

void emit_go(const plan *p, sb *out)
{
	sb_add(out, "// ");
	emit_generated_by(out, p);
	sb_printf(out, "\n\n// Package main holds the cgo exports through which the Python module %s\n"
		  "// calls package %s. module.c is the Python side; gopy_rt.go the runtime.\n"
		  "package main\n\n", p->modname, p->m->name);
	/* A call to an undeclared function would link (Python's symbols stay
	 * unresolved in the shared object) and crash at run time: make it an
	 * error, as it is a gopy bug. */
	sb_add(out, "/*\n#cgo CFLAGS: -Werror=implicit-function-declaration -Werror=int-conversion\n"
		    "#include \"gopy_abi.h\"\n*/\nimport \"C\"\n\n");
	sb_printf(out, "import %s \"%s\"\n", uses_package(p) ? emit_pkg_alias(p) : "_", p->m->path);
	for (int i = 0; i < p->nclasses; i++)
		emit_class(out, p, &p->classes[i]);
	for (int i = 0; i < p->nfuncs; i++)
		emit_func(out, p, &p->funcs[i]);
	for (int i = 0; i < p->nvars; i++)
		emit_var(out, p, &p->vars[i]);
	sb_add(out, "\n// main is required by -buildmode=c-shared and never runs.\nfunc main() {}\n");
}
