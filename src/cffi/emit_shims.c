/*
 * src/cffi/emit_shims.c: writes cffi_build.py, the C half of a cffi module. Run with
 * the target interpreter, the script has cffi write cffi_module.c (its
 * out-of-line API mode), which cgo compiles into the same shared library
 * as the Go glue; Python imports it as NAME._native.
 *
 * The script holds two C texts:
 *   CDEF    what Python may call: the shims below and the glue exports
 *           that views and handles use directly, and gopy_forked, which
 *           Python checks before calling those (gopy_abi.h);
 *   SOURCE  one shim per export whose values need reshaping for cffi
 *           (conv_cffi.h: cffi_shape): a string arrives as pointer and
 *           length, a gopy_seq by pointer, a complex as two parts. A shim
 *           with one scalar result returns it (widened: conv_ret) and stands
 *           for a failure with its named sentinel, the failure record in the
 *           thread-local that gopy_take_fail hands over (gopy_abi.h). The
 *           exports of functions, methods and field and variable reads do
 *           that themselves (emit_go.c), so their shims only forward; for
 *           the constructor, copy and == the shim does it. Any other shim
 *           returns the failure and fills a struct of results. In a
 *           child forked after the library loaded, every shim fails
 *           without calling Go (gopy_abi.h: GOPY_GO).
 *
 *	static long long gopyc_fn_Add(GoInt p0, GoInt p1)
 *	{
 *		return GOPY_GO_DIRECT(GOPY_FAIL_SIGNED, gopy_fn_Add(p0, p1));
 *	}
 *
 *	static long long gopyc_copy_Point(GoInt64 h, GoUint8 deep)
 *	{
 *		GoInt64 r0 = 0;
 *		gopy_fail_addr fail = GOPY_GO(gopy_copy_Point(h, deep, &r0));
 *
 *		if (fail) {
 *			gopy_pending_fail = fail;
 *			return GOPY_FAIL_SIGNED;
 *		}
 *		return r0;
 *	}
 *
 * src/cffi/emit_package.c writes the Python side, which calls these by the same names.
 */
#include "cffi.h"
#include "emit.h"
#include "conv_cffi.h"
#include "printer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The C types cffi must know: cgo's names (as _cgo_export.h spells them),
 * then gopy_abi.h's records (cffi_abi_cdef) and the runtime's symbols. */
static const char cdef_go_types[] =
	"typedef signed char GoInt8;\n"
	"typedef unsigned char GoUint8;\n"
	"typedef short GoInt16;\n"
	"typedef unsigned short GoUint16;\n"
	"typedef int GoInt32;\n"
	"typedef unsigned int GoUint32;\n"
	"typedef long long GoInt64;\n"
	"typedef unsigned long long GoUint64;\n"
	"typedef GoInt64 GoInt;\n"
	"typedef GoUint64 GoUint;\n"
	"typedef size_t GoUintptr;\n"
	"typedef float GoFloat32;\n"
	"typedef double GoFloat64;\n"
	"typedef struct { const char *p; ptrdiff_t n; } GoString;\n"
	"typedef struct { GoFloat32 re, im; } gopyc_complex64;\n"
	"typedef struct { GoFloat64 re, im; } gopyc_complex128;\n";

static const char cdef_symbols[] =
	"\n"
	"void free(void *);\n"
	"gopy_fail_addr gopy_take_fail(void);\n"
	"int gopy_forked;\n"
	"const gopy_fail gopy_forked_fail;\n"
	"void gopy_handle_release(GoInt64 h);\n"
	"GoInt64 gopy_handle_live(void);\n"
	"GoUintptr gopy_handle_addr(GoInt64 h);\n"
	"gopy_fail_addr gopy_view_pin(GoInt64 h, GoInt64 *r0);\n"
	"gopy_fail_addr gopy_view_reslice(GoInt64 h, GoInt lo, GoInt hi, GoInt64 *r0);\n"
	"gopy_fail_addr gopy_view_append(GoInt64 h, GoInt64 src, void *p, GoInt n);\n"
	/* interface values (runtime/go/gopy_dyn.go), for _gopy_dyn.py */
	"gopy_fail_addr gopy_value_describe(GoInt64 h, gopy_str *typ, gopy_str *val);\n"
	"GoUint8 gopy_error_is(GoInt64 a, GoInt64 b);\n"
	"gopy_fail_addr gopy_ref_new(gopy_val *v, GoInt64 *out);\n"
	"gopy_fail_addr gopy_ref_get(GoInt64 h, gopy_val *out);\n"
	"gopy_fail_addr gopy_ref_set(GoInt64 h, gopy_val *v);\n"
	"gopy_fail_addr gopy_value_call(GoInt64 h, gopy_val *args, long long nargs, gopy_val *out);\n"
	"gopy_fail_addr gopy_value_signature(GoInt64 h, gopy_str *out, long long *nparams, unsigned char *variadic);\n"
	/* io's streams (runtime/go/gopy_io.go), for _gopy_io.py */
	"gopy_fail_addr gopy_io_read(GoInt64 h, void *buf, GoInt64 n, long long *got);\n"
	"gopy_fail_addr gopy_io_write(GoInt64 h, void *buf, GoInt64 n, long long *got);\n"
	"gopy_fail_addr gopy_io_close(GoInt64 h);\n"
	/* the pyapi (gopy_abi.h): _gopy_dyn.py defines the callbacks, and
	 * runtime/cffi/gopy_cffi_shims.h hands Go the table of them */
	"void *malloc(size_t);\n"
	"void *calloc(size_t, size_t);\n"
	"extern \"Python\" void gopyc_py_incref(void *);\n"
	"extern \"Python\" void gopyc_py_decref(void *);\n"
	"extern \"Python\" gopy_fail_addr gopyc_py_call(void *, const char *, gopy_val *, long long, "
	"gopy_val *, long long);\n"
	"extern \"Python\" void gopyc_py_str(void *, gopy_str *);\n"
	"extern \"Python\" int gopyc_py_has_caller(void);\n"
	"extern \"Python\" void gopyc_py_unraisable(void *, const char *);\n"
	"void gopyc_set_pyapi(void);\n"
	"void gopyc_py_finalizing(void);\n";

/* Calls taking a context (runtime/go/gopy_ctx.go), for _gopy.ctx_run;
 * declared only in a module that has one. */
static const char cdef_ctx[] =
	"int gopy_ctx_wait(long long id, long long ms);\n"
	"void gopy_ctx_cancel(long long id);\n"
	"gopy_fail_addr gopy_ctx_end(long long id);\n";

static bool has_ctx(const plan *p)
{
	for (int i = 0; i < p->nfuncs; i++)
		if (p->funcs[i].ctx_param >= 0)
			return true;
	for (int i = 0; i < p->nclasses; i++)
		for (int k = 0; k < p->classes[i].nmethods; k++)
			if (p->classes[i].methods[k].ctx_param >= 0)
				return true;
	return false;
}

/* The shims' own helpers are the runtime's (runtime/cffi/gopy_cffi_shims.h). */
static const char source_prelude[] = "#include \"gopy_cffi_shims.h\"\n";

/* One parameter of a shim: its C name stem and how it crosses. */
typedef struct shim_param {
	const char *name;
	const conv *cv;
} shim_param;

/* Whether the export takes sp's record by its address, which the shim's
 * parameter already is: an interface class's receiver (convtab.c). */
static bool by_addr(const shim_param *sp)
{
	return !strcmp(sp->name, "recv") && conv_is_iface(sp->cv);
}

/* An export the Python side calls through a shim. */
typedef struct shim {
	const char *export;     /* the Go export: "gopy_fn_Add" */
	const char *what;       /* a comment line: the Go declaration */
	const shim_param *params;
	int nparams;
	bool variadic;          /* the last parameter is ...T: a C array and its length */
	const conv *const *results;
	int nresults;
	bool export_direct;     /* the export returns its result itself (plan_func.direct) */
	bool ctx;               /* the export starts a call taking a context (gopy_ctx.go):
				 * a timeout first, the call's id in the out struct */
} shim;

/* A shim returns its one result directly when the result has a conv_ret. */
static bool direct(const shim *s)
{
	return s->nresults == 1 && s->results[0]->ret && !s->ctx;
}

/* Whether the shim fills an out struct. */
static bool has_out(const shim *s)
{
	return s->ctx || (!direct(s) && s->nresults);
}

static void shim_name(sb *out, const shim *s)
{
	emit_shim_name(out, s->export);
}

/* The shim's prototype, for CDEF and SOURCE alike. */
static void shim_proto(sb *out, const plan *p, const shim *s, bool definition)
{
	int n = 0;

	if (direct(s))
		sb_add(out, s->results[0]->ret->ctype);
	else
		sb_add(out, "gopy_fail_addr");
	sb_add(out, definition ? "\n" : " ");
	shim_name(out, s);
	sb_addc(out, '(');
	if (s->ctx)
		sb_add(out, "long long tmo"), n++;
	for (int i = 0; i < s->nparams; i++, n++) {
		const shim_param *sp = &s->params[i];
		if (n)
			sb_add(out, ", ");
		if (s->variadic && i == s->nparams - 1)
			sb_printf(out, "void *%s, GoInt %s_len", sp->name, sp->name);
		else
			cffi_spell(out, p, sp->cv, CF_SHIM_PARAM, sp->name);
	}
	if (has_out(s)) {
		sb_printf(out, "%s", n++ ? ", " : "");
		shim_name(out, s);
		sb_add(out, "_out *out");
	}
	if (!n)
		sb_add(out, "void");
	sb_addc(out, ')');
}

/* The struct a shim with out-results fills: r0, r1, ... */
static void shim_out_struct(sb *out, const shim *s)
{
	sb_add(out, "typedef struct {");
	for (int i = 0; i < s->nresults; i++) {
		sb_printf(out, " %s r%d;", cffi_c_type(s->results[i], true), i);
	}
	if (s->ctx)
		sb_add(out, " long long call;");
	sb_add(out, " } ");
	shim_name(out, s);
	sb_add(out, "_out;\n");
}

static void emit_cdef(sb *out, const plan *p, const shim *s)
{
	if (has_out(s))
		shim_out_struct(out, s);
	shim_proto(out, p, s, false);
	sb_add(out, ";\n");
}

/* The argument list of the Go export, from the shim's parameters; then
 * pointers to the results, named with results_prefix (NULL: none, the
 * export returns its result). */
static void export_args(sb *out, const plan *p, const shim *s, const char *results_prefix)
{
	int n = 0;

	if (s->ctx)
		sb_add(out, "tmo, &out->call"), n++;
	for (int i = 0; i < s->nparams; i++, n++) {
		const shim_param *sp = &s->params[i];
		if (n)
			sb_add(out, ", ");
		if (s->variadic && i == s->nparams - 1)
			sb_printf(out, "(%s *)%s, %s_len", sp->cv->c_type, sp->name, sp->name);
		else if (by_addr(sp))
			sb_add(out, sp->name);
		else
			cffi_spell(out, p, sp->cv, CF_EXPORT_ARG, sp->name);
	}
	for (int i = 0; results_prefix && i < s->nresults; i++, n++) {
		char r[32];
		snprintf(r, sizeof r, "%sr%d", results_prefix, i);
		sb_add(out, n ? ", " : "");
		cffi_spell(out, p, s->results[i], CF_EXPORT_OUT, r);
	}
}

static void emit_source(sb *out, const plan *p, const shim *s)
{
	printer pr = PRINTER_C(out);

	pr_blank(&pr);
	pr_line(&pr, "/* %s */", s->what);
	if (has_out(s))
		shim_out_struct(out, s);
	sb_add(out, "static ");
	shim_proto(out, p, s, true);
	pr_end(&pr);
	pr_open(&pr, "{");
	/* GOPY_GO*: refused in a forked child as a failure (gopy_abi.h). */
	if (direct(s) && !s->export_direct) {
		/* The export fills an out-pointer; the shim returns the value. */
		pr_line(&pr, "%s r0 = 0;", s->results[0]->c_out_type);
		pr_start(&pr, "gopy_fail_addr fail = GOPY_GO(%s(", s->export);
		export_args(out, p, s, "");
		pr_add(&pr, "));");
		pr_end(&pr);
		pr_blank(&pr);
		pr_open(&pr, "if (fail) {");
		pr_line(&pr, "gopy_pending_fail = fail;");
		pr_line(&pr, "return %s;", s->results[0]->ret->sentinel_name);
		pr_close(&pr, "}");
		pr_line(&pr, "return r0;");
		pr_close(&pr, "}");
		return;
	}
	if (direct(s))
		pr_start(&pr, "return GOPY_GO_DIRECT(%s, %s(", s->results[0]->ret->sentinel_name, s->export);
	else
		pr_start(&pr, "return GOPY_GO(%s(", s->export);
	export_args(out, p, s, s->export_direct ? NULL : "out->");
	pr_add(&pr, "));");
	pr_end(&pr);
	pr_close(&pr, "}");
}

/* Both texts for one shim. */
static void emit_shim(sb *cdef, sb *src, const plan *p, const shim *s)
{
	emit_cdef(cdef, p, s);
	emit_source(src, p, s);
}

/* The shim of a bound function or method: the receiver's handle first. */
static void func_shim(sb *cdef, sb *src, const plan *p, const plan_func *f)
{
	shim_param *params = xcalloc((size_t)f->nparams + 1, sizeof *params);
	const conv **results = xcalloc((size_t)f->nresults + 1, sizeof *results);
	char (*names)[16] = xcalloc((size_t)f->nparams + 1, sizeof *names);
	sb export = SB_INIT, what = SB_INIT;
	int n = 0;

	if (f->recv)
		params[n++] = (shim_param){"recv", f->recv->value};
	for (int i = 0; i < f->nparams; i++) {
		snprintf(names[i], sizeof names[i], "p%d", i);
		params[n++] = (shim_param){names[i], f->params[i].cv};
	}
	for (int i = 0; i < f->nresults; i++)
		results[i] = f->results[i].cv;
	emit_export_name(&export, f);
	emit_go_decl(&what, p, f);
	shim s = {sb_str(&export), sb_str(&what), params, n, f->variadic, results, f->nresults, f->direct,
		  f->ctx_param >= 0};
	emit_shim(cdef, src, p, &s);
	free(params), free(results), free(names);
	sb_free(&export), sb_free(&what);
}

/* Field accessors, the constructor and the value operations of a struct. */
static void struct_shims(sb *cdef, sb *src, const plan *p, const plan_class *c)
{
	const conv *i64 = convtab_basic(B_INT64), *u64 = convtab_basic(B_UINT64), *b = convtab_basic(B_BOOL);
	shim_param *params = xcalloc((size_t)c->nfields + 2, sizeof *params);
	char (*names)[16] = xcalloc((size_t)c->nfields + 1, sizeof *names);
	sb export = SB_INIT, what = SB_INIT;
	int k = 2;

	params[0] = (shim_param){"h", i64};
	params[1] = (shim_param){"set", u64};
	for (int i = 0; i < c->nfields; i++) {
		if (!c->fields[i].ctor)
			continue;
		snprintf(names[k - 2], sizeof names[k - 2], "p%d", k - 2);
		params[k] = (shim_param){names[k - 2], c->fields[i].cv};
		k++;
	}
	emit_member_export(&export, "init", c, NULL);
	sb_printf(&what, "sets the fields of a %s (a new one when h is 0)", c->named->shown);
	emit_shim(cdef, src, p,
		  &(shim){sb_str(&export), sb_str(&what), params, k, false, &i64, 1, false, false});

	sb_reset(&export), sb_reset(&what);
	emit_member_export(&export, "copy", c, NULL);
	sb_printf(&what, "copies a %s", c->named->shown);
	params[1] = (shim_param){"deep", b};
	emit_shim(cdef, src, p,
		  &(shim){sb_str(&export), sb_str(&what), params, 2, false, &i64, 1, false, false});
	if (c->comparable) {
		sb_reset(&export), sb_reset(&what);
		emit_member_export(&export, "eq", c, NULL);
		sb_printf(&what, "compares two %s values with ==", c->named->shown);
		params[1] = (shim_param){"other", i64};
		emit_shim(cdef, src, p,
			  &(shim){sb_str(&export), sb_str(&what), params, 2, false, &b, 1, false, false});
	}
	for (int i = 0; i < c->nfields; i++) {
		const plan_field *fd = &c->fields[i];
		sb_reset(&export), sb_reset(&what);
		emit_member_export(&export, "get", c, fd->name);
		sb_printf(&what, "reads the field %s.%s", c->named->shown, fd->name);
		emit_shim(cdef, src, p, &(shim){sb_str(&export), sb_str(&what), params, 1, false, &fd->cv, 1,
					     fd->cv->ret != NULL, false});
		sb_reset(&export), sb_reset(&what);
		emit_member_export(&export, "set", c, fd->name);
		sb_printf(&what, "writes the field %s.%s", c->named->shown, fd->name);
		params[1] = (shim_param){"p0", fd->cv};
		emit_shim(cdef, src, p,
			  &(shim){sb_str(&export), sb_str(&what), params, 2, false, NULL, 0, false, false});
	}
	free(params), free(names);
	sb_free(&export), sb_free(&what);
}

static void var_shims(sb *cdef, sb *src, const plan *p, const plan_var *v)
{
	sb export = SB_INIT, what = SB_INIT;
	shim_param param = {"p0", v->cv};

	sb_printf(&export, "gopy_getvar_%s", v->sym);
	sb_printf(&what, "reads the variable %s.%s", v->decl->pkg ? v->decl->pkg->name : p->m->name, v->decl->name);
	emit_shim(cdef, src, p, &(shim){sb_str(&export), sb_str(&what), NULL, 0, false, &v->cv, 1,
				     v->cv->ret != NULL, false});
	sb_reset(&export), sb_reset(&what);
	sb_printf(&export, "gopy_setvar_%s", v->sym);
	sb_printf(&what, "writes the variable %s.%s", v->decl->pkg ? v->decl->pkg->name : p->m->name, v->decl->name);
	emit_shim(cdef, src, p, &(shim){sb_str(&export), sb_str(&what), &param, 1, false, NULL, 0, false, false});
	sb_free(&export), sb_free(&what);
}

/*
 * The view exports (emit_go.c) take plain C values: declared as they are,
 * "%s" standing for the view's name. A map has its own operations; a
 * slice or array of numbers or bools (flat) needs only make, since C reads
 * its elements in place.
 */
static const char *const view_make[] = {
	"gopy_fail_addr gopy_view_%s_make(gopy_seq a, GoInt64 *r0);",
	NULL,
};
static const char *const view_map_ops[] = {
	"gopy_fail_addr gopy_view_%s_len(GoInt64 h, GoInt *r0);",
	"gopy_fail_addr gopy_view_%s_get(GoInt64 h, void *key, void *out, GoUint8 *found);",
	"gopy_fail_addr gopy_view_%s_set(GoInt64 h, void *key, void *value);",
	"gopy_fail_addr gopy_view_%s_del(GoInt64 h, void *key, GoUint8 *found);",
	"gopy_fail_addr gopy_view_%s_items(GoInt64 h, void **r0, void **r1, GoInt *n);",
	"gopy_fail_addr gopy_view_%s_clear(GoInt64 h);",
	NULL,
};
static const char *const view_seq_ops[] = {
	"gopy_fail_addr gopy_view_%s_get(GoInt64 h, GoInt i, void *out);",
	"gopy_fail_addr gopy_view_%s_set(GoInt64 h, GoInt start, GoInt step, GoInt n, void *in);",
	"gopy_fail_addr gopy_view_%s_items(GoInt64 h, void **r0, GoInt *n);",
	NULL,
};

static void view_decls(printer *pr, const char *const *decls, const char *name)
{
	for (; *decls; decls++) {
		pr_start(pr, *decls, name);
		pr_end(pr);
	}
}

static void view_cdef(sb *cdef, const plan_view *v)
{
	printer pr = PRINTER_C(cdef);

	view_decls(&pr, view_make, v->name);
	if (v->cv->kind == CK_MAP)
		view_decls(&pr, view_map_ops, v->name);
	else if (!v->flat)
		view_decls(&pr, view_seq_ops, v->name);
}

/* Appends text as the body of a Python r""" string (C never holds """). */
static void add_py_raw(sb *out, const char *name, const char *text)
{
	sb_printf(out, "\n%s = r\"\"\"\n%s\"\"\"\n", name, text);
}

void emit_cffi(const plan *p, sb *out)
{
	sb cdef = SB_INIT, src = SB_INIT;

	sb_add(&cdef, cdef_go_types);
	cffi_abi_cdef(&cdef);
	sb_add(&cdef, cdef_symbols);
	if (has_ctx(p))
		sb_add(&cdef, cdef_ctx);
	sb_add(&src, source_prelude);
	for (int i = 0; i < p->nviews; i++)
		view_cdef(&cdef, p->views[i]);
	for (int i = 0; i < p->nclasses; i++) {
		const plan_class *c = &p->classes[i];
		if (c->kind == CLASS_STRUCT)
			struct_shims(&cdef, &src, p, c);
		for (int k = 0; k < c->nmethods; k++)
			func_shim(&cdef, &src, p, &c->methods[k]);
	}
	for (int i = 0; i < p->nfuncs; i++)
		func_shim(&cdef, &src, p, &p->funcs[i]);
	for (int i = 0; i < p->nvars; i++)
		var_shims(&cdef, &src, p, &p->vars[i]);

	sb_add(out, "# ");
	emit_generated_by(out, p);
	sb_printf(out, "\n#\n# The C half of the cffi module %s._native. Run with the interpreter the\n"
		  "# module is for, it writes cffi_module.c (cffi's out-of-line API mode), which\n"
		  "# `go build -buildmode=c-shared` compiles with the Go glue (glue.go) into\n"
		  "# %s/_native<EXT_SUFFIX>. The shims in SOURCE adapt each export to what cffi\n"
		  "# passes; %s/__init__.py calls them.\n\nimport cffi\n", p->modname, p->modname, p->modname);
	add_py_raw(out, "CDEF", sb_str(&cdef));
	add_py_raw(out, "SOURCE", sb_str(&src));
	sb_printf(out, "\nffi = cffi.FFI()\nffi.cdef(CDEF)\nffi.set_source(\"%s._native\", SOURCE)\n"
		  "ffi.emit_c_code(\"cffi_module.c\")\n", p->modname);
	sb_free(&cdef), sb_free(&src);
}
