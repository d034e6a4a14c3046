/*
 * src/capi/emit_module.c: writes module.c, the CPython C-API half of a module, in the
 * style of CPython's Modules/xxlimited.c: multi-phase init, module state,
 * heap types from PyType_Spec, METH_FASTCALL | METH_KEYWORDS. Each wrapper
 * binds its arguments, converts them with the convtab's converters,
 * releases the GIL for the one call into the Go glue, and converts the
 * results back (runtime/capi/gopy_rt.h, runtime/capi/gopy_obj.h).
 */
#include "capi.h"
#include "emit.h"
#include "conv_capi.h"
#include "emit_desc.h"
#include "printer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Names of the per-class converter helpers some wrapper calls. */
typedef struct used_set {
	const char **names;
	int n, cap;
} used_set;

static void use(used_set *u, const char *name)
{
	for (int i = 0; i < u->n; i++)
		if (!strcmp(u->names[i], name))
			return;
	if (u->n == u->cap)
		u->names = xrealloc(u->names, sizeof *u->names * (size_t)(u->cap = u->cap ? 2 * u->cap : 16));
	u->names[u->n++] = name;
}

static bool used(const used_set *u, const char *fmt, const char *cls)
{
	char name[256];

	snprintf(name, sizeof name, fmt, cls);
	for (int i = 0; i < u->n; i++)
		if (!strcmp(u->names[i], name))
			return true;
	return false;
}

/* Both directions: a field is read and written. */
static void use_conv(const plan *p, used_set *u, const conv *cv)
{
	use(u, capi_conv_of(p, cv).from_py);
	use(u, capi_conv_of(p, cv).to_py);
}

static void use_func(const plan *p, used_set *u, const plan_func *f)
{
	if (f->recv)
		use(u, capi_conv_of(p, f->recv->value).from_py);
	for (int i = 0; i < f->nparams; i++)
		use(u, capi_conv_of(p, f->params[i].cv).from_py);
	for (int i = 0; i < f->nresults; i++)
		use(u, capi_conv_of(p, f->results[i].cv).to_py);
}

static void collect_used(const plan *p, used_set *u)
{
	for (int i = 0; i < p->nfuncs; i++)
		use_func(p, u, &p->funcs[i]);
	for (int i = 0; i < p->nclasses; i++) {
		const plan_class *c = &p->classes[i];
		for (int k = 0; k < c->nmethods; k++)
			use_func(p, u, &c->methods[k]);
		for (int k = 0; k < c->nfields; k++)
			use_conv(p, u, c->fields[k].cv);
	}
	for (int i = 0; i < p->nvars; i++)
		use_conv(p, u, p->vars[i].cv);
	/* Every view converts its elements and keys. */
	for (int i = 0; i < p->nviews; i++) {
		use_conv(p, u, p->views[i]->ecv);
		if (p->views[i]->kcv)
			use_conv(p, u, p->views[i]->kcv);
	}
}

/* ---- helpers for C text ---- */

/* Appends s for use inside a C comment. */
static void add_comment_text(sb *out, const char *s)
{
	for (; *s; s++) {
		if (s[0] == '*' && s[1] == '/')
			sb_add(out, "* "); /* never close the comment early */
		else if (*s == '\n')
			sb_add(out, " ");
		else
			sb_addc(out, *s);
	}
}

/* Appends s as a C string literal on the line being built, one source line
 * per text line; the continuations `deeper` levels deeper, one space in
 * (under the opening quote's column, near enough). */
static void add_c_string(printer *pr, const char *s, int deeper)
{
	const char *line = s;

	pr_add(pr, "\"");
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line + 1) : strlen(line);
		char *part = xstrndup(line, n);

		sb_add_cescaped(pr->out, part);
		free(part);
		line += n;
		if (*line) {
			pr_add(pr, "\"");
			pr_wrap(pr, deeper, " ");
			pr_add(pr, "\"");
		}
	}
	pr_add(pr, "\"");
}

/* A docstring literal, or NULL. */
static void add_doc(printer *pr, const char *doc, int deeper)
{
	if (doc && *doc)
		add_c_string(pr, doc, deeper);
	else
		pr_add(pr, "NULL");
}

/* The docstring: a text signature for inspect.signature, then the Go doc. */
static void add_func_doc(printer *pr, const plan_func *f)
{
	sb doc = SB_INIT;

	/* $self: inspect drops it from bound methods (and shows it
	 * positional-only on the class, as for CPython's own methods). */
	sb_printf(&doc, "%s(%s", f->pyname, f->recv ? "$self" : "");
	for (int i = 0; i < f->nparams; i++) {
		if (i || f->recv)
			sb_add(&doc, ", ");
		if (f->variadic && i == f->nparams - 1)
			sb_addc(&doc, '*');
		sb_add(&doc, f->params[i].pyname);
	}
	sb_add(&doc, ")\n--\n\n");
	if (f->decl->doc)
		sb_add(&doc, f->decl->doc);
	add_c_string(pr, sb_str(&doc), 0);
	sb_free(&doc);
}

/* The start of a C function: a blank line, its type, its name with its
 * parameters, and the opening brace. */
static void func_open(printer *pr, const char *type, const char *fmt, ...) GOPY_PRINTF(3, 4);
static void func_open(printer *pr, const char *type, const char *fmt, ...)
{
	sb proto = SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&proto, fmt, ap);
	va_end(ap);
	pr_blank(pr);
	pr_line(pr, "%s", type);
	pr_line(pr, "%s", sb_str(&proto));
	pr_open(pr, "{");
	sb_free(&proto);
}

/* A static table: a blank line, "DECL = {", its entries, "};". */
static void table_open(printer *pr, const char *decl)
{
	pr_blank(pr);
	pr_open(pr, "%s = {", decl);
}

static void table_close(printer *pr)
{
	pr_close(pr, "};");
}

/* if (cond) stmt; on two lines. */
static void if_then(printer *pr, const char *cond, const char *stmt)
{
	pr_open(pr, "if (%s)", cond);
	pr_line(pr, "%s", stmt);
	pr_close(pr, NULL);
}

/* After a call into Go that failed: raise its failure and leave. */
static void raise_if(printer *pr, const char *cond)
{
	pr_open(pr, "if (%s) {", cond);
	pr_line(pr, "gopy_raise_fail(module, fail);");
	pr_line(pr, "goto done;");
	pr_close(pr, "}");
}

/* The end of a function with a gopy_frame: releases it, returns result. */
static void frame_done(printer *pr, const char *result)
{
	pr_label(pr, "done:");
	pr_line(pr, "gopy_frame_release(&f);");
	pr_line(pr, "return %s;", result);
	pr_close(pr, "}");
}

/* The next condition of an "if (a ||" chain, aligned under the first. */
static void or_next(printer *pr)
{
	pr_add(pr, " ||");
	pr_wrap(pr, 0, "    ");
}

/* ---- functions and methods ---- */

static int nfixed(const plan_func *f)
{
	return f->variadic ? f->nparams - 1 : f->nparams;
}

/* The C name prefix of a wrapper's statics: fn_Add, Point__Move (the
 * double underscore keeps type and member apart, as in the glue). */
static void c_name(sb *out, const plan_func *f)
{
	if (f->recv)
		sb_printf(out, "%s__%s", f->recv->pyname, f->decl->name);
	else
		sb_printf(out, "fn_%s", f->decl->name);
}

static void emit_decl_comment(printer *pr, const plan *p, const plan_func *f)
{
	sb decl = SB_INIT;

	emit_go_decl(&decl, p, f);
	pr_blank(pr);
	pr_start(pr, "/* ");
	add_comment_text(pr->out, sb_str(&decl));
	pr_add(pr, " */");
	pr_end(pr);
	sb_free(&decl);
}

/* static const gopy_sig NAME_sig = {...}; with its name and type tables. */
static void emit_sig_tables(printer *pr, const plan *p, const char *name, const char *pyname,
			    const plan_value *params, int nparams, bool variadic, desc_sig_kind kind)
{
	desc_sig s = desc_sig_of(p, pyname, params, nparams, variadic, kind);

	desc_sig_c(pr->out, &s, name);
	desc_sig_free(&s);
}

static void emit_to_py(sb *out, const plan *p, const conv *cv, const char *value)
{
	capi_conv cc = capi_conv_of(p, cv);

	sb_printf(out, "%s(%s%s)", cc.to_py, cc.to_py_module ? "module, " : "", value);
}

/* The Python value of r0, the result of an export that returns it
 * (ret_ctype for direct ones, narrowed back to what the converter takes). */
static void emit_r0_to_py(sb *out, const plan *p, const conv *cv, bool direct)
{
	sb r0 = SB_INIT;

	if (direct)
		sb_printf(&r0, "(%s)r0", cv->c_out_type);
	else
		sb_add(&r0, "r0");
	emit_to_py(out, p, cv, sb_str(&r0));
	sb_free(&r0);
}

static void emit_results(printer *pr, const plan *p, const plan_func *f)
{
	char r[16];

	if (f->nresults == 0) {
		pr_line(pr, "Py_INCREF(Py_None);");
		pr_line(pr, "res = Py_None;");
	} else if (f->nresults == 1) {
		pr_start(pr, "res = ");
		emit_r0_to_py(pr->out, p, f->results[0].cv, f->direct);
		pr_add(pr, ";");
		pr_end(pr);
	} else {
		/* Convert every result (converters free or release what Go
		 * handed over) before checking for failure. */
		pr_line(pr, "PyObject *items[%d];", f->nresults);
		for (int i = 0; i < f->nresults; i++) {
			snprintf(r, sizeof r, "r%d", i);
			pr_start(pr, "items[%d] = ", i);
			emit_to_py(pr->out, p, f->results[i].cv, r);
			pr_add(pr, ";");
			pr_end(pr);
		}
		pr_line(pr, "res = gopy_tuple(items, %d);", f->nresults);
	}
}

/* The wrapper's locals: bound arguments, converted values, results. */
static void wrapper_locals(printer *pr, const plan_func *f, const char *name)
{
	int nfix = nfixed(f);

	pr_line(pr, "gopy_frame f = GOPY_FRAME_INIT(&%s_sig, module);", name);
	pr_line(pr, "PyObject *argv[%d];", nfix ? nfix : 1);
	if (f->variadic) {
		pr_line(pr, "PyObject *const *va;");
		pr_line(pr, "Py_ssize_t nva;");
	}
	if (f->recv)
		pr_line(pr, "%s recv;", f->recv->value->c_type);
	for (int i = 0; i < f->nparams; i++)
		pr_line(pr, "%s %sp%d;", f->params[i].cv->c_type, f->variadic && i == nfix ? "*" : "", i);
	for (int i = 0; i < f->nresults; i++) {
		const conv *cv = f->results[i].cv;
		pr_line(pr, "%s r%d;", f->direct ? cv->ret->ctype : cv->c_out_type, i);
	}
	pr_line(pr, "gopy_fail_addr fail;");
	pr_line(pr, "PyObject *res = NULL;");
	pr_blank(pr);
}

/* Binds and converts every argument, in one condition. */
static void wrapper_args(printer *pr, const plan *p, const plan_func *f)
{
	int nfix = nfixed(f);

	pr_start(pr, "if (");
	if (f->recv) {
		pr_add(pr, "%s(&f, -1, self, &recv) < 0", capi_conv_of(p, f->recv->value).from_py);
		or_next(pr);
	}
	pr_add(pr, "gopy_bind_args(&f, args, nargs, kwnames, argv, %s) < 0", f->variadic ? "&va, &nva" : "NULL, NULL");
	for (int i = 0; i < f->nparams; i++) {
		const conv *cv = f->params[i].cv;
		or_next(pr);
		if (f->variadic && i == nfix)
			pr_add(pr, "gopy_to_varargs(&f, %d, va, nva, sizeof(%s), %s, (void **)&p%d) < 0", i, cv->c_type,
			       capi_conv_of(p, cv).from_py, i);
		else
			pr_add(pr, "%s(&f, %d, argv[%d], &p%d) < 0", capi_conv_of(p, cv).from_py, i, i, i);
	}
	pr_add(pr, ")");
	pr_end_open(pr);
	pr_line(pr, "goto done;");
	pr_close(pr, NULL);
}

/* The one call into Go, without the GIL. GOPY_GO*: refused in a forked
 * child through the failure path (gopy_abi.h). */
static void wrapper_call(printer *pr, const plan_func *f)
{
	const char *sentinel = f->direct ? f->results[0].cv->ret->sentinel_name : NULL;
	int n = 0;

	pr_line(pr, "Py_BEGIN_ALLOW_THREADS");
	if (f->direct)
		pr_start(pr, "r0 = GOPY_GO_DIRECT(%s, ", sentinel);
	else
		pr_start(pr, "fail = GOPY_GO(");
	emit_export_name(pr->out, f);
	pr_add(pr, "(");
	if (f->recv)
		pr_add(pr, "recv"), n++;
	for (int i = 0; i < f->nparams; i++, n++) {
		pr_add(pr, "%sp%d", n ? ", " : "", i);
		if (f->variadic && i == nfixed(f))
			pr_add(pr, ", (GoInt)nva");
	}
	for (int i = 0; !f->direct && i < f->nresults; i++, n++)
		pr_add(pr, "%s&r%d", n ? ", " : "", i);
	pr_add(pr, "));");
	pr_end(pr);
	pr_line(pr, "Py_END_ALLOW_THREADS");
	if (f->direct) {
		sb cond = SB_INIT;
		sb_printf(&cond, "r0 == %s && (fail = gopy_take_fail()) != 0", sentinel);
		raise_if(pr, sb_str(&cond));
		sb_free(&cond);
	} else {
		raise_if(pr, "fail");
	}
}

static void emit_wrapper(printer *pr, const plan *p, const plan_func *f)
{
	sb nm = SB_INIT, pyname = SB_INIT;

	c_name(&nm, f);
	const char *name = sb_str(&nm);
	if (f->recv)
		sb_printf(&pyname, "%s.%s", f->recv->pyname, f->pyname);
	else
		sb_add(&pyname, f->pyname);
	emit_decl_comment(pr, p, f);
	emit_sig_tables(pr, p, name, sb_str(&pyname), f->params, f->nparams, f->variadic, DS_CALL);
	if (f->recv) {
		func_open(pr, "static PyObject *",
			  "%s(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)", name);
		pr_line(pr, "PyObject *module = gopy_module_of(self, &module_def);");
		pr_blank(pr);
		if_then(pr, "!module", "return NULL;");
	} else {
		func_open(pr, "static PyObject *",
			  "%s(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)", name);
	}
	wrapper_locals(pr, f, name);
	wrapper_args(pr, p, f);
	wrapper_call(pr, f);
	emit_results(pr, p, f);
	frame_done(pr, "res");
	sb_free(&nm), sb_free(&pyname);
}

static void emit_method_entry(printer *pr, const plan_func *f, const char *flags)
{
	sb nm = SB_INIT;

	c_name(&nm, f);
	pr_start(pr, "{\"%s\", (PyCFunction)(void (*)(void))%s, %s,", f->pyname, sb_str(&nm), flags);
	pr_wrap(pr, 0, " ");
	add_func_doc(pr, f);
	pr_add(pr, "},");
	pr_end(pr);
	sb_free(&nm);
}

/* ---- views: slices, arrays and maps (runtime/capi/gopy_view.h) ---- */

/* The exports of a view's element operations, in gopy_viewdef's order. */
static const char *const seq_ops[] = {"get", "set", "items", NULL};
static const char *const map_ops[] = {"len", "get", "set", "del", "items", "clear", NULL};

/* What differs between the kinds of container. */
static const struct view_capi {
	const char *kind;        /* gopy_viewdef.kind */
	const char *elemname;    /* how messages name an element */
	const char *newparam;    /* a named view's constructor's parameter */
	bool keyed;              /* elements have keys */
	bool seq, map;           /* which of seq_ops and map_ops it has (unless flat) */
} view_capi[CK_COUNT] = {
	[CK_SLICE] = {"GOPY_VIEW_SLICE", "element", "items", false, true, false},
	[CK_ARRAY] = {"GOPY_VIEW_ARRAY", "element", "items", false, true, false},
	[CK_MAP] = {"GOPY_VIEW_MAP", "value", "mapping", true, false, true},
};

static const struct view_capi *view_kind(const plan_view *v)
{
	return &view_capi[v->cv->kind];
}

/* view_X_elem / view_X_key: the element's C value at p as Python. */
static void emit_elem_to_py(printer *pr, const plan *p, const plan_view *v, const char *which, const conv *cv)
{
	capi_conv cc = capi_conv_of(p, cv);

	func_open(pr, "static PyObject *", "view_%s_%s(PyObject *module, const void *p)", v->name, which);
	if (!cc.to_py_module)
		pr_line(pr, "(void)module;");
	pr_line(pr, "return %s(%s*(const %s *)p);", cc.to_py, cc.to_py_module ? "module, " : "", cv->c_out_type);
	pr_close(pr, "}");
}

/* A gopy_elem initializer. */
static void emit_elem(printer *pr, const plan *p, const plan_view *v, bool key)
{
	desc_elem e = desc_elem_of(p, v, key);

	pr_indent(pr);
	desc_elem_c(pr->out, p, &e);
	pr_add(pr, ",");
	pr_end(pr);
}

/* A line of a quoted C string: "s", (escaped). */
static void string_line(printer *pr, const char *s, const char *after)
{
	pr_start(pr, "\"");
	sb_add_cescaped(pr->out, s);
	pr_add(pr, "\"%s", after);
	pr_end(pr);
}

/* One slot of gopy_viewdef per op: its export, or NULL when absent. */
static void view_ops(printer *pr, const plan_view *v, const char *const *ops, bool present)
{
	for (int i = 0; ops[i]; i++)
		if (present)
			pr_line(pr, "gopy_view_%s_%s,", v->name, ops[i]);
		else
			pr_line(pr, "NULL,");
}

/* The signatures messages use: of an element (view_X_elemsig) and, for a
 * named view, of its constructor (view_X_newsig). */
static void emit_view_sigs(printer *pr, const plan *p, const plan_view *v, const char *T)
{
	const struct view_capi *k = view_kind(v);
	const char *n = v->name;

	pr_blank(pr);
	pr_line(pr, "static const char *const view_%s_elemnames[] = {\"%s\", \"key\"};", n, k->elemname);
	pr_start(pr, "static const char *const view_%s_elemtypes[] = {\"", n);
	sb_add_cescaped(pr->out, model_type_at(p->m, v->elem)->shown);
	pr_add(pr, "\", \"");
	if (k->keyed)
		sb_add_cescaped(pr->out, model_type_at(p->m, v->key)->shown);
	pr_add(pr, "\"};");
	pr_end(pr);
	pr_start(pr, "static const gopy_sig view_%s_elemsig = {\"", n);
	sb_add_cescaped(pr->out, T);
	pr_add(pr, "\", 2, view_%s_elemnames, view_%s_elemtypes, 0, GOPY_SIG_ELEM};", n, n);
	pr_end(pr);
	if (!v->cls)
		return;
	pr_line(pr, "static const char *const view_%s_newparams[] = {\"%s\"};", n, k->newparam);
	pr_start(pr, "static const char *const view_%s_newtypes[] = {\"", n);
	sb_add_cescaped(pr->out, T);
	pr_add(pr, "\"};");
	pr_end(pr);
	pr_line(pr, "static const gopy_sig view_%s_newsig = {\"%s\", 1, view_%s_newparams, view_%s_newtypes, 0, "
		    "GOPY_SIG_NEW};", n, v->cls->pyname, n, n);
}

static void emit_view(printer *pr, const plan *p, const plan_view *v)
{
	const struct view_capi *k = view_kind(v);
	const char *n = v->name, *T = model_type_at(p->m, v->type)->shown;

	pr_blank(pr);
	pr_line(pr, "/* ---- the Go type %s ---- */", T);
	emit_elem_to_py(pr, p, v, "elem", v->ecv);
	if (k->keyed)
		emit_elem_to_py(pr, p, v, "key", v->kcv);
	emit_view_sigs(pr, p, v, T);

	pr_blank(pr);
	pr_open(pr, "static const gopy_viewdef view_%s_def = {", n);
	pr_line(pr, "&module_def,");
	string_line(pr, T, ",");
	string_line(pr, v->u->spell, ",");
	pr_line(pr, "%s,", k->kind);
	pr_line(pr, "%lld,", v->u->kind == TK_ARRAY ? v->u->len : 0LL);
	if (v->cls)
		pr_line(pr, "CLASS_%s,", v->cls->pyname);
	else
		pr_line(pr, "-1,");
	pr_line(pr, "&view_%s_elemsig,", n);
	if (v->cls)
		pr_line(pr, "&view_%s_newsig,", n);
	else
		pr_line(pr, "NULL,");
	emit_elem(pr, p, v, false);
	if (k->keyed)
		emit_elem(pr, p, v, true);
	else
		pr_line(pr, "{NULL, NULL, 0, 0, NULL, NULL},");
	pr_line(pr, "gopy_view_%s_make,", n);
	view_ops(pr, v, seq_ops, k->seq && !v->flat);
	view_ops(pr, v, map_ops, k->map && !v->flat);
	table_close(pr);
	/* Not every view's converters are called: one may serve only as an
	 * element of another, or only a skipped function needed it. */
	func_open(pr, "GOPY_MAYBE_UNUSED static int", "to_view_%s(gopy_frame *f, int idx, PyObject *o, void *out)", n);
	pr_line(pr, "return gopy_to_view(f, idx, o, out, &view_%s_def);", n);
	pr_close(pr, "}");
	func_open(pr, "GOPY_MAYBE_UNUSED static PyObject *", "from_view_%s(PyObject *module, GoInt64 h)", n);
	pr_line(pr, "return gopy_from_view(module, &view_%s_def, h);", n);
	pr_close(pr, "}");
}

/* ---- classes ---- */

static void emit_struct_converters(printer *pr, const plan *p, const plan_class *c, const used_set *u)
{
	const char *n = c->pyname;

	(void)p;
	if (used(u, "to_%s", n)) {
		func_open(pr, "static int", "to_%s(gopy_frame *f, int idx, PyObject *o, void *out)", n);
		pr_line(pr, "return gopy_to_handle(f, idx, o, out, CLASS_%s, 0);", n);
		pr_close(pr, "}");
	}
	if (used(u, "to_%s_ptr", n)) {
		func_open(pr, "static int", "to_%s_ptr(gopy_frame *f, int idx, PyObject *o, void *out)", n);
		pr_line(pr, "return gopy_to_handle(f, idx, o, out, CLASS_%s, 1);", n);
		pr_close(pr, "}");
	}
	if (used(u, "from_%s", n)) {
		func_open(pr, "static PyObject *", "from_%s(PyObject *module, GoInt64 h)", n);
		pr_line(pr, "return gopy_from_handle(module, CLASS_%s, h);", n);
		pr_close(pr, "}");
	}
}

static void emit_named_converters(printer *pr, const plan *p, const plan_class *c, const used_set *u)
{
	const char *n = c->pyname;

	if (!used(u, "from_%s", n))
		return;
	func_open(pr, "static PyObject *", "from_%s(PyObject *module, %s v)", n, c->underlying->c_out_type);
	pr_line(pr, "return gopy_from_named(module, CLASS_%s, %s(v));", n, capi_conv_of(p, c->underlying).to_py);
	pr_close(pr, "}");
}

/*
 * A get/set pair for a property: a struct field (self is an instance; the
 * export takes its handle) or a package variable (self is the module).
 */
typedef struct accessor {
	const char *cname;     /* suffix of the C names: Point_X, var_Counter */
	const char *signame;   /* gopy_sig name: "calc.Point", "calc" */
	desc_sig_kind sigkind; /* DS_FIELD or DS_VAR */
	const char *member;    /* the field or variable's Python name */
	int type;
	const conv *cv;
	const char *get, *set; /* the Go exports */
	bool on_module;        /* a package variable */
} accessor;

static void emit_getter(printer *pr, const plan *p, const accessor *a, const char *module, const char *handle)
{
	const conv *cv = a->cv;

	func_open(pr, "static PyObject *", "get_%s(PyObject *self, void *closure)", a->cname);
	pr_line(pr, "PyObject *module = %s;", module);
	pr_line(pr, "%s r0;", cv->ret ? cv->ret->ctype : cv->c_out_type);
	pr_line(pr, "gopy_fail_addr fail;");
	pr_blank(pr);
	pr_line(pr, "(void)closure;");
	if_then(pr, "!module", "return NULL;");
	if (cv->ret) { /* the export returns the value (emit_go.c: emit_read) */
		pr_line(pr, "r0 = GOPY_GO_DIRECT(%s, %s(%s));", cv->ret->sentinel_name, a->get, handle);
		pr_open(pr, "if (r0 == %s && (fail = gopy_take_fail()) != 0)", cv->ret->sentinel_name);
	} else {
		pr_line(pr, "fail = GOPY_GO(%s(%s%s&r0));", a->get, handle, *handle ? ", " : "");
		pr_open(pr, "if (fail)");
	}
	pr_line(pr, "return gopy_raise_fail(module, fail);");
	pr_close(pr, NULL);
	pr_start(pr, "return ");
	emit_r0_to_py(pr->out, p, cv, cv->ret != NULL);
	pr_add(pr, ";");
	pr_end(pr);
	pr_close(pr, "}");
}

static void emit_setter(printer *pr, const plan *p, const accessor *a, const char *module, const char *handle)
{
	sb call = SB_INIT;

	func_open(pr, "static int", "set_%s(PyObject *self, PyObject *value, void *closure)", a->cname);
	pr_line(pr, "PyObject *module = %s;", module);
	pr_line(pr, "gopy_frame f = GOPY_FRAME_INIT(&%s_sig, module);", a->cname);
	pr_line(pr, "%s p0;", a->cv->c_type);
	pr_line(pr, "gopy_fail_addr fail;");
	pr_line(pr, "int rc = -1;");
	pr_blank(pr);
	pr_line(pr, "(void)closure;");
	if_then(pr, "!module", "return -1;");
	if_then(pr, "!value", a->on_module ? "return gopy_var_delete(f.sig);" : "return gopy_field_delete(&f);");
	sb_printf(&call, "%s(&f, 0, value, &p0) < 0", capi_conv_of(p, a->cv).from_py);
	if_then(pr, sb_str(&call), "goto done;");
	pr_line(pr, "fail = GOPY_GO(%s(%s%sp0));", a->set, handle, *handle ? ", " : "");
	raise_if(pr, "fail");
	pr_line(pr, "rc = 0;");
	frame_done(pr, "rc");
	sb_free(&call);
}

static void emit_accessor(printer *pr, const plan *p, const accessor *a)
{
	plan_value pv = {.goname = a->member, .pyname = a->member, .type = a->type, .cv = a->cv};
	const char *module = a->on_module ? "self" : "gopy_module_of(self, &module_def)";
	const char *handle = a->on_module ? "" : "((gopy_object *)self)->handle";

	emit_sig_tables(pr, p, a->cname, a->signame, &pv, 1, false, a->sigkind);
	emit_getter(pr, p, a, module, handle);
	emit_setter(pr, p, a, module, handle);
}

static void emit_field(printer *pr, const plan *p, const plan_class *c, const plan_field *fd)
{
	sb cname = SB_INIT, qual = SB_INIT, get = SB_INIT, set = SB_INIT;

	sb_printf(&cname, "%s__%s", c->pyname, fd->name);
	sb_printf(&qual, "%s.%s", p->modname, c->pyname);
	emit_member_export(&get, "get", c, fd->name);
	emit_member_export(&set, "set", c, fd->name);
	pr_blank(pr);
	pr_line(pr, "/* the field %s.%s %s */", c->named->shown, fd->name, model_type_at(p->m, fd->type)->shown);
	accessor a = {sb_str(&cname), sb_str(&qual), DS_FIELD, fd->pyname, fd->type, fd->cv,
		      sb_str(&get), sb_str(&set), false};
	emit_accessor(pr, p, &a);
	sb_free(&cname), sb_free(&qual), sb_free(&get), sb_free(&set);
}

static void emit_var(printer *pr, const plan *p, const plan_var *v)
{
	const char *name = v->decl->name;
	sb cname = SB_INIT, get = SB_INIT, set = SB_INIT;

	sb_printf(&cname, "var_%s", name);
	sb_printf(&get, "gopy_getvar_%s", name);
	sb_printf(&set, "gopy_setvar_%s", name);
	pr_blank(pr);
	pr_line(pr, "/* the variable %s.%s %s */", p->m->name, name, model_type_at(p->m, v->decl->type)->shown);
	accessor a = {sb_str(&cname), p->modname, DS_VAR, v->pyname, v->decl->type, v->cv,
		      sb_str(&get), sb_str(&set), true};
	emit_accessor(pr, p, &a);
	sb_free(&cname), sb_free(&get), sb_free(&set);
}

/* One PyGetSetDef entry: {"name", get, set, doc, NULL}. */
static void getset_entry(printer *pr, const char *pyname, const char *get, const char *set, const char *doc)
{
	pr_start(pr, "{\"%s\", %s, %s, ", pyname, get, set);
	add_doc(pr, doc, 0);
	pr_add(pr, ", NULL},");
	pr_end(pr);
}

/* Package variables are properties of the module's own ModuleType subclass. */
static void emit_module_type(printer *pr, const plan *p)
{
	sb get = SB_INIT, set = SB_INIT;

	if (!p->nvars)
		return;
	pr_blank(pr);
	pr_line(pr, "/* ---- package variables ---- */");
	for (int i = 0; i < p->nvars; i++)
		emit_var(pr, p, &p->vars[i]);
	table_open(pr, "static PyGetSetDef module_vars[]");
	for (int i = 0; i < p->nvars; i++) {
		const char *name = p->vars[i].decl->name;
		sb_reset(&get), sb_reset(&set);
		sb_printf(&get, "get_var_%s", name);
		sb_printf(&set, "set_var_%s", name);
		getset_entry(pr, p->vars[i].pyname, sb_str(&get), sb_str(&set), p->vars[i].decl->doc);
	}
	pr_line(pr, "{NULL, NULL, NULL, NULL, NULL}");
	table_close(pr);
	table_open(pr, "static PyMethodDef module_type_methods[]");
	pr_line(pr, "{\"__dir__\", gopy_module_dir, METH_NOARGS, \"The module's names and its Go variables.\"},");
	pr_line(pr, "{NULL, NULL, 0, NULL}");
	table_close(pr);
	table_open(pr, "static PyType_Slot module_type_slots[]");
	pr_line(pr, "{Py_tp_getset, module_vars},");
	pr_line(pr, "{Py_tp_methods, module_type_methods},");
	pr_line(pr, "{0, NULL}");
	table_close(pr);
	table_open(pr, "static PyType_Spec module_type_spec");
	pr_line(pr, ".name = \"%s.module\",", p->modname);
	pr_line(pr, ".flags = Py_TPFLAGS_DEFAULT,");
	pr_line(pr, ".slots = module_type_slots,");
	table_close(pr);
	sb_free(&get), sb_free(&set);
}

/* The C expression of a constant's value. */
static void emit_const_value(sb *out, const plan_const *c)
{
	const model_decl *d = c->decl;

	if (c->cls)
		sb_printf(out, "gopy_from_named(module, CLASS_%s, ", c->cls->pyname);
	sb_printf(out, "gopy_const_value(%s, \"", convtab_const(d->ckind)->c_kind);
	/* With its length: a Go string constant may hold NUL. */
	sb_add_cescapedn(out, d->value, d->valuelen);
	sb_printf(out, "\", %zu)", d->valuelen);
	if (c->cls)
		sb_addc(out, ')');
}

/* Point_fill: sets the given fields of the value with handle h, or of a
 * new value when h is 0; *out receives the handle. */
static void emit_struct_fill(printer *pr, const plan *p, const plan_class *c, const plan_value *params, int k)
{
	const char *n = c->pyname;
	sb exp = SB_INIT, cond = SB_INIT;

	func_open(pr, "static int", "%s_fill(PyObject *module, GoInt64 h, PyObject *args, PyObject *kwargs, "
		  "GoInt64 *out)", n);
	pr_line(pr, "gopy_frame f = GOPY_FRAME_INIT(&%s_new_sig, module);", n);
	pr_line(pr, "PyObject *argv[%d];", k ? k : 1);
	if (k) {
		pr_open(pr, "struct {");
		for (int i = 0; i < k; i++)
			pr_line(pr, "%s p%d; /* %s */", params[i].cv->c_type, i, params[i].goname);
		pr_close(pr, "} v = {0};");
	}
	pr_line(pr, "GoUint64 set = 0;");
	pr_line(pr, "gopy_fail_addr fail;");
	pr_line(pr, "int rc = -1;");
	pr_blank(pr);
	if_then(pr, "gopy_bind_new(&f, args, kwargs, argv) < 0", "goto done;");
	for (int i = 0; i < k; i++) {
		sb_reset(&cond);
		sb_printf(&cond, "%s(&f, %d, argv[%d], &v.p%d) < 0", capi_conv_of(p, params[i].cv).from_py, i, i, i);
		pr_open(pr, "if (argv[%d]) {", i);
		if_then(pr, sb_str(&cond), "goto done;");
		pr_line(pr, "set |= (GoUint64)1 << %d;", i);
		pr_close(pr, "}");
	}
	emit_member_export(&exp, "init", c, NULL);
	pr_start(pr, "fail = GOPY_GO(%s(h, set", sb_str(&exp));
	for (int i = 0; i < k; i++)
		pr_add(pr, ", v.p%d", i);
	pr_add(pr, ", out));");
	pr_end(pr);
	raise_if(pr, "fail");
	pr_line(pr, "rc = 0;");
	frame_done(pr, "rc");
	sb_free(&exp), sb_free(&cond);
}

/*
 * Construction: Point(X, Y) sets the fields given, by position or name, in
 * one call to gopy_init_Point. tp_new does it when the class's __init__ is
 * ours (so __init__ then has nothing left to do); when a Python subclass
 * defines its own __init__, tp_new makes a zero value and our __init__
 * (reached through super().__init__) fills in the fields.
 */
static void emit_struct_new(printer *pr, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;
	plan_value *params = xcalloc((size_t)c->nfields + 1, sizeof *params);
	sb sig = SB_INIT, line = SB_INIT;
	int k = 0;

	for (int i = 0; i < c->nfields; i++)
		if (c->fields[i].ctor)
			params[k++] = (plan_value){.goname = c->fields[i].name, .pyname = c->fields[i].pyname,
						   .type = c->fields[i].type, .cv = c->fields[i].cv};
	sb_printf(&sig, "%s_new", n);
	pr_blank(pr);
	pr_line(pr, "/* %s(...): fields not given keep their zero value. */", n);
	emit_sig_tables(pr, p, sb_str(&sig), n, params, k, false, DS_NEW);
	emit_struct_fill(pr, p, c, params, k);

	pr_blank(pr);
	pr_line(pr, "static int %s_init(PyObject *self, PyObject *args, PyObject *kwargs);", n);
	func_open(pr, "static PyObject *", "%s_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)", n);
	pr_line(pr, "PyObject *module = gopy_module_of_type(cls, &module_def);");
	pr_line(pr, "GoInt64 h;");
	pr_blank(pr);
	sb_printf(&line, "gopy_check_new(module, cls, CLASS_%s, &module_def, \"%s\") < 0", n, n);
	if_then(pr, sb_str(&line), "return NULL;");
	sb_reset(&line);
	sb_printf(&line, "cls->tp_init != %s_init", n);
	if_then(pr, sb_str(&line), "args = kwargs = NULL; /* for the subclass's __init__ */");
	sb_reset(&line);
	sb_printf(&line, "%s_fill(module, 0, args, kwargs, &h) < 0", n);
	if_then(pr, sb_str(&line), "return NULL;");
	pr_line(pr, "return gopy_object_wrap(cls, h);");
	pr_close(pr, "}");

	func_open(pr, "static int", "%s_init(PyObject *self, PyObject *args, PyObject *kwargs)", n);
	pr_line(pr, "PyObject *module;");
	pr_line(pr, "GoInt64 h;");
	pr_blank(pr);
	sb_reset(&line);
	sb_printf(&line, "Py_TYPE(self)->tp_init == %s_init", n);
	if_then(pr, sb_str(&line), "return 0; /* tp_new took the arguments */");
	if_then(pr, "!(module = gopy_module_of(self, &module_def))", "return -1;");
	pr_line(pr, "return %s_fill(module, ((gopy_object *)self)->handle, args, kwargs, &h);", n);
	pr_close(pr, "}");
	free(params);
	sb_free(&sig), sb_free(&line);
}

/* A slot function whose body is one return statement. */
static void slot_func(printer *pr, const char *type, const char *proto, const char *ret)
{
	func_open(pr, type, "%s", proto);
	pr_line(pr, "return %s;", ret);
	pr_close(pr, "}");
}

static void emit_struct_slots(printer *pr, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;
	sb proto = SB_INIT, ret = SB_INIT;

	/* repr shows the struct's own fields; promoted ones appear inside the
	 * embedded field's repr. */
	pr_blank(pr);
	pr_start(pr, "static const char *const %s_fieldnames[] = {", n);
	for (int i = 0; i < c->nfields; i++)
		if (!c->fields[i].promoted)
			pr_add(pr, "\"%s\", ", c->fields[i].pyname);
	pr_add(pr, "NULL};");
	pr_end(pr);
	pr_blank(pr);
	pr_open(pr, "static const gopy_structdef %s_def = {", n);
	pr_line(pr, "&module_def,");
	pr_line(pr, "\"%s.%s\",", p->modname, n);
	pr_line(pr, "%s_fieldnames,", n);
	pr_indent(pr);
	emit_member_export(pr->out, "copy", c, NULL);
	pr_add(pr, ",");
	pr_end(pr);
	pr_indent(pr);
	if (c->comparable)
		emit_member_export(pr->out, "eq", c, NULL);
	else
		pr_add(pr, "NULL");
	pr_add(pr, ",");
	pr_end(pr);
	pr_indent(pr);
	if (c->string)
		emit_export_name(pr->out, c->string);
	else
		pr_add(pr, "NULL");
	pr_add(pr, ",");
	pr_end(pr);
	table_close(pr);

#define SLOT(type, proto_fmt, ret_fmt) \
	do { \
		sb_reset(&proto), sb_reset(&ret); \
		sb_printf(&proto, proto_fmt, n); \
		sb_printf(&ret, ret_fmt, n); \
		slot_func(pr, type, sb_str(&proto), sb_str(&ret)); \
	} while (0)
	SLOT("static PyObject *", "%s_repr(PyObject *self)", "gopy_object_repr(self, &%s_def)");
	if (c->string)
		SLOT("static PyObject *", "%s_str(PyObject *self)", "gopy_object_str(self, &%s_def)");
	if (c->comparable)
		SLOT("static PyObject *", "%s_richcompare(PyObject *self, PyObject *other, int op)",
		     "gopy_object_richcompare(self, other, op, &%s_def)");
#undef SLOT
	func_open(pr, "static PyObject *", "%s_copy(PyObject *self, PyObject *unused)", n);
	pr_line(pr, "(void)unused;");
	pr_line(pr, "return gopy_object_copy(self, 0, &%s_def);", n);
	pr_close(pr, "}");
	func_open(pr, "static PyObject *", "%s_deepcopy(PyObject *self, PyObject *memo)", n);
	pr_line(pr, "(void)memo;");
	pr_line(pr, "return gopy_object_copy(self, 1, &%s_def);", n);
	pr_close(pr, "}");
	sb_free(&proto), sb_free(&ret);
}

/* str() of a named basic or container value is its String method, looked up
 * on the instance as Python's own __str__ would be (a subclass may override
 * it). Structs call the export directly (gopy_object_str). */
static void emit_string_slot(printer *pr, const plan_class *c)
{
	func_open(pr, "static PyObject *", "%s_str(PyObject *self)", c->pyname);
	pr_line(pr, "return PyObject_CallMethod(self, \"%s\", NULL);", c->string->pyname);
	pr_close(pr, "}");
}

static void emit_struct_members(printer *pr, const plan *p, const plan_class *c)
{
	for (int i = 0; i < c->nfields; i++)
		emit_field(pr, p, c, &c->fields[i]);
	emit_struct_new(pr, p, c);
	emit_struct_slots(pr, p, c);
}

static void emit_named_members(printer *pr, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;
	plan_value value = {.goname = "value", .pyname = "value", .type = c->decl->type, .cv = c->value};
	int as_bool = c->underlying->kind == CK_BOOL;
	sb sig = SB_INIT;

	pr_blank(pr);
	pr_line(pr, "/* %s(value): checks that value fits %s. */", n, c->named->shown);
	sb_printf(&sig, "%s_new", n);
	emit_sig_tables(pr, p, sb_str(&sig), n, &value, 1, false, DS_NEW);
	sb_free(&sig);
	func_open(pr, "static PyObject *", "%s_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)", n);
	pr_line(pr, "return gopy_named_new(cls, args, kwargs, %s, &%s_new_sig);", capi_conv_of(p, c->value).from_py, n);
	pr_close(pr, "}");
	func_open(pr, "static PyObject *", "%s_repr(PyObject *self)", n);
	pr_line(pr, "return gopy_named_repr(self, \"%s.%s\", %d);", p->modname, n, as_bool);
	pr_close(pr, "}");
	if (c->string) {
		emit_string_slot(pr, c);
		return;
	}
	func_open(pr, "static PyObject *", "%s_str(PyObject *self)", n);
	pr_line(pr, "return gopy_named_str(self, %d);", as_bool);
	pr_close(pr, "}");
}

/* Everything else comes from the generic view class it derives from. */
static void emit_view_members(printer *pr, const plan *p, const plan_class *c)
{
	(void)p;
	func_open(pr, "static PyObject *", "%s_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)", c->pyname);
	pr_line(pr, "return gopy_view_new(cls, args, kwargs, &view_%s_def);", c->view->name);
	pr_close(pr, "}");
	if (c->string)
		emit_string_slot(pr, c);
}

static void struct_methods(printer *pr, const plan_class *c)
{
	pr_line(pr, "{\"__copy__\", %s_copy, METH_NOARGS, \"An independent Go copy.\"},", c->pyname);
	pr_line(pr, "{\"__deepcopy__\", %s_deepcopy, METH_O,", c->pyname);
	pr_line(pr, " \"An independent Go copy, including what pointers reach.\"},");
}

static void struct_getset(printer *pr, const plan_class *c)
{
	sb get = SB_INIT, set = SB_INIT, decl = SB_INIT;

	sb_printf(&decl, "static PyGetSetDef %s_getset[]", c->pyname);
	table_open(pr, sb_str(&decl));
	for (int i = 0; i < c->nfields; i++) {
		const plan_field *fd = &c->fields[i];
		sb_reset(&get), sb_reset(&set);
		sb_printf(&get, "get_%s__%s", c->pyname, fd->name);
		sb_printf(&set, "set_%s__%s", c->pyname, fd->name);
		getset_entry(pr, fd->pyname, sb_str(&get), sb_str(&set), fd->doc);
	}
	pr_line(pr, "{NULL, NULL, NULL, NULL, NULL}");
	table_close(pr);
	sb_free(&get), sb_free(&set), sb_free(&decl);
}

static void struct_slots_before(printer *pr, const plan_class *c)
{
	pr_line(pr, "{Py_tp_repr, %s_repr},", c->pyname);
	pr_line(pr, "{Py_tp_init, %s_init},", c->pyname);
	if (c->string)
		pr_line(pr, "{Py_tp_str, %s_str},", c->pyname);
}

/* Go values are mutable: unhashable, as Python does for mutable values. */
static void struct_slots_after(printer *pr, const plan_class *c)
{
	pr_line(pr, "{Py_tp_getset, %s_getset},", c->pyname);
	pr_line(pr, "{Py_tp_dealloc, gopy_object_dealloc},");
	pr_line(pr, "{Py_tp_hash, PyObject_HashNotImplemented},");
	pr_line(pr, "GOPY_STRUCT_PYPY_SLOTS");
	if (c->comparable)
		pr_line(pr, "{Py_tp_richcompare, %s_richcompare},", c->pyname);
}

static void named_slots_before(printer *pr, const plan_class *c)
{
	pr_line(pr, "{Py_tp_repr, %s_repr},", c->pyname);
	pr_line(pr, "{Py_tp_str, %s_str},", c->pyname);
}

static void view_slots_before(printer *pr, const plan_class *c)
{
	if (c->string)
		pr_line(pr, "{Py_tp_str, %s_str},", c->pyname);
}

/* gopy_add_class's base argument (module_exec): the class's base. */
static void struct_base(sb *out, const plan *p, const plan_class *c)
{
	(void)p, (void)c;
	sb_add(out, "NULL");
}

static void named_base(sb *out, const plan *p, const plan_class *c)
{
	sb_printf(out, "(PyObject *)&%s", capi_conv_of(p, c->underlying).pybase);
}

static void view_base(sb *out, const plan *p, const plan_class *c)
{
	(void)p;
	sb_printf(out, "gopy_view_class(module, %s)", view_kind(c->view)->kind);
}

/* What module.c does for each kind of class; NULL: nothing. */
static const struct class_capi {
	void (*converters)(printer *pr, const plan *p, const plan_class *c, const used_set *u);
	void (*members)(printer *pr, const plan *p, const plan_class *c);
	void (*methods)(printer *pr, const plan_class *c);      /* PyMethodDef entries of its own */
	void (*tables)(printer *pr, const plan_class *c);       /* tables after the methods' */
	void (*slots_before)(printer *pr, const plan_class *c); /* type slots before Py_tp_methods */
	void (*slots_after)(printer *pr, const plan_class *c);  /* and after */
	const char *basicsize;
	void (*base)(sb *out, const plan *p, const plan_class *c);
} class_capi[] = {
	[CLASS_STRUCT] = {emit_struct_converters, emit_struct_members, struct_methods, struct_getset,
			  struct_slots_before, struct_slots_after, "sizeof(gopy_object)", struct_base},
	[CLASS_NAMED_BASIC] = {emit_named_converters, emit_named_members, NULL, NULL, named_slots_before, NULL, "0",
			       named_base},
	[CLASS_VIEW] = {NULL, emit_view_members, NULL, NULL, view_slots_before, NULL, "0", view_base},
};

static void emit_class(printer *pr, const plan *p, const plan_class *c)
{
	const struct class_capi *k = &class_capi[c->kind];
	const char *n = c->pyname;
	sb decl = SB_INIT;

	pr_blank(pr);
	pr_line(pr, "/* ---- %s: the Go type %s ---- */", n, c->named->shown);
	for (int i = 0; i < c->nmethods; i++)
		emit_wrapper(pr, p, &c->methods[i]);
	k->members(pr, p, c);

	sb_printf(&decl, "static PyMethodDef %s_methods[]", n);
	table_open(pr, sb_str(&decl));
	for (int i = 0; i < c->nmethods; i++)
		emit_method_entry(pr, &c->methods[i], "GOPY_METHOD_FLAGS");
	if (k->methods)
		k->methods(pr, c);
	pr_line(pr, "{NULL, NULL, 0, NULL}");
	table_close(pr);
	if (k->tables)
		k->tables(pr, c);

	sb_reset(&decl);
	sb_printf(&decl, "static PyType_Slot %s_slots[]", n);
	table_open(pr, sb_str(&decl));
	pr_start(pr, "{Py_tp_doc, (void *)");
	add_doc(pr, c->decl->doc, 3);
	pr_add(pr, "},");
	pr_end(pr);
	pr_line(pr, "{Py_tp_new, %s_new},", n);
	k->slots_before(pr, c);
	pr_line(pr, "{Py_tp_methods, %s_methods},", n);
	if (k->slots_after)
		k->slots_after(pr, c);
	pr_line(pr, "{0, NULL}");
	table_close(pr);

	sb_reset(&decl);
	sb_printf(&decl, "static PyType_Spec %s_spec", n);
	table_open(pr, sb_str(&decl));
	pr_line(pr, ".name = \"%s.%s\",", p->modname, n);
	pr_line(pr, ".basicsize = %s,", k->basicsize);
	pr_line(pr, ".flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,");
	pr_line(pr, ".slots = %s_slots,", n);
	table_close(pr);
	sb_free(&decl);
}

/* ---- the module ---- */

static void emit_module_exec(printer *pr, const plan *p)
{
	func_open(pr, "static int", "module_exec(PyObject *module)");
	pr_start(pr, "if (gopy_module_init(module, NCLASSES) < 0");
	for (int i = 0; i < p->nclasses; i++) {
		const plan_class *c = &p->classes[i];
		or_next(pr);
		pr_add(pr, "gopy_add_class(module, CLASS_%s, &%s_spec, ", c->pyname, c->pyname);
		class_capi[c->kind].base(pr->out, p, c);
		pr_add(pr, ") < 0");
	}
	for (int i = 0; i < p->nconsts; i++) {
		or_next(pr);
		pr_add(pr, "gopy_add_const(module, \"%s\", ", p->consts[i].pyname);
		emit_const_value(pr->out, &p->consts[i]);
		pr_add(pr, ") < 0");
	}
	if (p->nvars) {
		or_next(pr);
		pr_add(pr, "gopy_set_module_type(module, &module_type_spec) < 0");
	}
	or_next(pr);
	pr_add(pr, "gopy_add_private(module) < 0)");
	pr_end_open(pr);
	pr_line(pr, "return -1;");
	pr_close(pr, NULL);
	pr_line(pr, "return 0;");
	pr_close(pr, "}");
}

static void emit_module_def(printer *pr, const plan *p)
{
	sb doc = SB_INIT;

	pr_blank(pr);
	pr_line(pr, "/* ---- the module ---- */");
	table_open(pr, "static PyMethodDef module_functions[]");
	for (int i = 0; i < p->nfuncs; i++)
		emit_method_entry(pr, &p->funcs[i], "METH_FASTCALL | METH_KEYWORDS");
	pr_line(pr, "{NULL, NULL, 0, NULL}");
	table_close(pr);
	emit_module_exec(pr, p);
	table_open(pr, "static PyModuleDef_Slot module_slots[]");
	pr_line(pr, "{Py_mod_exec, module_exec},");
	pr_line(pr, "{0, NULL}");
	table_close(pr);
	table_open(pr, "static struct PyModuleDef module_def");
	pr_line(pr, "PyModuleDef_HEAD_INIT,");
	pr_line(pr, ".m_name = \"%s\",", p->modname);
	emit_module_doc(&doc, p);
	pr_start(pr, ".m_doc = ");
	add_doc(pr, sb_str(&doc), 1);
	pr_add(pr, ",");
	pr_end(pr);
	sb_free(&doc);
	pr_line(pr, ".m_size = GOPY_STATE_SIZE(NCLASSES),");
	pr_line(pr, ".m_methods = module_functions,");
	pr_line(pr, ".m_slots = module_slots,");
	pr_line(pr, ".m_traverse = gopy_module_traverse,");
	pr_line(pr, ".m_clear = gopy_module_clear,");
	pr_line(pr, ".m_free = gopy_module_free,");
	table_close(pr);
	func_open(pr, "PyMODINIT_FUNC", "PyInit_%s(void)", p->modname);
	pr_line(pr, "return PyModuleDef_Init(&module_def);");
	pr_close(pr, "}");
}

void emit_capi(const plan *p, sb *out)
{
	printer pr = PRINTER_C(out);
	used_set u = {0};

	collect_used(p, &u);
	pr_line(&pr, "/*");
	pr_start(&pr, " * ");
	emit_generated_by(out, p);
	pr_end(&pr);
	pr_line(&pr, " *");
	pr_line(&pr, " * The CPython module %s: one wrapper per bound Go function, and a class", p->modname);
	pr_line(&pr, " * per bound Go type. Each wrapper converts its arguments, releases the GIL");
	pr_line(&pr, " * for one call into the Go glue (glue.go) and converts the results. The");
	pr_line(&pr, " * helpers are in gopy_rt.h and gopy_obj.h.");
	pr_line(&pr, " */");
	pr_line(&pr, "#include \"gopy_capi.h\"");
	pr_blank(&pr);
	pr_line(&pr, "/* Defined at the end; class members find their module through it. */");
	pr_line(&pr, "static struct PyModuleDef module_def;");
	pr_blank(&pr);
	pr_line(&pr, "/* The module's classes, by index in the module state. */");
	pr_open(&pr, "enum {");
	for (int i = 0; i < p->nclasses; i++)
		pr_line(&pr, "CLASS_%s,", p->classes[i].pyname);
	pr_line(&pr, "NCLASSES");
	pr_close(&pr, "};");
	for (int i = 0; i < p->nclasses; i++)
		if (class_capi[p->classes[i].kind].converters)
			class_capi[p->classes[i].kind].converters(&pr, p, &p->classes[i], &u);
	for (int i = 0; i < p->nviews; i++)
		emit_view(&pr, p, p->views[i]);
	for (int i = 0; i < p->nclasses; i++)
		emit_class(&pr, p, &p->classes[i]);
	if (p->nfuncs) {
		pr_blank(&pr);
		pr_line(&pr, "/* ---- functions ---- */");
	}
	for (int i = 0; i < p->nfuncs; i++)
		emit_wrapper(&pr, p, &p->funcs[i]);
	emit_module_type(&pr, p);
	emit_module_def(&pr, p);
	free(u.names);
}
