/* src/capi/emit_view.c: see emit_view.h. */
#include "emit_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* What differs between the kinds of container. */
static const struct view_capi {
	const char *elemname;    /* how messages name an element */
	const char *newparam;    /* a named view's constructor's parameter */
	bool keyed;              /* elements have keys */
} view_capi[CK_COUNT] = {
	[CK_SLICE] = {"element", "items", false},
	[CK_ARRAY] = {"element", "items", false},
	[CK_MAP] = {"value", "mapping", true},
};

static const struct view_capi *view_kind(const plan_view *v)
{
	return &view_capi[v->cv->kind];
}

const char *view_kind_name(const plan_view *v)
{
	return desc_view_kind_c(v);
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
		    "GOPY_SIG_NEW};", n, v->cls->pyshort, n, n);
}

void emit_view(printer *pr, const plan *p, const plan_view *v)
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
	desc_view d = desc_view_of(p, v);
	desc_view_c(pr, p, &d);
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
