/*
 * src/cffi/emit_pieces.c: the pieces of a cffi module's Python side (see
 * emit_pieces.h) that the package, its classes and its views share: str
 * literals, docstrings, Sigs, conversions and the defs of functions and
 * methods. Each def checks its arguments' exact types inline, which PyPy's
 * JIT turns into guards it already has, converts anything else with the
 * runtime (_rt), makes one call to its C shim (src/cffi/emit_shims.c) and
 * converts the results:
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
 *	    if _r0 == _FAIL_SIGNED:
 *	        _rt.check()
 *	    return _r0
 *
 * The parameters default to _MISSING so that the runtime words a missing
 * or extra argument as the C-API module does; __signature__ shows the
 * real parameters.
 */
#include "emit_pieces.h"
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

/* A docstring at the printer's depth (a def's body, a class's, or the
 * module's): triple-quoted, so that it reads as the Go doc does; its empty
 * lines stay empty. */
void emit_py_docstring(printer *pr, const char *doc)
{
	pr_indent(pr);
	sb_add(pr->out, "\"\"\"");
	for (const char *c = doc; *c; c++) {
		if (*c == '\\' || (*c == '"' && (c[1] == '"' || c[1] == '\0')))
			sb_addc(pr->out, '\\');
		if (*c == '\n' && c[1] && c[1] != '\n') {
			pr_end(pr);
			pr_indent(pr);
		} else {
			sb_addc(pr->out, *c);
		}
	}
	sb_add(pr->out, "\"\"\"");
	pr_end(pr);
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

void emit_py_convert(printer *pr, const cffi_conv *c, const char *name, const char *dst, const char *sig, int idx)
{
	if (c->exact) {
		sb cond = SB_INIT;
		emit_apply(&cond, c->exact, name);
		pr_open(pr, "if not %s:", sb_str(&cond));
		sb_free(&cond);
	}
	pr_line(pr, "%s = %s(%s, %s, %d)", dst, c->to, name, sig, idx);
	if (c->exact)
		pr_close(pr, NULL);
}

/* value converted in a def's body: "if not _type(a) is _int:\n a = _rt.to_int(a, sig, 0)". */
static void emit_convert(printer *pr, const conv *cv, const cffi_conv *c, const char *name, const char *sig, int idx)
{
	sb dst = SB_INIT;

	converted_name(&dst, cv, name);
	emit_py_convert(pr, c, name, sb_str(&dst), sig, idx);
	sb_free(&dst);
}

void emit_py_checked_call(printer *pr, const char *call, const char *sig, const char *args)
{
	if (!args) {
		pr_line(pr, "%s", call);
		return;
	}
	pr_open(pr, "try:");
	pr_line(pr, "%s", call);
	pr_close(pr, NULL);
	pr_open(pr, "except _OverflowError:");
	pr_line(pr, "_rt.recheck(%s, {%s})", sig, args);
	pr_line(pr, "raise");
	pr_close(pr, NULL);
}

void emit_py_gap(printer *pr)
{
	pr_blank(pr);
	pr_blank(pr);
}

void emit_py_check(printer *pr, const char *cond, const char *stmt)
{
	pr_open(pr, "if %s:", cond);
	pr_line(pr, "%s", stmt);
	pr_close(pr, NULL);
}

const char *emit_py_fail_name(const conv_ret *r)
{
	return r->sentinel_name + strlen("GOPY");
}

void emit_py_result(sb *out, const plan *p, const conv *cv, const char *r)
{
	const char *from = cffi_conv_of(p, cv).from;

	if (from)
		emit_apply(out, from, r);
	else
		sb_add(out, r);
}

/* The def's line: "def Add(a=_MISSING, b=_MISSING, *_extra):"; a call
 * taking a context binds by the runtime's rules (_rt.ctx_bind):
 * "def Sleep(*_args, timeout=None, **_kw):". */
static void def_line(sb *out, const py_callable *c, int nfix, bool extra)
{
	if (c->timeout) {
		sb_printf(out, "def %s(%s*_args, %s=None, **_kw):", c->def, c->recv ? "self, " : "",
			  c->timeout);
		return;
	}
	sb_printf(out, "def %s(", c->def);
	if (c->recv)
		sb_add(out, c->nparams ? "self, " : "self");
	for (int i = 0; i < nfix; i++)
		sb_printf(out, "%s%s%s", i ? ", " : "", c->params[i].pyname, c->required ? "=_MISSING" : "");
	if (c->variadic)
		sb_printf(out, "%s*%s", nfix ? ", " : "", c->params[nfix].pyname);
	else if (extra)
		sb_add(out, ", *_extra");
	sb_add(out, "):");
}

/* A missing or extra argument, reported by the runtime. */
static void bind_check(printer *pr, const py_callable *c, int nfix, bool extra)
{
	sb cond = SB_INIT, call = SB_INIT;

	for (int i = 0; i < nfix; i++)
		sb_printf(&cond, "%s%s is _MISSING", i ? " or " : "", c->params[i].pyname);
	if (extra)
		sb_add(&cond, nfix ? " or _extra" : "_extra");
	sb_printf(&call, "_rt.bind_error(%s, %s", c->sig, extra ? "_extra" : "()");
	for (int i = 0; i < nfix; i++)
		sb_printf(&call, ", %s", c->params[i].pyname);
	sb_addc(&call, ')');
	emit_py_check(pr, sb_str(&cond), sb_str(&call));
	sb_free(&cond), sb_free(&call);
}

/* "return r", the shim's results converted: one, or a tuple of several. */
static void return_line(printer *pr, const py_callable *c, bool direct)
{
	const plan *p = c->p;
	sb ret = SB_INIT;

	if (direct || c->nresults == 1) {
		emit_py_result(&ret, p, c->results[0].cv, direct ? "_r0" : "_out.r0");
	} else {
		sb_addc(&ret, '(');
		for (int i = 0; i < c->nresults; i++) {
			char r[24];
			snprintf(r, sizeof r, "_out.r%d", i);
			if (i)
				sb_add(&ret, ", ");
			emit_py_result(&ret, p, c->results[i].cv, r);
		}
		sb_addc(&ret, ')');
	}
	pr_line(pr, "return %s", sb_str(&ret));
	sb_free(&ret);
}

void emit_py_call(printer *pr, const py_callable *c)
{
	const plan *p = c->p;
	int nfix = c->variadic ? c->nparams - 1 : c->nparams;
	bool direct = c->nresults == 1 && c->results[0].cv->ret && !c->timeout;
	/* Excess positional arguments, reported by the runtime; a method
	 * without parameters too, whose self Python would count. */
	bool extra = c->required && !c->variadic && (nfix || c->recv);
	sb line = SB_INIT, args = SB_INIT, recheck = SB_INIT;

	if (c->comment)
		pr_line(pr, "# %s", c->comment);
	def_line(&line, c, nfix, extra);
	pr_open(pr, "%s", sb_str(&line));
	if (c->doc && *c->doc)
		emit_py_docstring(pr, c->doc);
	if (c->timeout) {
		pr_indent(pr);
		for (int i = 0; i < c->nparams; i++)
			pr_add(pr, "%s%s", i ? ", " : "", c->params[i].pyname);
		pr_add(pr, "%s = _rt.ctx_bind(%s, %d, _args, _kw)", c->nparams == 1 ? "," : "", c->sig,
		       c->ctx_param);
		pr_end(pr);
	} else if (c->required && (nfix || extra)) {
		bind_check(pr, c, nfix, extra);
	}
	if (c->recv) {
		sb name = SB_INIT;
		emit_convert(pr, c->recv, &c->recv_py, "self", c->sig, -1);
		converted_name(&name, c->recv, "self");
		cffi_spell(&args, p, c->recv, CF_PY_ARG, sb_str(&name));
		sb_free(&name);
	}
	for (int i = 0; i < c->nparams; i++) {
		const plan_value *v = &c->params[i];
		if (args.len)
			sb_add(&args, ", ");
		if (i == nfix) {
			pr_line(pr, "_va = _rt.to_varargs(%s, %s, %d)", v->pyname, c->sig, i);
			sb_printf(&args, "_va[0], _len(%s)", v->pyname);
			continue;
		}
		sb name = SB_INIT;
		cffi_conv cc = cffi_conv_of(p, v->cv);
		emit_convert(pr, v->cv, &cc, v->pyname, c->sig, i);
		converted_name(&name, v->cv, v->pyname);
		cffi_spell(&args, p, v->cv, CF_PY_ARG, sb_str(&name));
		sb_free(&name);
		/* cffi checks the range of an exact int itself; its OverflowError
		 * is reworded by converting each such argument again. */
		if (cffi_passes_as_is(p, v->cv))
			sb_printf(&recheck, "%s%d: %s", recheck.len ? ", " : "", i, v->pyname);
	}
	if (c->timeout || (!direct && c->nresults)) {
		pr_line(pr, "_out = _ffi.new(\"%s_out *\")", c->shim);
		sb_printf(&args, "%s_out", args.len ? ", " : "");
	}

	sb_reset(&line);
	if (c->timeout) /* the call runs interruptibly (_rt.ctx_run) */
		sb_printf(&line,
			  "_fail, _intr = _rt.ctx_run(_lib.%s, _out, _rt.ctx_timeout(%s, %s, \"%s\"), %s)",
			  c->shim, c->timeout, c->sig, c->timeout, sb_str(&args));
	else
		sb_printf(&line, "%s = _lib.%s(%s)", direct ? "_r0" : "_fail", c->shim, sb_str(&args));
	emit_py_checked_call(pr, sb_str(&line), c->sig, recheck.len ? sb_str(&recheck) : NULL);
	sb_reset(&line);
	if (c->timeout) {
		/* An interrupt is what the call raises: its results and its
		 * failure are converted (so freed) and dropped. */
		pr_open(pr, "try:");
		emit_py_check(pr, "_fail", "_rt.raise_fail(_fail)");
		if (c->nresults)
			return_line(pr, c, false);
		pr_close(pr, NULL);
		pr_open(pr, "finally:");
		emit_py_check(pr, "_intr is not None", "raise _intr from None");
		pr_close(pr, NULL);
	} else if (direct) {
		sb_printf(&line, "_r0 == %s", emit_py_fail_name(c->results[0].cv->ret));
		emit_py_check(pr, sb_str(&line), "_rt.check()");
	} else {
		emit_py_check(pr, "_fail", "_rt.raise_fail(_fail)");
	}
	if (c->nresults && !c->timeout)
		return_line(pr, c, direct);
	pr_close(pr, NULL);
	sb_free(&line), sb_free(&args), sb_free(&recheck);
}

/* The module-level name of the Sig of a function or method: "_sig_Add",
 * "_sig_Point_Move" (a method's def cannot see its class's namespace). */
static void func_sig_name(sb *out, const plan_func *f)
{
	if (f->recv)
		sb_printf(out, "_sig_%s__%s", f->recv->pyname, f->pyname);
	else
		sb_printf(out, "_sig_%s", emit_py_def_name(f));
}

const char *emit_py_def_name(const plan_func *f)
{
	return f->sub ? f->sym : f->pyname;
}

void emit_py_func_sig(printer *pr, const plan *p, const plan_func *f)
{
	sb sig = SB_INIT, name = SB_INIT;

	func_sig_name(&sig, f);
	if (f->recv)
		sb_printf(&name, "%s.%s", f->recv->pyshort, f->pyname);
	else if (f->sub) /* one of several packages: messages say whose */
		sb_printf(&name, "%s.%s", plan_modname(p, f->sub), f->pyname);
	else
		sb_add(&name, f->pyname);
	emit_py_sig(pr->out, p, "", sb_str(&sig), sb_str(&name), f->params, f->nparams, f->variadic, "_rt.CALL");
	sb_free(&sig), sb_free(&name);
}

void emit_py_func(printer *pr, const plan *p, const plan_func *f, const cffi_conv *recv)
{
	sb sig = SB_INIT, shim = SB_INIT, export = SB_INIT, decl = SB_INIT, names = SB_INIT;

	func_sig_name(&sig, f);
	emit_export_name(&export, f);
	emit_shim_name(&shim, sb_str(&export));
	emit_go_decl(&decl, p, f);
	pr_blank(pr);
	py_callable c = {.p = p, .def = emit_py_def_name(f), .sig = sb_str(&sig), .shim = sb_str(&shim),
			 .params = f->params, .nparams = f->nparams, .variadic = f->variadic,
			 .results = f->results, .nresults = f->nresults, .doc = f->decl->doc,
			 .comment = sb_str(&decl), .required = true,
			 .timeout = f->ctx_param >= 0 ? f->timeout : NULL, .ctx_param = f->ctx_param};
	if (f->recv) {
		c.recv = f->recv->value;
		c.recv_py = *recv;
	}
	emit_py_call(pr, &c);
	pr_blank(pr);
	emit_py_names(&names, f->params, f->nparams);
	if (f->ctx_param >= 0)
		pr_line(pr, "%s.__signature__ = _rt.signature(%s%s%s, ctx=%d, timeout=\"%s\")", emit_py_def_name(f),
			sb_str(&names), f->variadic ? ", variadic=True" : "", f->recv ? ", self=True" : "",
			f->ctx_param, f->timeout);
	else
		pr_line(pr, "%s.__signature__ = _rt.signature(%s%s%s)", emit_py_def_name(f), sb_str(&names),
			f->variadic ? ", variadic=True" : "", f->recv ? ", self=True" : "");
	sb_free(&sig), sb_free(&shim), sb_free(&export), sb_free(&decl), sb_free(&names);
}

void emit_py_method_sigs(printer *pr, const plan *p, const plan_class *c)
{
	for (int i = 0; i < c->nmethods; i++)
		emit_py_func_sig(pr, p, &c->methods[i]);
}

void emit_py_methods(printer *pr, const plan *p, const plan_class *c, const cffi_conv *recv)
{
	for (int i = 0; i < c->nmethods; i++)
		emit_py_func(pr, p, &c->methods[i], recv);
}

void emit_py_string_method(printer *pr, const plan_class *c)
{
	if (!c->string)
		return;
	pr_blank(pr);
	pr_open(pr, "def __str__(self):");
	pr_line(pr, "return self.%s()", c->string->pyname);
	pr_close(pr, NULL);
}
