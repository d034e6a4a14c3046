/*
 * src/cffi/emit_package.c: writes NAME/__init__.py, the Python surface of a cffi module:
 * one def per Go function, the classes (src/cffi/emit_class.c) and views
 * (src/cffi/emit_view.c), constants and variables. Each def checks its
 * arguments' exact types inline, which PyPy's JIT turns into guards it
 * already has, converts anything else with the runtime (_rt), makes one
 * call to its C shim (src/cffi/emit_shims.c) and converts the results:
 *
 *	# func Add(a int, b int) int
 *	def Add(a=_MISSING, b=_MISSING, *_extra):
 *	    """Add returns a + b."""
 *	    if _extra or a is _MISSING or b is _MISSING:
 *	        _rt.bind_error(_sig_Add, _extra, a, b)
 *	    if not _type(a) is _int:
 *	        a = _rt.to_int(a, _sig_Add, 0)
 *	    ...
 *	    _r0 = _lib.gopyc_fn_Add(a, b)
 *	    if _r0 == -0x7ffffffffffffef9:
 *	        _rt.check()
 *	    return _r0
 *
 * The parameters default to _MISSING so that the runtime words a missing
 * or extra argument as the C-API module does; __signature__ shows the
 * real parameters.
 */
#include "emit_package.h"
#include "conv_cffi.h"
#include "emit_desc.h"

#include <stdio.h>
#include <string.h>

void emit_py_str(sb *out, const char *s)
{
	sb_addc(out, '"');
	sb_add_pyescaped(out, s);
	sb_addc(out, '"');
}

/* A docstring at indent (a def's body, a class's, or "" for the module):
 * triple-quoted, so that it reads as the Go doc does. */
void emit_py_docstring(sb *out, const char *indent, const char *doc)
{
	sb_printf(out, "%s\"\"\"", indent);
	for (const char *c = doc; *c; c++) {
		if (*c == '\\' || (*c == '"' && (c[1] == '"' || c[1] == '\0')))
			sb_addc(out, '\\');
		if (*c == '\n' && c[1] && c[1] != '\n')
			sb_printf(out, "\n%s", indent);
		else
			sb_addc(out, *c);
	}
	sb_add(out, "\"\"\"\n");
}

void emit_py_names(sb *out, const plan_value *v, int n)
{
	sb_addc(out, '(');
	for (int i = 0; i < n; i++)
		sb_printf(out, "%s\"%s\"", i ? ", " : "", v[i].pyname);
	sb_add(out, n == 1 ? ",)" : ")");
}

void emit_py_sig(sb *out, const plan *p, const char *indent, const char *var, const char *name,
		 const plan_value *params, int nparams, bool variadic, const char *kind)
{
	desc_sig s = desc_sig_of(p, name, params, nparams, variadic, desc_sig_kind_of_py(kind));

	desc_sig_py(out, p, &s, indent, var);
	desc_sig_free(&s);
}

/* The name the shim receives value name under. */
static void converted_name(sb *out, const conv *cv, const char *name)
{
	sb_printf(out, conv_is_struct(cv) ? "_h_%s" : "%s", name);
}

void emit_py_convert(sb *out, const char *ind, const cffi_conv *c, const char *name, const char *dst,
		     const char *sig, int idx)
{
	if (c->exact) {
		sb_printf(out, "%sif not ", ind);
		emit_apply(out, c->exact, name);
		sb_printf(out, ":\n%s    %s = %s(%s, %s, %d)\n", ind, dst, c->to, name, sig, idx);
	} else {
		sb_printf(out, "%s%s = %s(%s, %s, %d)\n", ind, dst, c->to, name, sig, idx);
	}
}

/* value converted in a def's body: "if not _type(a) is _int:\n a = _rt.to_int(a, sig, 0)". */
static void emit_convert(sb *out, const char *ind, const conv *cv, const cffi_conv *c, const char *name,
			 const char *sig, int idx)
{
	sb dst = SB_INIT, body = SB_INIT;

	converted_name(&dst, cv, name);
	sb_printf(&body, "%s    ", ind);
	emit_py_convert(out, sb_str(&body), c, name, sb_str(&dst), sig, idx);
	sb_free(&dst), sb_free(&body);
}

void emit_py_result(sb *out, const plan *p, const conv *cv, const char *r)
{
	const char *from = cffi_conv_of(p, cv).from;

	if (from)
		emit_apply(out, from, r);
	else
		sb_add(out, r);
}

void emit_py_call(sb *out, const py_callable *c)
{
	const plan *p = c->p;
	const char *ind = c->indent;
	int nfix = c->variadic ? c->nparams - 1 : c->nparams;
	bool direct = c->nresults == 1 && c->results[0].cv->ret;
	bool scalars = false;
	/* Excess positional arguments, reported by the runtime; a method
	 * without parameters too, whose self Python would count. */
	bool extra = c->required && !c->variadic && (nfix || c->recv);
	sb args = SB_INIT;

	if (c->comment)
		sb_printf(out, "%s# %s\n", ind, c->comment);
	sb_printf(out, "%sdef %s(", ind, c->def);
	if (c->recv)
		sb_add(out, c->nparams ? "self, " : "self");
	for (int i = 0; i < nfix; i++)
		sb_printf(out, "%s%s%s", i ? ", " : "", c->params[i].pyname, c->required ? "=_MISSING" : "");
	if (c->variadic)
		sb_printf(out, "%s*%s", nfix ? ", " : "", c->params[nfix].pyname);
	else if (extra)
		sb_add(out, ", *_extra");
	sb_add(out, "):\n");
	if (c->doc && *c->doc) {
		sb body = SB_INIT;
		sb_printf(&body, "%s    ", ind);
		emit_py_docstring(out, sb_str(&body), c->doc);
		sb_free(&body);
	}

	if (c->required && (nfix || extra)) {
		sb_printf(out, "%s    if ", ind);
		for (int i = 0; i < nfix; i++)
			sb_printf(out, "%s%s is _MISSING", i ? " or " : "", c->params[i].pyname);
		if (extra)
			sb_add(out, nfix ? " or _extra" : "_extra");
		sb_printf(out, ":\n%s        _rt.bind_error(%s, %s", ind, c->sig, extra ? "_extra" : "()");
		for (int i = 0; i < nfix; i++)
			sb_printf(out, ", %s", c->params[i].pyname);
		sb_add(out, ")\n");
	}
	if (c->recv) {
		sb name = SB_INIT;
		emit_convert(out, ind, c->recv, &c->recv_py, "self", c->sig, -1);
		converted_name(&name, c->recv, "self");
		cffi_py_arg(&args, p, c->recv, sb_str(&name));
		sb_free(&name);
	}
	for (int i = 0; i < c->nparams; i++) {
		const plan_value *v = &c->params[i];
		if (args.len)
			sb_add(&args, ", ");
		if (i == nfix) {
			sb_printf(out, "%s    _va = _rt.to_varargs(%s, %s, %d)\n", ind, v->pyname, c->sig, i);
			sb_printf(&args, "_va[0], _len(%s)", v->pyname);
			continue;
		}
		sb name = SB_INIT;
		cffi_conv cc = cffi_conv_of(p, v->cv);
		emit_convert(out, ind, v->cv, &cc, v->pyname, c->sig, i);
		converted_name(&name, v->cv, v->pyname);
		cffi_py_arg(&args, p, v->cv, sb_str(&name));
		sb_free(&name);
		if (cffi_passes_as_is(p, v->cv))
			scalars = true;
	}
	if (!direct && c->nresults) {
		sb_printf(out, "%s    _out = _ffi.new(\"%s_out *\")\n", ind, c->shim);
		sb_printf(&args, "%s_out", args.len ? ", " : "");
	}

	/* cffi checks the range of an exact int itself; its OverflowError is
	 * reworded by converting each argument again. */
	const char *call_ind = scalars ? "        " : "    ";
	if (scalars)
		sb_printf(out, "%s    try:\n", ind);
	sb_printf(out, "%s%s%s = _lib.%s(%s)\n", ind, call_ind, direct ? "_r0" : "_fail", c->shim, sb_str(&args));
	if (scalars) {
		sb_printf(out, "%s    except _OverflowError:\n%s        _rt.recheck(%s, {", ind, ind, c->sig);
		for (int i = 0, k = 0; i < nfix; i++)
			if (cffi_passes_as_is(p, c->params[i].cv))
				sb_printf(out, "%s%d: %s", k++ ? ", " : "", i, c->params[i].pyname);
		sb_printf(out, "})\n%s        raise\n", ind);
	}
	if (direct) {
		sb_printf(out, "%s    if _r0 == %s:\n%s        _rt.check()\n%s    return ", ind,
			  c->results[0].cv->ret->sentinel, ind, ind);
		emit_py_result(out, p, c->results[0].cv, "_r0");
		sb_addc(out, '\n');
	} else {
		sb_printf(out, "%s    if _fail:\n%s        _rt.raise_fail(_fail)\n", ind, ind);
		if (c->nresults == 1) {
			sb_printf(out, "%s    return ", ind);
			emit_py_result(out, p, c->results[0].cv, "_out.r0");
			sb_addc(out, '\n');
		} else if (c->nresults > 1) {
			sb_printf(out, "%s    return (", ind);
			for (int i = 0; i < c->nresults; i++) {
				char r[24];
				snprintf(r, sizeof r, "_out.r%d", i);
				if (i)
					sb_add(out, ", ");
				emit_py_result(out, p, c->results[i].cv, r);
			}
			sb_add(out, ")\n");
		}
	}
	sb_free(&args);
}

/* The module-level name of the Sig of a function or method: "_sig_Add",
 * "_sig_Point_Move" (a method's def cannot see its class's namespace). */
static void func_sig_name(sb *out, const plan_func *f)
{
	if (f->recv)
		sb_printf(out, "_sig_%s__%s", f->recv->pyname, f->pyname);
	else
		sb_printf(out, "_sig_%s", f->pyname);
}

static void emit_func_sig(sb *out, const plan *p, const plan_func *f)
{
	sb sig = SB_INIT, name = SB_INIT;

	func_sig_name(&sig, f);
	if (f->recv)
		sb_printf(&name, "%s.%s", f->recv->pyname, f->pyname);
	else
		sb_add(&name, f->pyname);
	emit_py_sig(out, p, "", sb_str(&sig), sb_str(&name), f->params, f->nparams, f->variadic, "_rt.CALL");
	sb_free(&sig), sb_free(&name);
}

/* A function's or method's def and its __signature__. */
static void emit_func(sb *out, const plan *p, const plan_func *f, const char *indent)
{
	sb sig = SB_INIT, shim = SB_INIT, export = SB_INIT, decl = SB_INIT;

	func_sig_name(&sig, f);
	emit_export_name(&export, f);
	emit_shim_name(&shim, sb_str(&export));
	emit_go_decl(&decl, p, f);
	sb_addc(out, '\n');
	py_callable c = {.p = p, .def = f->pyname, .sig = sb_str(&sig), .shim = sb_str(&shim), .indent = indent,
			 .params = f->params, .nparams = f->nparams, .variadic = f->variadic,
			 .results = f->results, .nresults = f->nresults, .doc = f->decl->doc,
			 .comment = sb_str(&decl), .required = true};
	if (f->recv) {
		c.recv = f->recv->value;
		c.recv_py = emit_py_recv(p, f->recv);
	}
	emit_py_call(out, &c);
	sb_printf(out, "\n%s%s.__signature__ = _rt.signature(", indent, f->pyname);
	emit_py_names(out, f->params, f->nparams);
	sb_printf(out, "%s%s)\n", f->variadic ? ", variadic=True" : "", f->recv ? ", self=True" : "");
	sb_free(&sig), sb_free(&shim), sb_free(&export), sb_free(&decl);
}

void emit_py_method_sigs(sb *out, const plan *p, const plan_class *c)
{
	for (int i = 0; i < c->nmethods; i++)
		emit_func_sig(out, p, &c->methods[i]);
}

void emit_py_methods(sb *out, const plan *p, const plan_class *c)
{
	for (int i = 0; i < c->nmethods; i++)
		emit_func(out, p, &c->methods[i], "    ");
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
		emit_func_sig(out, p, &p->funcs[i]);
		emit_func(out, p, &p->funcs[i], "");
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
