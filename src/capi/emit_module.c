/*
 * src/capi/emit_module.c: writes module.c, the CPython C-API half of a module, in the
 * style of CPython's Modules/xxlimited.c: multi-phase init, module state,
 * heap types from PyType_Spec, METH_FASTCALL | METH_KEYWORDS. Each wrapper
 * binds its arguments, converts them with the convtab's converters,
 * releases the GIL for the one call into the Go glue, and converts the
 * results back (runtime/capi/gopy_rt.h, runtime/capi/gopy_obj.h).
 *
 * The top of the emitter's layers: the module (package variables, module
 * init and def) here, over the classes (emit_class.c), the views
 * (emit_view.c) and the pieces (emit_pieces.c); nothing calls back up.
 */
#include "capi.h"
#include "emit_class.h"
#include "emit_pieces.h"
#include "emit_view.h"

#include <stdlib.h>

static void emit_var(printer *pr, const plan *p, const plan_var *v)
{
	sb cname = SB_INIT, get = SB_INIT, set = SB_INIT;

	sb_printf(&cname, "var_%s", v->sym);
	sb_printf(&get, "gopy_getvar_%s", v->sym);
	sb_printf(&set, "gopy_setvar_%s", v->sym);
	pr_blank(pr);
	pr_line(pr, "/* the variable %s.%s %s */", v->decl->pkg ? v->decl->pkg->name : p->m->name, v->decl->name,
		model_type_at(p->m, v->decl->type)->shown);
	accessor a = {sb_str(&cname), plan_modname(p, v->sub), DS_VAR, v->pyname, v->decl->type, v->cv,
		      sb_str(&get), sb_str(&set), true, v->sub != NULL};
	emit_accessor(pr, p, &a);
	sb_free(&cname), sb_free(&get), sb_free(&set);
}

/* "" for the module, "_SUB" for a submodule: the suffix of its tables. */
static void sub_suffix(sb *out, const plan_sub *sub)
{
	if (sub)
		sb_printf(out, "_%s", sub->pyname);
}

/* table_open with the declaration fmt names (one %s: the suffix sfx). */
static void table_open_sfx(printer *pr, const char *fmt, const sb *sfx)
{
	sb decl = SB_INIT;

	sb_printf(&decl, fmt, sfx->len ? sfx->buf : "");
	table_open(pr, sb_str(&decl));
	sb_free(&decl);
}

/* Package variables are properties of the module's own ModuleType
 * subclass; a submodule's (several packages) of its own. */
static void emit_module_type(printer *pr, const plan *p, const plan_sub *sub)
{
	sb get = SB_INIT, set = SB_INIT, sfx = SB_INIT;
	int n = 0;

	for (int i = 0; i < p->nvars; i++)
		n += p->vars[i].sub == sub;
	if (!n)
		return;
	sub_suffix(&sfx, sub);
	pr_blank(pr);
	pr_line(pr, "/* ---- package variables%s%s ---- */", sub ? " of " : "", sub ? sub->pkg->path : "");
	for (int i = 0; i < p->nvars; i++)
		if (p->vars[i].sub == sub)
			emit_var(pr, p, &p->vars[i]);
	table_open_sfx(pr, "static PyGetSetDef module_vars%s[]", &sfx);
	for (int i = 0; i < p->nvars; i++) {
		const char *sym = p->vars[i].sym;
		if (p->vars[i].sub != sub)
			continue;
		sb_reset(&get), sb_reset(&set);
		sb_printf(&get, "get_var_%s", sym);
		sb_printf(&set, "set_var_%s", sym);
		getset_entry(pr, p->vars[i].pyname, sb_str(&get), sb_str(&set), p->vars[i].decl->doc);
	}
	pr_line(pr, "{NULL, NULL, NULL, NULL, NULL}");
	table_close(pr);
	table_open_sfx(pr, "static PyMethodDef module_type_methods%s[]", &sfx);
	pr_line(pr, "{\"__dir__\", gopy_module_dir, METH_NOARGS, \"The module's names and its Go variables.\"},");
	pr_line(pr, "{NULL, NULL, 0, NULL}");
	table_close(pr);
	table_open_sfx(pr, "static PyType_Slot module_type_slots%s[]", &sfx);
	pr_line(pr, "{Py_tp_getset, module_vars%s},", sb_str(&sfx));
	pr_line(pr, "{Py_tp_methods, module_type_methods%s},", sb_str(&sfx));
	pr_line(pr, "{0, NULL}");
	table_close(pr);
	table_open_sfx(pr, "static PyType_Spec module_type_spec%s", &sfx);
	pr_line(pr, ".name = \"%s.module\",", plan_modname(p, sub));
	pr_line(pr, ".flags = Py_TPFLAGS_DEFAULT,");
	pr_line(pr, ".slots = module_type_slots%s,", sb_str(&sfx));
	table_close(pr);
	sb_free(&get), sb_free(&set), sb_free(&sfx);
}

/* A bound package's submodule (several packages): its functions and doc. */
static void emit_sub_def(printer *pr, const plan *p, const plan_sub *sub)
{
	sb doc = SB_INIT;

	sb name = SB_INIT;

	sub_suffix(&name, sub);
	table_open_sfx(pr, "static PyMethodDef module_functions%s[]", &name);
	sb_free(&name);
	for (int i = 0; i < p->nfuncs; i++)
		if (p->funcs[i].sub == sub)
			emit_method_entry(pr, &p->funcs[i], "METH_FASTCALL | METH_KEYWORDS");
	pr_line(pr, "{NULL, NULL, 0, NULL}");
	table_close(pr);
	emit_module_doc(&doc, p, sub);
	pr_start(pr, "static const char module_doc_%s[] = ", sub->pyname);
	add_doc(pr, doc.len ? sb_str(&doc) : "", 1);
	pr_add(pr, ";");
	pr_end(pr);
	sb_free(&doc);
}

static bool is_listed_sub(const plan *p, const plan_sub *s)
{
	return p->main_sub && s->pkg->listed;
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

static void emit_module_exec(printer *pr, const plan *p)
{
	func_open(pr, "static int", "module_exec(PyObject *module)");
	if (p->nviews)
		pr_line(pr, "gopy_dyn_set_views(module_views, %d);", p->nviews);
	pr_start(pr, "if (gopy_module_init(module, NCLASSES) < 0");
	/* Several packages: a submodule each, with its functions. */
	for (int i = 0; i < p->nsubs; i++) {
		if (!is_listed_sub(p, p->subs[i]))
			continue;
		or_next(pr);
		pr_add(pr, "gopy_add_submodule(module, \"%s\", module_doc_%s, module_functions_%s) < 0",
		       plan_modname(p, p->subs[i]), p->subs[i]->pyname, p->subs[i]->pyname);
	}
	for (int i = 0; i < p->nclasses; i++) {
		or_next(pr);
		emit_class_add(pr, p, &p->classes[i]);
	}
	/* Bound types implementing an interface are its virtual subclasses. */
	for (int i = 0; i < p->nclasses; i++)
		for (int k = 0; k < p->classes[i].nimplementers; k++) {
			or_next(pr);
			pr_add(pr, "gopy_iface_register(module, CLASS_%s, CLASS_%s) < 0", p->classes[i].pyname,
			       p->classes[i].implementers[k]->pyname);
		}
	for (int i = 0; i < p->naliases; i++) {
		or_next(pr);
		const plan_alias *a = &p->aliases[i];
		if (a->sub)
			pr_add(pr, "gopy_add_alias(module, \"%s.%s.%s\", CLASS_%s) < 0", p->modname, a->sub->pyname,
			       a->pyname, a->cls->pyname);
		else
			pr_add(pr, "gopy_add_alias(module, \"%s.%s\", CLASS_%s) < 0", p->modname, a->pyname,
			       a->cls->pyname);
	}
	for (int i = 0; i < p->nconsts; i++) {
		or_next(pr);
		if (p->consts[i].sub)
			pr_add(pr, "gopy_place_const(module, \"%s.%s\", ", plan_modname(p, p->consts[i].sub),
			       p->consts[i].pyname);
		else
			pr_add(pr, "gopy_add_const(module, \"%s\", ", p->consts[i].pyname);
		emit_const_value(pr->out, &p->consts[i]);
		pr_add(pr, ") < 0");
	}
	for (int i = -1; i < p->nsubs; i++) {
		const plan_sub *sub = i < 0 ? NULL : p->subs[i];
		int n = 0;
		for (int k = 0; k < p->nvars; k++)
			n += p->vars[k].sub == sub;
		if (!n)
			continue;
		or_next(pr);
		if (sub)
			pr_add(pr, "gopy_set_submodule_type(module, \"%s\", &module_type_spec_%s) < 0",
			       plan_modname(p, sub), sub->pyname);
		else
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
	for (int i = 0; i < p->nsubs; i++)
		if (is_listed_sub(p, p->subs[i]))
			emit_sub_def(pr, p, p->subs[i]);
	table_open(pr, "static PyMethodDef module_functions[]");
	for (int i = 0; i < p->nfuncs; i++)
		if (!p->funcs[i].sub)
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
	emit_module_doc(&doc, p, NULL);
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
		emit_class_converters(&pr, p, &p->classes[i], &u);
	for (int i = 0; i < p->nifaces; i++)
		emit_iface(&pr, p, p->ifaces[i], &u);
	emit_iface_results(&pr, &u);
	for (int i = 0; i < p->nviews; i++)
		emit_view(&pr, p, p->views[i]);
	if (p->nviews) {
		pr_blank(&pr);
		pr_line(&pr, "/* The container types by number: a callback's argument names its own. */");
		pr_open(&pr, "static const gopy_viewdef *const module_views[] = {");
		for (int i = 0; i < p->nviews; i++)
			pr_line(&pr, "&view_%s_def,", p->views[i]->name);
		table_close(&pr);
	}
	for (int i = 0; i < p->nclasses; i++)
		emit_class(&pr, p, &p->classes[i]);
	if (p->nfuncs) {
		pr_blank(&pr);
		pr_line(&pr, "/* ---- functions ---- */");
	}
	for (int i = 0; i < p->nfuncs; i++)
		emit_wrapper(&pr, p, &p->funcs[i]);
	emit_module_type(&pr, p, NULL);
	for (int i = 0; i < p->nsubs; i++)
		if (is_listed_sub(p, p->subs[i]))
			emit_module_type(&pr, p, p->subs[i]);
	emit_module_def(&pr, p);
	free(u.names);
}
