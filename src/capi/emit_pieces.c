/* src/capi/emit_pieces.c: see emit_pieces.h. */
#include "emit_pieces.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void use(used_set *u, const char *name)
{
	for (int i = 0; i < u->n; i++)
		if (!strcmp(u->names[i], name))
			return;
	if (u->n == u->cap)
		u->names = xrealloc(u->names, sizeof *u->names * (size_t)(u->cap = u->cap ? 2 * u->cap : 16));
	u->names[u->n++] = name;
}

bool used(const used_set *u, const char *fmt, const char *cls)
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

void collect_used(const plan *p, used_set *u)
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

void add_doc(printer *pr, const char *doc, int deeper)
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
	 * positional-only on the class, as for CPython's own methods). A
	 * context left out before other parameters (gopy_ctx.h) is no
	 * signature Python can spell: none then. */
	bool ctx_last = f->ctx_param == (f->variadic ? f->nparams - 2 : f->nparams - 1);
	if (f->ctx_param < 0 || ctx_last) {
		sb_printf(&doc, "%s(%s", f->pyname, f->recv ? "$self" : "");
		for (int i = 0; i < f->nparams; i++) {
			if (i || f->recv)
				sb_add(&doc, ", ");
			if (f->variadic && i == f->nparams - 1)
				sb_addc(&doc, '*');
			sb_add(&doc, f->params[i].pyname);
			if (i == f->ctx_param)
				sb_add(&doc, "=None");
		}
		if (f->ctx_param >= 0) /* ctx is a parameter: never the first */
			sb_printf(&doc, "%s%s=None", f->variadic ? ", " : ", *, ", f->timeout);
		sb_add(&doc, ")\n--\n\n");
	}
	if (f->decl->doc)
		sb_add(&doc, f->decl->doc);
	add_c_string(pr, sb_str(&doc), 0);
	sb_free(&doc);
}

void func_open(printer *pr, const char *type, const char *fmt, ...)
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

void table_open(printer *pr, const char *decl)
{
	pr_blank(pr);
	pr_open(pr, "%s = {", decl);
}

void table_close(printer *pr)
{
	pr_close(pr, "};");
}

void if_then(printer *pr, const char *cond, const char *stmt)
{
	pr_open(pr, "if (%s)", cond);
	pr_line(pr, "%s", stmt);
	pr_close(pr, NULL);
}

void raise_if(printer *pr, const char *cond)
{
	pr_open(pr, "if (%s) {", cond);
	pr_line(pr, "gopy_raise_fail(module, fail);");
	pr_line(pr, "goto done;");
	pr_close(pr, "}");
}

void frame_done(printer *pr, const char *result)
{
	pr_label(pr, "done:");
	pr_line(pr, "gopy_frame_release(&f);");
	pr_line(pr, "return %s;", result);
	pr_close(pr, "}");
}

void or_next(printer *pr)
{
	pr_add(pr, " ||");
	pr_wrap(pr, 0, "    ");
}

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
		sb_printf(out, "fn_%s", f->sym);
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

void emit_sig_tables(printer *pr, const plan *p, const char *name, const char *pyname,
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
 * (conv_ret.ctype for direct ones, narrowed back to what the converter takes). */
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
	if (f->ctx_param >= 0) { /* gopy_ctx.h */
		pr_line(pr, "long long ctx_call = 0, ctx_timeout = -1;");
		pr_line(pr, "PyObject *ctx_interrupt = NULL;");
	}
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
	if (f->ctx_param >= 0)
		pr_add(pr, "gopy_ctx_bind(&f, %d, \"%s\", args, nargs, kwnames, argv, %s, &ctx_timeout) < 0",
		       f->ctx_param, f->timeout, f->variadic ? "&va, &nva" : "NULL, NULL");
	else
		pr_add(pr, "gopy_bind_args(&f, args, nargs, kwnames, argv, %s) < 0",
		       f->variadic ? "&va, &nva" : "NULL, NULL");
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
	if (f->ctx_param >= 0) /* starts the call: gopy_ctx.h */
		pr_add(pr, "ctx_timeout, &ctx_call"), n++;
	if (f->recv) /* an interface's record by its address (convtab.c) */
		pr_add(pr, "%s%srecv", n ? ", " : "", conv_is_iface(f->recv->value) ? "&" : ""), n++;
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
	if (f->ctx_param >= 0)
		if_then(pr, "!fail", "fail = gopy_ctx_await(ctx_call, &ctx_interrupt);");
	if (f->direct) {
		sb cond = SB_INIT;
		sb_printf(&cond, "r0 == %s && (fail = gopy_take_fail()) != 0", sentinel);
		raise_if(pr, sb_str(&cond));
		sb_free(&cond);
	} else {
		raise_if(pr, "fail");
	}
}

void emit_wrapper(printer *pr, const plan *p, const plan_func *f)
{
	sb nm = SB_INIT, pyname = SB_INIT;

	c_name(&nm, f);
	const char *name = sb_str(&nm);
	if (f->recv)
		sb_printf(&pyname, "%s.%s", f->recv->pyshort, f->pyname);
	else if (f->sub) /* one of several packages: messages say whose */
		sb_printf(&pyname, "%s.%s", plan_modname(p, f->sub), f->pyname);
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
	frame_done(pr, f->ctx_param >= 0 ? "gopy_ctx_done(res, ctx_interrupt)" : "res");
	sb_free(&nm), sb_free(&pyname);
}

void emit_method_entry(printer *pr, const plan_func *f, const char *flags)
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

void emit_accessor(printer *pr, const plan *p, const accessor *a)
{
	plan_value pv = {.goname = a->member, .pyname = a->member, .type = a->type, .cv = a->cv};
	/* A submodule's variables reach the module through its type. */
	const char *module = a->in_sub ? "gopy_module_of_sub(self, &module_def)"
			     : a->on_module ? "self" : "gopy_module_of(self, &module_def)";
	const char *handle = a->on_module ? "" : "gopy_handle_of(self)";

	emit_sig_tables(pr, p, a->cname, a->signame, &pv, 1, false, a->sigkind);
	emit_getter(pr, p, a, module, handle);
	emit_setter(pr, p, a, module, handle);
}

void getset_entry(printer *pr, const char *pyname, const char *get, const char *set, const char *doc)
{
	pr_start(pr, "{\"%s\", %s, %s, ", pyname, get, set);
	add_doc(pr, doc, 0);
	pr_add(pr, ", NULL},");
	pr_end(pr);
}
