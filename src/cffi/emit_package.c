/*
 * src/cffi/emit_package.c: writes NAME/__init__.py, the Python surface of a
 * cffi module: the failure sentinels' names, the classes' and views'
 * converters, the classes (emit_class.h) and views (emit_view.h), one def
 * per Go function (emit_pieces.h), constants and variables.
 *
 * The top of the Python emitters' layers: it calls the class and view
 * emitters, which call the pieces; nothing calls back up.
 */
#include "emit_class.h"
#include "emit_pieces.h"
#include "emit_view.h"

#include <string.h>


/* The sentinels' names, defined once: a def compares with the name, which
 * PyPy's JIT treats as the constant since the module global never changes. */
static void emit_fail_names(sb *out)
{
	const model_basic kinds[] = {B_INT64, B_UINT64, B_FLOAT32, B_FLOAT64};

	sb_add(out, "# What a function returns directly for \"the call failed\"; the failure\n"
		    "# waits in the runtime (_rt.check).\n");
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		const conv_ret *r = convtab_basic(kinds[i])->ret;
		sb_printf(out, "%s = %s\n", emit_py_fail_name(r), r->sentinel);
	}
}

static void emit_const(sb *out, const plan_const *c)
{
	const model_decl *d = c->decl;

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
	sb_addc(out, '\n');
}

/* _get_V and _set_V, and the property of the module's type. The setter's
 * parameter is `value`, as a field's: the variable's own name may be
 * anything, a renamed keyword included; messages name the variable. */
static void emit_var(sb *out, const plan *p, const plan_var *v)
{
	const char *name = v->decl->name;
	sb def = SB_INIT, sig = SB_INIT, shim = SB_INIT, export = SB_INIT;
	plan_value val = {.goname = name, .pyname = v->pyname, .type = v->decl->type, .cv = v->cv};
	plan_value param = val;

	param.pyname = "value";
	sb_printf(&sig, "_sig_var_%s", name);
	emit_py_sig(out, p, "", sb_str(&sig), p->modname, &val, 1, false, "_rt.VAR");
	sb_printf(&def, "_get_%s", name);
	sb_printf(&export, "gopy_getvar_%s", name);
	emit_shim_name(&shim, sb_str(&export));
	sb_addc(out, '\n');
	emit_py_call(out, &(py_callable){.p = p, .def = sb_str(&def), .sig = sb_str(&sig),
					 .shim = sb_str(&shim), .indent = "", .results = &val, .nresults = 1});
	sb_reset(&def), sb_reset(&export), sb_reset(&shim);
	sb_printf(&def, "_set_%s", name);
	sb_printf(&export, "gopy_setvar_%s", name);
	emit_shim_name(&shim, sb_str(&export));
	sb_add(out, "\n\n");
	emit_py_call(out, &(py_callable){.p = p, .def = sb_str(&def), .sig = sb_str(&sig),
					 .shim = sb_str(&shim), .indent = "", .params = &param, .nparams = 1});
	sb_add(out, "\n\n");
	sb_free(&def), sb_free(&sig), sb_free(&shim), sb_free(&export);
}

void emit_py(const plan *p, sb *out)
{
	sb doc = SB_INIT;

	sb_add(out, "# ");
	emit_generated_by(out, p);
	sb_printf(out, "\n#\n# The Python side of the cffi module %s: one def per bound Go function and a\n"
		  "# class per bound Go type. Each def converts its arguments, calls its C shim\n"
		  "# (cffi_build.py) through _lib once, and converts the results; the runtime\n"
		  "# (_gopy.py) holds everything off that path.\n", p->modname);
	emit_module_doc(&doc, p);
	if (doc.len) {
		sb_addc(out, '\n');
		emit_py_docstring(out, "", sb_str(&doc));
	}
	sb_free(&doc);
	sb_add(out, "\nfrom . import _gopy as _rt, _gopy_obj as _obj, _gopy_view as _view\n"
		    "from ._native import ffi as _ffi, lib as _lib\n\n"
		    "_rt.init(_ffi, _lib, __name__)\n_MISSING = _rt.MISSING\nGoError = _rt.GoError\n"
		    "GoPanic = _rt.GoPanic\n"
		    "# What a def uses besides its parameters begins with an underscore, and\n"
		    "# no parameter does (gopy renames them), so none can hide what the def\n"
		    "# needs: the builtins too are used under such names.\n"
		    "_type, _int, _float, _complex, _bool, _len, _object, _OverflowError = (\n"
		    "    type, int, float, complex, bool, len, object, OverflowError)\n");
	emit_fail_names(out);
	for (int i = 0; i < p->nclasses; i++)
		emit_py_class_converters(out, p, &p->classes[i]);
	for (int i = 0; i < p->nviews; i++)
		emit_py_view(out, p, p->views[i]);
	for (int i = 0; i < p->nclasses; i++)
		emit_py_class(out, p, &p->classes[i]);
	if (p->nfuncs)
		sb_add(out, "\n\n# ---- functions ----\n");
	for (int i = 0; i < p->nfuncs; i++) {
		sb_addc(out, '\n');
		emit_py_func_sig(out, p, &p->funcs[i]);
		emit_py_func(out, p, &p->funcs[i], "", NULL);
	}
	if (p->nconsts)
		sb_add(out, "\n\n# ---- constants ----\n\n");
	for (int i = 0; i < p->nconsts; i++)
		emit_const(out, &p->consts[i]);
	if (p->nvars) {
		sb_add(out, "\n\n# ---- package variables: properties of the module's type ----\n\n");
		for (int i = 0; i < p->nvars; i++)
			emit_var(out, p, &p->vars[i]);
		sb_add(out, "_rt.set_module_vars(__name__, {\n");
		for (int i = 0; i < p->nvars; i++) {
			const char *name = p->vars[i].decl->name, *py = p->vars[i].pyname;
			sb_printf(out, "    \"%s\": _rt.var_property(\"%s.%s\", _get_%s, _set_%s, ", py, p->modname,
				  py, name, name);
			if (p->vars[i].decl->doc)
				emit_py_str(out, p->vars[i].decl->doc);
			else
				sb_add(out, "None");
			sb_add(out, "),\n");
		}
		sb_add(out, "})\n");
	}
}
