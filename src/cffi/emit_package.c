/*
 * src/cffi/emit_package.c: writes NAME/__init__.py, the Python surface of a
 * cffi module: the failure sentinels' names, the classes' and views'
 * converters, the classes (emit_class.h) and views (emit_view.h), one def
 * per Go function (emit_pieces.h), constants and variables.
 *
 * The top of the Python emitters' layers: it calls the class and view
 * emitters, which call the pieces; nothing calls back up.
 */
#include "cffi.h"
#include "emit_class.h"
#include "emit_pieces.h"
#include "emit_view.h"

#include <string.h>

/* The sentinels' names, defined once: a def compares with the name, which
 * PyPy's JIT treats as the constant since the module global never changes. */
static void emit_fail_names(printer *pr)
{
	const model_basic kinds[] = {B_INT64, B_UINT64, B_FLOAT32, B_FLOAT64};

	pr_line(pr, "# What a function returns directly for \"the call failed\"; the failure");
	pr_line(pr, "# waits in the runtime (_rt.check).");
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		const conv_ret *r = convtab_basic(kinds[i])->ret;
		pr_line(pr, "%s = %s", emit_py_fail_name(r), r->sentinel);
	}
}

/* The head of the module: what every def needs, under names no parameter
 * can hide. */
static void emit_head(printer *pr, const plan *p)
{
	sb doc = SB_INIT;

	pr_indent(pr);
	sb_add(pr->out, "# ");
	emit_generated_by(pr->out, p);
	pr_end(pr);
	pr_line(pr, "#");
	pr_line(pr, "# The Python side of the cffi module %s: one def per bound Go function and a", p->modname);
	pr_line(pr, "# class per bound Go type. Each def converts its arguments, calls its C shim");
	pr_line(pr, "# (cffi_build.py) through _lib once, and converts the results; the runtime");
	pr_line(pr, "# (_gopy.py) holds everything off that path.");
	emit_module_doc(&doc, p, NULL);
	if (doc.len) {
		pr_blank(pr);
		emit_py_docstring(pr, sb_str(&doc));
	}
	sb_free(&doc);
	pr_blank(pr);
	pr_line(pr, "from . import _gopy as _rt, _gopy_obj as _obj, _gopy_view as _view, _gopy_dyn as _dyn");
	if (convtab_std_used(p))
		pr_line(pr, "from . import _gopy_std as _std");
	pr_line(pr, "from ._native import ffi as _ffi, lib as _lib");
	pr_blank(pr);
	pr_line(pr, "_rt.init(_ffi, _lib, __name__)");
	pr_line(pr, "_MISSING = _rt.MISSING");
	pr_line(pr, "GoError = _rt.GoError");
	pr_line(pr, "GoPanic = _rt.GoPanic");
	pr_line(pr, "GoValue = _dyn.GoValue");
	pr_line(pr, "Ref = _dyn.Ref");
	pr_line(pr, "# What a def uses besides its parameters begins with an underscore, and");
	pr_line(pr, "# no parameter does (gopy renames them), so none can hide what the def");
	pr_line(pr, "# needs: the builtins too are used under such names.");
	pr_open(pr, "_type, _int, _float, _complex, _bool, _len, _object, _OverflowError = (");
	pr_line(pr, "type, int, float, complex, bool, len, object, OverflowError)");
	pr_close(pr, NULL);
	for (int i = 0; i < p->nclasses; i++)
		if (p->classes[i].error) {
			pr_line(pr, "# The base of the error classes: GoError with a Go value's handle.");
			pr_line(pr, "_ErrorStruct = _obj.error_base()");
			break;
		}
	emit_fail_names(pr);
}

static void emit_const(printer *pr, const plan_const *c)
{
	const model_decl *d = c->decl;
	sb *out = pr->out;

	pr_indent(pr);
	if (c->sub) /* one of several packages: in its submodule */
		sb_add(out, "_rt.place_value(");
	else
		sb_printf(out, "%s = ", c->pyname);
	if (c->cls)
		sb_printf(out, "_from_%s(", c->cls->pyname);
	sb_printf(out, "_rt.const_value(\"%s\", ", convtab_const(d->ckind)->pytype);
	/* As bytes, escaped byte by byte: a Go string may hold invalid UTF-8. */
	sb_add(out, "b\"");
	for (size_t i = 0; i < d->valuelen; i++) {
		unsigned char ch = (unsigned char)d->value[i];
		if (ch == '\\' || ch == '"')
			sb_printf(out, "\\%c", ch);
		else if (ch < 0x20 || ch >= 0x7f)
			sb_printf(out, "\\x%02x", ch);
		else
			sb_addc(out, (char)ch);
	}
	sb_add(out, "\")");
	if (c->cls)
		sb_addc(out, ')');
	if (c->sub)
		sb_printf(out, ", __name__, \"%s\", \"%s\")", c->sub->pyname, c->pyname);
	pr_end(pr);
}

/* _get_V and _set_V, and the property of the module's type. The setter's
 * parameter is `value`, as a field's: the variable's own name may be
 * anything, a renamed keyword included; messages name the variable. */
static void emit_var(printer *pr, const plan *p, const plan_var *v)
{
	const char *name = v->sym;
	sb def = SB_INIT, sig = SB_INIT, shim = SB_INIT, export = SB_INIT;
	plan_value val = {.goname = v->decl->name, .pyname = v->pyname, .type = v->decl->type, .cv = v->cv};
	plan_value param = val;

	param.pyname = "value";
	sb_printf(&sig, "_sig_var_%s", name);
	emit_py_sig(pr->out, p, "", sb_str(&sig), plan_modname(p, v->sub), &val, 1, false, "_rt.VAR");
	sb_printf(&def, "_get_%s", name);
	sb_printf(&export, "gopy_getvar_%s", name);
	emit_shim_name(&shim, sb_str(&export));
	pr_blank(pr);
	emit_py_call(pr, &(py_callable){.p = p, .def = sb_str(&def), .sig = sb_str(&sig),
					.shim = sb_str(&shim), .results = &val, .nresults = 1});
	sb_reset(&def), sb_reset(&export), sb_reset(&shim);
	sb_printf(&def, "_set_%s", name);
	sb_printf(&export, "gopy_setvar_%s", name);
	emit_shim_name(&shim, sb_str(&export));
	pr_blank(pr);
	pr_blank(pr);
	emit_py_call(pr, &(py_callable){.p = p, .def = sb_str(&def), .sig = sb_str(&sig),
					.shim = sb_str(&shim), .params = &param, .nparams = 1});
	pr_blank(pr);
	pr_blank(pr);
	sb_free(&def), sb_free(&sig), sb_free(&shim), sb_free(&export);
}

/* The variables of module sub (NULL: the module itself) as properties
 * of its type. */
static void emit_module_vars(printer *pr, const plan *p, const plan_sub *sub)
{
	int n = 0;

	for (int i = 0; i < p->nvars; i++)
		n += p->vars[i].sub == sub;
	if (!n)
		return;
	pr_open(pr, "_rt.set_module_vars(__name__, {");
	for (int i = 0; i < p->nvars; i++) {
		const char *name = p->vars[i].sym, *py = p->vars[i].pyname;
		if (p->vars[i].sub != sub)
			continue;
		pr_indent(pr);
		sb_printf(pr->out, "\"%s\": _rt.var_property(\"%s.%s\", _get_%s, _set_%s, ", py,
			  plan_modname(p, sub), py, name, name);
		if (p->vars[i].decl->doc)
			emit_py_str(pr->out, p->vars[i].decl->doc);
		else
			sb_add(pr->out, "None");
		sb_add(pr->out, "),");
		pr_end(pr);
	}
	if (sub)
		pr_close(pr, "}, \"%s\")", sub->pyname);
	else
		pr_close(pr, "})");
}

/* A section's comment, after two empty lines. */
static void section(printer *pr, const char *title)
{
	emit_py_gap(pr);
	pr_line(pr, "# ---- %s ----", title);
}

/* Other packages' classes live in submodules (NAME.io.Reader); the
 * module's own code refers to them by their private global names. Type
 * aliases name a class again. */
static void emit_submodules(printer *pr, const plan *p)
{
	bool any = false;

	/* Several packages: a submodule each, with its doc. */
	for (int i = 0; p->main_sub && i < p->nsubs; i++) {
		const plan_sub *s = p->subs[i];
		sb doc = SB_INIT;
		if (!s->pkg->listed)
			continue;
		if (!any)
			section(pr, "the packages bound, a submodule each");
		any = true;
		emit_module_doc(&doc, p, s);
		pr_indent(pr);
		sb_printf(pr->out, "_rt.submodule(__name__, \"%s\", ", s->pyname);
		if (doc.len)
			emit_py_str(pr->out, sb_str(&doc));
		else
			sb_add(pr->out, "None");
		sb_addc(pr->out, ')');
		pr_end(pr);
		sb_free(&doc);
	}
	any = false;
	for (int i = 0; i < p->nclasses; i++) {
		const plan_class *c = &p->classes[i];
		if (!c->sub)
			continue;
		if (!any)
			section(pr, "other packages' types, in a submodule per package");
		any = true;
		pr_line(pr, "_rt.place(%s, __name__, \"%s\", \"%s\")", c->pyname, c->sub->pyname, c->pyshort);
	}
	if (p->naliases)
		section(pr, "type aliases: the class again");
	for (int i = 0; i < p->naliases; i++) {
		const plan_alias *a = &p->aliases[i];
		if (a->sub) /* one of several packages: in its submodule */
			pr_line(pr, "_rt.place_value(%s, __name__, \"%s\", \"%s\")", a->cls->pyname, a->sub->pyname,
				a->pyname);
		else
			pr_line(pr, "%s = %s", a->pyname, a->cls->pyname);
	}
}

void emit_py(const plan *p, sb *out)
{
	printer pr = PRINTER_PY(out);

	emit_head(&pr, p);
	for (int i = 0; i < p->nclasses; i++)
		emit_py_class_converters(&pr, p, &p->classes[i]);
	for (int i = 0; i < p->nifaces; i++)
		emit_py_iface(&pr, p, p->ifaces[i]);
	for (int i = 0; i < p->nviews; i++)
		emit_py_view(&pr, p, p->views[i]);
	for (int i = 0; i < p->nclasses; i++)
		emit_py_class(&pr, p, &p->classes[i]);
	emit_py_class_table(&pr, p);
	emit_submodules(&pr, p);
	if (p->nfuncs)
		section(&pr, "functions");
	for (int i = 0; i < p->nfuncs; i++) {
		const plan_func *f = &p->funcs[i];
		pr_blank(&pr);
		emit_py_func_sig(&pr, p, f);
		emit_py_func(&pr, p, f, NULL);
		if (f->sub)
			pr_line(&pr, "_rt.place(%s, __name__, \"%s\", \"%s\")", emit_py_def_name(f), f->sub->pyname,
				f->pyname);
	}
	if (p->nconsts) {
		section(&pr, "constants");
		pr_blank(&pr);
	}
	for (int i = 0; i < p->nconsts; i++)
		emit_const(&pr, &p->consts[i]);
	if (p->nvars) {
		section(&pr, "package variables: properties of the module's type");
		pr_blank(&pr);
		for (int i = 0; i < p->nvars; i++)
			emit_var(&pr, p, &p->vars[i]);
		emit_module_vars(&pr, p, NULL);
		for (int i = 0; i < p->nsubs; i++)
			emit_module_vars(&pr, p, p->subs[i]);
	}
}
