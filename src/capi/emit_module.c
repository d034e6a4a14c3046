/*
 * src/capi/emit_module.c: writes module.c, the CPython C-API half of a module, in the
 * style of CPython's Modules/xxlimited.c: multi-phase init, module state,
 * heap types from PyType_Spec, METH_FASTCALL | METH_KEYWORDS. Each wrapper
 * binds its arguments, converts them with the convtab's converters,
 * releases the GIL for the one call into the Go glue, and converts the
 * results back (runtime/gopy_rt.h, runtime/gopy_obj.h).
 */
#include "emit.h"
#include "conv_capi.h"
#include "emit_desc.h"

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

/* Appends s as a C string literal, one source line per text line. */
static void add_c_string(sb *out, const char *s, const char *indent)
{
	const char *line = s;

	sb_addc(out, '"');
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line + 1) : strlen(line);
		char *part = xstrndup(line, n);

		sb_add_cescaped(out, part);
		free(part);
		line += n;
		if (*line)
			sb_printf(out, "\"\n%s\"", indent);
	}
	sb_addc(out, '"');
}

/* A docstring literal, or NULL. */
static void add_doc(sb *out, const char *doc, const char *indent)
{
	if (doc && *doc)
		add_c_string(out, doc, indent);
	else
		sb_add(out, "NULL");
}

/* The docstring: a text signature for inspect.signature, then the Go doc. */
static void add_func_doc(sb *out, const plan_func *f)
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
	add_c_string(out, sb_str(&doc), "\t ");
	sb_free(&doc);
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
		sb_printf(out, "fn_%s", f->decl->name);
}

static void emit_decl_comment(sb *out, const plan *p, const plan_func *f)
{
	sb decl = SB_INIT;

	emit_go_decl(&decl, p, f);
	sb_add(out, "\n/* ");
	add_comment_text(out, sb_str(&decl));
	sb_add(out, " */\n");
	sb_free(&decl);
}

/* static const gopy_sig NAME_sig = {...}; with its name and type tables. */
static void emit_sig_tables(sb *out, const plan *p, const char *name, const char *pyname,
			    const plan_value *params, int nparams, bool variadic, desc_sig_kind kind)
{
	desc_sig s = desc_sig_of(p, pyname, params, nparams, variadic, kind);

	desc_sig_c(out, &s, name);
	desc_sig_free(&s);
}

static void emit_to_py(sb *out, const plan *p, const conv *cv, const char *value)
{
	if (capi_conv_of(p, cv).to_py_module)
		sb_printf(out, "%s(module, %s)", capi_conv_of(p, cv).to_py, value);
	else
		sb_printf(out, "%s(%s)", capi_conv_of(p, cv).to_py, value);
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

static void emit_results(sb *out, const plan *p, const plan_func *f)
{
	char r[16];

	if (f->nresults == 0) {
		sb_add(out, "\tPy_INCREF(Py_None);\n\tres = Py_None;\n");
	} else if (f->nresults == 1) {
		sb_add(out, "\tres = ");
		emit_r0_to_py(out, p, f->results[0].cv, f->direct);
		sb_add(out, ";\n");
	} else {
		/* Convert every result (converters free or release what Go
		 * handed over) before checking for failure. */
		sb_printf(out, "\tPyObject *items[%d];\n", f->nresults);
		for (int i = 0; i < f->nresults; i++) {
			snprintf(r, sizeof r, "r%d", i);
			sb_printf(out, "\titems[%d] = ", i);
			emit_to_py(out, p, f->results[i].cv, r);
			sb_add(out, ";\n");
		}
		sb_printf(out, "\tres = gopy_tuple(items, %d);\n", f->nresults);
	}
}

static void emit_wrapper(sb *out, const plan *p, const plan_func *f)
{
	sb nm = SB_INIT, pyname = SB_INIT;
	int nfix = nfixed(f);

	c_name(&nm, f);
	const char *name = sb_str(&nm);
	if (f->recv)
		sb_printf(&pyname, "%s.%s", f->recv->pyname, f->pyname);
	else
		sb_add(&pyname, f->pyname);
	emit_decl_comment(out, p, f);
	emit_sig_tables(out, p, name, sb_str(&pyname), f->params, f->nparams, f->variadic, DS_CALL);
	if (f->recv)
		sb_printf(out, "\nstatic PyObject *\n%s(PyObject *self, PyObject *const *args, "
			  "Py_ssize_t nargs, PyObject *kwnames)\n{\n"
			  "\tPyObject *module = gopy_module_of(self, &module_def);\n\n"
			  "\tif (!module)\n\t\treturn NULL;\n", name);
	else
		sb_printf(out, "\nstatic PyObject *\n%s(PyObject *module, PyObject *const *args, "
			  "Py_ssize_t nargs, PyObject *kwnames)\n{\n", name);
	sb_printf(out, "\tgopy_frame f = GOPY_FRAME_INIT(&%s_sig, module);\n", name);
	sb_printf(out, "\tPyObject *argv[%d];\n", nfix ? nfix : 1);
	if (f->variadic)
		sb_add(out, "\tPyObject *const *va;\n\tPy_ssize_t nva;\n");
	if (f->recv)
		sb_printf(out, "\t%s recv;\n", f->recv->value->c_type);
	for (int i = 0; i < f->nparams; i++)
		sb_printf(out, "\t%s %sp%d;\n", f->params[i].cv->c_type,
			  f->variadic && i == nfix ? "*" : "", i);
	for (int i = 0; i < f->nresults; i++) {
		const conv *cv = f->results[i].cv;
		sb_printf(out, "\t%s r%d;\n", f->direct ? cv->ret->ctype : cv->c_out_type, i);
	}
	sb_add(out, "\tgopy_fail_addr fail;\n\tPyObject *res = NULL;\n\n\tif (");
	if (f->recv)
		sb_printf(out, "%s(&f, -1, self, &recv) < 0 ||\n\t    ", capi_conv_of(p, f->recv->value).from_py);
	sb_printf(out, "gopy_bind_args(&f, args, nargs, kwnames, argv, %s) < 0",
		  f->variadic ? "&va, &nva" : "NULL, NULL");
	for (int i = 0; i < f->nparams; i++) {
		const conv *cv = f->params[i].cv;
		if (f->variadic && i == nfix)
			sb_printf(out, " ||\n\t    gopy_to_varargs(&f, %d, va, nva, sizeof(%s), %s, (void **)&p%d) < 0",
				  i, cv->c_type, capi_conv_of(p, cv).from_py, i);
		else
			sb_printf(out, " ||\n\t    %s(&f, %d, argv[%d], &p%d) < 0", capi_conv_of(p, cv).from_py, i, i, i);
	}
	sb_add(out, ")\n\t\tgoto done;\n");

	/* GOPY_GO*: refused in a forked child through the failure path below (gopy_abi.h). */
	if (f->direct)
		sb_printf(out, "\tPy_BEGIN_ALLOW_THREADS\n\tr0 = GOPY_GO_DIRECT(%s, ", f->results[0].cv->ret->sentinel_name);
	else
		sb_add(out, "\tPy_BEGIN_ALLOW_THREADS\n\tfail = GOPY_GO(");
	emit_export_name(out, f);
	sb_addc(out, '(');
	int n = 0;
	if (f->recv)
		sb_add(out, "recv"), n++;
	for (int i = 0; i < f->nparams; i++, n++) {
		sb_printf(out, "%sp%d", n ? ", " : "", i);
		if (f->variadic && i == nfix)
			sb_add(out, ", (GoInt)nva");
	}
	for (int i = 0; !f->direct && i < f->nresults; i++, n++)
		sb_printf(out, "%s&r%d", n ? ", " : "", i);
	sb_add(out, "));\n\tPy_END_ALLOW_THREADS\n");
	if (f->direct)
		sb_printf(out, "\tif (r0 == %s && (fail = gopy_take_fail()) != 0) {\n",
			  f->results[0].cv->ret->sentinel_name);
	else
		sb_add(out, "\tif (fail) {\n");
	sb_add(out, "\t\tgopy_raise_fail(module, fail);\n\t\tgoto done;\n\t}\n");
	emit_results(out, p, f);
	sb_add(out, "done:\n\tgopy_frame_release(&f);\n\treturn res;\n}\n");
	sb_free(&nm), sb_free(&pyname);
}

static void emit_method_entry(sb *out, const plan_func *f, const char *flags)
{
	sb nm = SB_INIT;

	c_name(&nm, f);
	sb_printf(out, "\t{\"%s\", (PyCFunction)(void (*)(void))%s, %s,\n\t ", f->pyname, sb_str(&nm), flags);
	add_func_doc(out, f);
	sb_add(out, "},\n");
	sb_free(&nm);
}

/* ---- views: slices, arrays and maps (runtime/gopy_view.h) ---- */

static const char *view_kind(const plan_view *v)
{
	return v->u->kind == TK_MAP ? "GOPY_VIEW_MAP" : v->u->kind == TK_ARRAY ? "GOPY_VIEW_ARRAY" : "GOPY_VIEW_SLICE";
}

/* view_X_elem / view_X_key: the element's C value at p as Python. */
static void emit_elem_to_py(sb *out, const plan *p, const plan_view *v, const char *which, const conv *cv)
{
	sb_printf(out, "\nstatic PyObject *\nview_%s_%s(PyObject *module, const void *p)\n{\n", v->name, which);
	if (!capi_conv_of(p, cv).to_py_module)
		sb_add(out, "\t(void)module;\n");
	sb_printf(out, "\treturn %s(%s*(const %s *)p);\n}\n", capi_conv_of(p, cv).to_py, capi_conv_of(p, cv).to_py_module ? "module, " : "",
		  cv->c_out_type);
}

/* A gopy_elem initializer. */
static void emit_elem(sb *out, const plan *p, const plan_view *v, bool key)
{
	desc_elem e = desc_elem_of(p, v, key);

	sb_addc(out, '\t');
	desc_elem_c(out, p, &e);
	sb_add(out, ",\n");
}

static void emit_view(sb *out, const plan *p, const plan_view *v)
{
	const char *n = v->name, *T = model_type_at(p->m, v->type)->shown;
	bool map = v->u->kind == TK_MAP;

	sb_printf(out, "\n/* ---- the Go type %s ---- */\n", T);
	emit_elem_to_py(out, p, v, "elem", v->ecv);
	if (map)
		emit_elem_to_py(out, p, v, "key", v->kcv);
	sb_printf(out, "\nstatic const char *const view_%s_elemnames[] = {\"%s\", \"key\"};\n", n,
		  map ? "value" : "element");
	sb_printf(out, "static const char *const view_%s_elemtypes[] = {\"", n);
	sb_add_cescaped(out, model_type_at(p->m, v->elem)->shown);
	sb_add(out, "\", \"");
	if (map)
		sb_add_cescaped(out, model_type_at(p->m, v->key)->shown);
	sb_printf(out, "\"};\nstatic const gopy_sig view_%s_elemsig = {\"", n);
	sb_add_cescaped(out, T);
	sb_printf(out, "\", 2, view_%s_elemnames, view_%s_elemtypes, 0, GOPY_SIG_ELEM};\n", n, n);
	if (v->cls) {
		sb_printf(out, "static const char *const view_%s_newparams[] = {\"%s\"};\n", n,
			  map ? "mapping" : "items");
		sb_printf(out, "static const char *const view_%s_newtypes[] = {\"", n);
		sb_add_cescaped(out, T);
		sb_printf(out, "\"};\nstatic const gopy_sig view_%s_newsig = {\"%s\", 1, view_%s_newparams, "
			       "view_%s_newtypes, 0, GOPY_SIG_NEW};\n", n, v->cls->pyname, n, n);
	}

	sb_printf(out, "\nstatic const gopy_viewdef view_%s_def = {\n\t&module_def,\n\t\"", n);
	sb_add_cescaped(out, T);
	sb_add(out, "\",\n\t\"");
	sb_add_cescaped(out, v->u->spell);
	sb_printf(out, "\",\n\t%s,\n\t%lld,\n", view_kind(v), v->u->kind == TK_ARRAY ? v->u->len : 0LL);
	if (v->cls)
		sb_printf(out, "\tCLASS_%s,\n\t&view_%s_elemsig,\n\t&view_%s_newsig,\n", v->cls->pyname, n, n);
	else
		sb_printf(out, "\t-1,\n\t&view_%s_elemsig,\n\tNULL,\n", n);
	emit_elem(out, p, v, false);
	if (map)
		emit_elem(out, p, v, true);
	else
		sb_add(out, "\t{NULL, NULL, 0, 0, NULL, NULL},\n");
	sb_printf(out, "\tgopy_view_%s_make,\n", n);
	if (!map && !v->flat)
		sb_printf(out, "\tgopy_view_%s_get,\n\tgopy_view_%s_set,\n\tgopy_view_%s_items,\n", n, n, n);
	else
		sb_add(out, "\tNULL,\n\tNULL,\n\tNULL,\n");
	if (map)
		sb_printf(out, "\tgopy_view_%s_len,\n\tgopy_view_%s_get,\n\tgopy_view_%s_set,\n"
			       "\tgopy_view_%s_del,\n\tgopy_view_%s_items,\n\tgopy_view_%s_clear,\n",
			  n, n, n, n, n, n);
	else
		sb_add(out, "\tNULL,\n\tNULL,\n\tNULL,\n\tNULL,\n\tNULL,\n\tNULL,\n");
	sb_add(out, "};\n");
	/* Not every view's converters are called: one may serve only as an
	 * element of another, or only a skipped function needed it. */
	sb_printf(out, "\nGOPY_MAYBE_UNUSED static int\nto_view_%s(gopy_frame *f, int idx, PyObject *o, void *out)\n{\n"
		       "\treturn gopy_to_view(f, idx, o, out, &view_%s_def);\n}\n", n, n);
	sb_printf(out, "\nGOPY_MAYBE_UNUSED static PyObject *\nfrom_view_%s(PyObject *module, GoInt64 h)\n{\n"
		       "\treturn gopy_from_view(module, &view_%s_def, h);\n}\n", n, n);
}

/* ---- classes ---- */

static void emit_class_converters(sb *out, const plan *p, const plan_class *c, const used_set *u)
{
	const char *n = c->pyname;

	if (c->kind == CLASS_STRUCT) {
		if (used(u, "to_%s", n))
			sb_printf(out, "\nstatic int\nto_%s(gopy_frame *f, int idx, PyObject *o, void *out)\n{\n"
				       "\treturn gopy_to_handle(f, idx, o, out, CLASS_%s, 0);\n}\n", n, n);
		if (used(u, "to_%s_ptr", n))
			sb_printf(out, "\nstatic int\nto_%s_ptr(gopy_frame *f, int idx, PyObject *o, void *out)\n{\n"
				       "\treturn gopy_to_handle(f, idx, o, out, CLASS_%s, 1);\n}\n", n, n);
		if (used(u, "from_%s", n))
			sb_printf(out, "\nstatic PyObject *\nfrom_%s(PyObject *module, GoInt64 h)\n{\n"
				       "\treturn gopy_from_handle(module, CLASS_%s, h);\n}\n", n, n);
	} else if (used(u, "from_%s", n)) {
		sb_printf(out, "\nstatic PyObject *\nfrom_%s(PyObject *module, %s v)\n{\n"
			       "\treturn gopy_from_named(module, CLASS_%s, %s(v));\n}\n",
			  n, c->underlying->c_out_type, n, capi_conv_of(p, c->underlying).to_py);
	}
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

static void emit_accessor(sb *out, const plan *p, const accessor *a)
{
	const conv *cv = a->cv;
	plan_value pv = {.goname = a->member, .pyname = a->member, .type = a->type, .cv = cv};
	const char *module = a->on_module ? "self" : "gopy_module_of(self, &module_def)";
	const char *handle = a->on_module ? "" : "((gopy_object *)self)->handle";

	emit_sig_tables(out, p, a->cname, a->signame, &pv, 1, false, a->sigkind);
	sb_printf(out, "\nstatic PyObject *\nget_%s(PyObject *self, void *closure)\n{\n"
		       "\tPyObject *module = %s;\n"
		       "\t%s r0;\n\tgopy_fail_addr fail;\n\n\t(void)closure;\n"
		       "\tif (!module)\n\t\treturn NULL;\n",
		  a->cname, module, cv->ret ? cv->ret->ctype : cv->c_out_type);
	if (cv->ret) /* the export returns the value (emit_go.c: emit_read) */
		sb_printf(out, "\tr0 = GOPY_GO_DIRECT(%s, %s(%s));\n\tif (r0 == %s && (fail = gopy_take_fail()) != 0)\n",
			  cv->ret->sentinel_name, a->get, handle, cv->ret->sentinel_name);
	else
		sb_printf(out, "\tfail = GOPY_GO(%s(%s%s&r0));\n\tif (fail)\n", a->get, handle, *handle ? ", " : "");
	sb_add(out, "\t\treturn gopy_raise_fail(module, fail);\n\treturn ");
	emit_r0_to_py(out, p, cv, cv->ret != NULL);
	sb_add(out, ";\n}\n");

	sb_printf(out, "\nstatic int\nset_%s(PyObject *self, PyObject *value, void *closure)\n{\n"
		       "\tPyObject *module = %s;\n"
		       "\tgopy_frame f = GOPY_FRAME_INIT(&%s_sig, module);\n"
		       "\t%s p0;\n\tgopy_fail_addr fail;\n\tint rc = -1;\n\n\t(void)closure;\n"
		       "\tif (!module)\n\t\treturn -1;\n"
		       "\tif (!value)\n\t\treturn %s;\n"
		       "\tif (%s(&f, 0, value, &p0) < 0)\n\t\tgoto done;\n"
		       "\tfail = GOPY_GO(%s(%s%sp0));\n"
		       "\tif (fail) {\n\t\tgopy_raise_fail(module, fail);\n\t\tgoto done;\n\t}\n"
		       "\trc = 0;\ndone:\n\tgopy_frame_release(&f);\n\treturn rc;\n}\n",
		  a->cname, module, a->cname, cv->c_type,
		  a->on_module ? "gopy_var_delete(f.sig)" : "gopy_field_delete(&f)",
		  capi_conv_of(p, cv).from_py, a->set, handle, *handle ? ", " : "");
}

static void emit_field(sb *out, const plan *p, const plan_class *c, const plan_field *fd)
{
	sb cname = SB_INIT, qual = SB_INIT, get = SB_INIT, set = SB_INIT;

	sb_printf(&cname, "%s__%s", c->pyname, fd->name);
	sb_printf(&qual, "%s.%s", p->modname, c->pyname);
	emit_member_export(&get, "get", c, fd->name);
	emit_member_export(&set, "set", c, fd->name);
	sb_printf(out, "\n/* the field %s.%s %s */\n", c->named->shown, fd->name,
		  model_type_at(p->m, fd->type)->shown);
	accessor a = {sb_str(&cname), sb_str(&qual), DS_FIELD, fd->pyname, fd->type, fd->cv,
		      sb_str(&get), sb_str(&set), false};
	emit_accessor(out, p, &a);
	sb_free(&cname), sb_free(&qual), sb_free(&get), sb_free(&set);
}

static void emit_var(sb *out, const plan *p, const plan_var *v)
{
	const char *name = v->decl->name;
	sb cname = SB_INIT, get = SB_INIT, set = SB_INIT;

	sb_printf(&cname, "var_%s", name);
	sb_printf(&get, "gopy_getvar_%s", name);
	sb_printf(&set, "gopy_setvar_%s", name);
	sb_printf(out, "\n/* the variable %s.%s %s */\n", p->m->name, name,
		  model_type_at(p->m, v->decl->type)->shown);
	accessor a = {sb_str(&cname), p->modname, DS_VAR, v->pyname, v->decl->type, v->cv,
		      sb_str(&get), sb_str(&set), true};
	emit_accessor(out, p, &a);
	sb_free(&cname), sb_free(&get), sb_free(&set);
}

/* Package variables are properties of the module's own ModuleType subclass. */
static void emit_module_type(sb *out, const plan *p)
{
	if (!p->nvars)
		return;
	sb_add(out, "\n/* ---- package variables ---- */\n");
	for (int i = 0; i < p->nvars; i++)
		emit_var(out, p, &p->vars[i]);
	sb_add(out, "\nstatic PyGetSetDef module_vars[] = {\n");
	for (int i = 0; i < p->nvars; i++) {
		const char *name = p->vars[i].decl->name;
		sb_printf(out, "\t{\"%s\", get_var_%s, set_var_%s, ", p->vars[i].pyname, name, name);
		add_doc(out, p->vars[i].decl->doc, "\t ");
		sb_add(out, ", NULL},\n");
	}
	sb_add(out, "\t{NULL, NULL, NULL, NULL, NULL}\n};\n");
	sb_add(out, "\nstatic PyMethodDef module_type_methods[] = {\n"
		    "\t{\"__dir__\", gopy_module_dir, METH_NOARGS, \"The module's names and its Go variables.\"},\n"
		    "\t{NULL, NULL, 0, NULL}\n};\n");
	sb_add(out, "\nstatic PyType_Slot module_type_slots[] = {\n\t{Py_tp_getset, module_vars},\n"
		    "\t{Py_tp_methods, module_type_methods},\n\t{0, NULL}\n};\n");
	sb_printf(out, "\nstatic PyType_Spec module_type_spec = {\n\t.name = \"%s.module\",\n"
		       "\t.flags = Py_TPFLAGS_DEFAULT,\n\t.slots = module_type_slots,\n};\n", p->modname);
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

/*
 * Construction: Point(X, Y) sets the fields given, by position or name, in
 * one call to gopy_init_Point. tp_new does it when the class's __init__ is
 * ours (so __init__ then has nothing left to do); when a Python subclass
 * defines its own __init__, tp_new makes a zero value and our __init__
 * (reached through super().__init__) fills in the fields.
 */
static void emit_struct_new(sb *out, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;
	plan_value *params = xcalloc((size_t)c->nfields + 1, sizeof *params);
	sb sig = SB_INIT, exp = SB_INIT;
	int k = 0;

	for (int i = 0; i < c->nfields; i++)
		if (c->fields[i].ctor)
			params[k++] = (plan_value){.goname = c->fields[i].name, .pyname = c->fields[i].pyname,
						   .type = c->fields[i].type, .cv = c->fields[i].cv};
	sb_printf(&sig, "%s_new", n);
	sb_printf(out, "\n/* %s(...): fields not given keep their zero value. */\n", n);
	emit_sig_tables(out, p, sb_str(&sig), n, params, k, false, DS_NEW);

	/* Point_fill: sets the given fields of the value with handle h, or of
	 * a new value when h is 0; *out receives the handle. */
	sb_printf(out, "\nstatic int\n%s_fill(PyObject *module, GoInt64 h, PyObject *args, PyObject *kwargs, "
		       "GoInt64 *out)\n{\n"
		       "\tgopy_frame f = GOPY_FRAME_INIT(&%s_new_sig, module);\n"
		       "\tPyObject *argv[%d];\n", n, n, k ? k : 1);
	if (k) {
		sb_add(out, "\tstruct {\n");
		for (int i = 0; i < k; i++)
			sb_printf(out, "\t\t%s p%d; /* %s */\n", params[i].cv->c_type, i, params[i].goname);
		sb_add(out, "\t} v = {0};\n");
	}
	sb_add(out, "\tGoUint64 set = 0;\n\tgopy_fail_addr fail;\n\tint rc = -1;\n\n"
		    "\tif (gopy_bind_new(&f, args, kwargs, argv) < 0)\n\t\tgoto done;\n");
	for (int i = 0; i < k; i++)
		sb_printf(out, "\tif (argv[%d]) {\n\t\tif (%s(&f, %d, argv[%d], &v.p%d) < 0)\n\t\t\tgoto done;\n"
			       "\t\tset |= (GoUint64)1 << %d;\n\t}\n",
			  i, capi_conv_of(p, params[i].cv).from_py, i, i, i, i);
	emit_member_export(&exp, "init", c, NULL);
	sb_printf(out, "\tfail = GOPY_GO(%s(h, set", sb_str(&exp));
	for (int i = 0; i < k; i++)
		sb_printf(out, ", v.p%d", i);
	sb_add(out, ", out));\n\tif (fail) {\n\t\tgopy_raise_fail(module, fail);\n\t\tgoto done;\n\t}\n"
		    "\trc = 0;\ndone:\n\tgopy_frame_release(&f);\n\treturn rc;\n}\n");

	sb_printf(out, "\nstatic int %s_init(PyObject *self, PyObject *args, PyObject *kwargs);\n", n);
	sb_printf(out, "\nstatic PyObject *\n%s_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)\n{\n"
		       "\tPyObject *module = gopy_module_of_type(cls, &module_def);\n"
		       "\tGoInt64 h;\n\n"
		       "\tif (gopy_check_new(module, cls, CLASS_%s, &module_def, \"%s\") < 0)\n\t\treturn NULL;\n"
		       "\tif (cls->tp_init != %s_init)\n\t\targs = kwargs = NULL; /* for the subclass's __init__ */\n"
		       "\tif (%s_fill(module, 0, args, kwargs, &h) < 0)\n\t\treturn NULL;\n"
		       "\treturn gopy_object_wrap(cls, h);\n}\n", n, n, n, n, n);
	sb_printf(out, "\nstatic int\n%s_init(PyObject *self, PyObject *args, PyObject *kwargs)\n{\n"
		       "\tPyObject *module;\n\tGoInt64 h;\n\n"
		       "\tif (Py_TYPE(self)->tp_init == %s_init)\n\t\treturn 0; /* tp_new took the arguments */\n"
		       "\tif (!(module = gopy_module_of(self, &module_def)))\n\t\treturn -1;\n"
		       "\treturn %s_fill(module, ((gopy_object *)self)->handle, args, kwargs, &h);\n}\n",
		  n, n, n);
	free(params);
	sb_free(&sig), sb_free(&exp);
}

static void emit_struct_slots(sb *out, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;

	/* repr shows the struct's own fields; promoted ones appear inside the
	 * embedded field's repr. */
	sb_printf(out, "\nstatic const char *const %s_fieldnames[] = {", n);
	for (int i = 0; i < c->nfields; i++)
		if (!c->fields[i].promoted)
			sb_printf(out, "\"%s\", ", c->fields[i].pyname);
	sb_add(out, "NULL};\n");
	sb_printf(out, "\nstatic const gopy_structdef %s_def = {\n\t&module_def,\n\t\"%s.%s\",\n\t%s_fieldnames,\n\t",
		  n, p->modname, n, n);
	emit_member_export(out, "copy", c, NULL);
	sb_add(out, ",\n\t");
	if (c->comparable)
		emit_member_export(out, "eq", c, NULL);
	else
		sb_add(out, "NULL");
	sb_add(out, ",\n\t");
	if (c->string)
		emit_export_name(out, c->string);
	else
		sb_add(out, "NULL");
	sb_add(out, ",\n};\n");
	sb_printf(out, "\nstatic PyObject *\n%s_repr(PyObject *self)\n{\n\treturn gopy_object_repr(self, &%s_def);\n}\n",
		  n, n);
	if (c->string)
		sb_printf(out, "\nstatic PyObject *\n%s_str(PyObject *self)\n{\n"
			       "\treturn gopy_object_str(self, &%s_def);\n}\n", n, n);
	if (c->comparable)
		sb_printf(out, "\nstatic PyObject *\n%s_richcompare(PyObject *self, PyObject *other, int op)\n{\n"
			       "\treturn gopy_object_richcompare(self, other, op, &%s_def);\n}\n", n, n);
	sb_printf(out, "\nstatic PyObject *\n%s_copy(PyObject *self, PyObject *unused)\n{\n"
		       "\t(void)unused;\n\treturn gopy_object_copy(self, 0, &%s_def);\n}\n", n, n);
	sb_printf(out, "\nstatic PyObject *\n%s_deepcopy(PyObject *self, PyObject *memo)\n{\n"
		       "\t(void)memo;\n\treturn gopy_object_copy(self, 1, &%s_def);\n}\n", n, n);
}

static void emit_named_slots(sb *out, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;

	sb_printf(out, "\n/* %s(value): checks that value fits %s. */\n", n, c->named->shown);
	plan_value value = {.goname = "value", .pyname = "value", .type = c->decl->type, .cv = c->value};
	sb sig = SB_INIT;
	sb_printf(&sig, "%s_new", n);
	emit_sig_tables(out, p, sb_str(&sig), n, &value, 1, false, DS_NEW);
	sb_free(&sig);
	sb_printf(out, "\nstatic PyObject *\n%s_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)\n{\n"
		       "\treturn gopy_named_new(cls, args, kwargs, %s, &%s_new_sig);\n}\n",
		  n, capi_conv_of(p, c->value).from_py, n);
	int as_bool = c->underlying->kind == CK_BOOL;
	sb_printf(out, "\nstatic PyObject *\n%s_repr(PyObject *self)\n{\n\treturn gopy_named_repr(self, \"%s.%s\", %d);\n}\n",
		  n, p->modname, n, as_bool);
	if (!c->string)
		sb_printf(out, "\nstatic PyObject *\n%s_str(PyObject *self)\n{\n"
			       "\treturn gopy_named_str(self, %d);\n}\n", n, as_bool);
}

/* str() of a named basic or container value is its String method, looked up
 * on the instance as Python's own __str__ would be (a subclass may override
 * it). Structs call the export directly (gopy_object_str). */
static void emit_string_slot(sb *out, const plan_class *c)
{
	sb_printf(out, "\nstatic PyObject *\n%s_str(PyObject *self)\n{\n"
		       "\treturn PyObject_CallMethod(self, \"%s\", NULL);\n}\n", c->pyname, c->string->pyname);
}

static void emit_class(sb *out, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;

	sb_printf(out, "\n/* ---- %s: the Go type %s ---- */\n", n, c->named->shown);
	for (int i = 0; i < c->nmethods; i++)
		emit_wrapper(out, p, &c->methods[i]);
	if (c->kind == CLASS_STRUCT) {
		for (int i = 0; i < c->nfields; i++)
			emit_field(out, p, c, &c->fields[i]);
		emit_struct_new(out, p, c);
		emit_struct_slots(out, p, c);
	} else if (c->kind == CLASS_VIEW) {
		/* Everything else comes from the generic view class it derives from. */
		sb_printf(out, "\nstatic PyObject *\n%s_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)\n{\n"
			       "\treturn gopy_view_new(cls, args, kwargs, &view_%s_def);\n}\n", n, c->view->name);
	} else {
		emit_named_slots(out, p, c);
	}
	if (c->string && c->kind != CLASS_STRUCT)
		emit_string_slot(out, c);

	sb_printf(out, "\nstatic PyMethodDef %s_methods[] = {\n", n);
	for (int i = 0; i < c->nmethods; i++)
		emit_method_entry(out, &c->methods[i], "GOPY_METHOD_FLAGS");
	if (c->kind == CLASS_STRUCT)
		sb_printf(out, "\t{\"__copy__\", %s_copy, METH_NOARGS, \"An independent Go copy.\"},\n"
			       "\t{\"__deepcopy__\", %s_deepcopy, METH_O,\n"
			       "\t \"An independent Go copy, including what pointers reach.\"},\n", n, n);
	sb_add(out, "\t{NULL, NULL, 0, NULL}\n};\n");

	if (c->kind == CLASS_STRUCT) {
		sb_printf(out, "\nstatic PyGetSetDef %s_getset[] = {\n", n);
		for (int i = 0; i < c->nfields; i++) {
			const plan_field *fd = &c->fields[i];
			sb_printf(out, "\t{\"%s\", get_%s__%s, set_%s__%s, ", fd->pyname, n, fd->name, n, fd->name);
			add_doc(out, fd->doc, "\t ");
			sb_add(out, ", NULL},\n");
		}
		sb_add(out, "\t{NULL, NULL, NULL, NULL, NULL}\n};\n");
	}

	sb_printf(out, "\nstatic PyType_Slot %s_slots[] = {\n\t{Py_tp_doc, (void *)", n);
	add_doc(out, c->decl->doc, "\t\t\t\t ");
	sb_printf(out, "},\n\t{Py_tp_new, %s_new},\n", n);
	if (c->kind != CLASS_VIEW)
		sb_printf(out, "\t{Py_tp_repr, %s_repr},\n", n);
	if (c->kind == CLASS_STRUCT)
		sb_printf(out, "\t{Py_tp_init, %s_init},\n", n);
	if (c->string || c->kind == CLASS_NAMED_BASIC)
		sb_printf(out, "\t{Py_tp_str, %s_str},\n", n);
	sb_printf(out, "\t{Py_tp_methods, %s_methods},\n", n);
	if (c->kind == CLASS_STRUCT) {
		/* Go values are mutable: unhashable, as Python does for mutable values. */
		sb_printf(out, "\t{Py_tp_getset, %s_getset},\n\t{Py_tp_dealloc, gopy_object_dealloc},\n"
			       "\t{Py_tp_hash, PyObject_HashNotImplemented},\n\tGOPY_STRUCT_PYPY_SLOTS\n", n);
		if (c->comparable)
			sb_printf(out, "\t{Py_tp_richcompare, %s_richcompare},\n", n);
	}
	sb_add(out, "\t{0, NULL}\n};\n");
	sb_printf(out, "\nstatic PyType_Spec %s_spec = {\n\t.name = \"%s.%s\",\n\t.basicsize = %s,\n"
		       "\t.flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,\n\t.slots = %s_slots,\n};\n",
		  n, p->modname, n, c->kind == CLASS_STRUCT ? "sizeof(gopy_object)" : "0", n);
}

static void emit_module_def(sb *out, const plan *p)
{
	sb_add(out, "\n/* ---- the module ---- */\n\nstatic PyMethodDef module_functions[] = {\n");
	for (int i = 0; i < p->nfuncs; i++)
		emit_method_entry(out, &p->funcs[i], "METH_FASTCALL | METH_KEYWORDS");
	sb_add(out, "\t{NULL, NULL, 0, NULL}\n};\n");

	sb_add(out, "\nstatic int\nmodule_exec(PyObject *module)\n{\n"
		    "\tif (gopy_module_init(module, NCLASSES) < 0");
	for (int i = 0; i < p->nclasses; i++) {
		const plan_class *c = &p->classes[i];
		sb_printf(out, " ||\n\t    gopy_add_class(module, CLASS_%s, &%s_spec, ", c->pyname, c->pyname);
		if (c->kind == CLASS_STRUCT)
			sb_add(out, "NULL) < 0");
		else if (c->kind == CLASS_VIEW)
			sb_printf(out, "gopy_view_class(module, %s)) < 0", view_kind(c->view));
		else
			sb_printf(out, "(PyObject *)&%s) < 0", capi_conv_of(p, c->underlying).pybase);
	}
	for (int i = 0; i < p->nconsts; i++) {
		sb_printf(out, " ||\n\t    gopy_add_const(module, \"%s\", ", p->consts[i].pyname);
		emit_const_value(out, &p->consts[i]);
		sb_add(out, ") < 0");
	}
	if (p->nvars)
		sb_add(out, " ||\n\t    gopy_set_module_type(module, &module_type_spec) < 0");
	sb_add(out, " ||\n\t    gopy_add_private(module) < 0)\n\t\treturn -1;\n\treturn 0;\n}\n");
	sb_add(out, "\nstatic PyModuleDef_Slot module_slots[] = {\n\t{Py_mod_exec, module_exec},\n\t{0, NULL}\n};\n");
	sb_add(out, "\nstatic struct PyModuleDef module_def = {\n\tPyModuleDef_HEAD_INIT,\n");
	sb_printf(out, "\t.m_name = \"%s\",\n", p->modname);
	sb doc = SB_INIT;
	emit_module_doc(&doc, p);
	sb_add(out, "\t.m_doc = ");
	add_doc(out, sb_str(&doc), "\t\t ");
	sb_free(&doc);
	sb_add(out, ",\n\t.m_size = GOPY_STATE_SIZE(NCLASSES),\n\t.m_methods = module_functions,\n"
		    "\t.m_slots = module_slots,\n\t.m_traverse = gopy_module_traverse,\n"
		    "\t.m_clear = gopy_module_clear,\n\t.m_free = gopy_module_free,\n};\n");
	sb_printf(out, "\nPyMODINIT_FUNC\nPyInit_%s(void)\n{\n\treturn PyModuleDef_Init(&module_def);\n}\n",
		  p->modname);
}

void emit_capi(const plan *p, sb *out)
{
	used_set u = {0};

	collect_used(p, &u);
	sb_add(out, "/*\n * ");
	emit_generated_by(out, p);
	sb_printf(out, "\n *\n * The CPython module %s: one wrapper per bound Go function, and a class\n"
		  " * per bound Go type. Each wrapper converts its arguments, releases the GIL\n"
		  " * for one call into the Go glue (glue.go) and converts the results. The\n"
		  " * helpers are in gopy_rt.h and gopy_obj.h.\n */\n",
		  p->modname);
	sb_add(out, "#include \"gopy_rt.h\"\n\n/* Defined at the end; class members find their module through it. */\n"
		    "static struct PyModuleDef module_def;\n");
	sb_add(out, "\n/* The module's classes, by index in the module state. */\nenum {\n");
	for (int i = 0; i < p->nclasses; i++)
		sb_printf(out, "\tCLASS_%s,\n", p->classes[i].pyname);
	sb_add(out, "\tNCLASSES\n};\n");
	for (int i = 0; i < p->nclasses; i++)
		emit_class_converters(out, p, &p->classes[i], &u);
	for (int i = 0; i < p->nviews; i++)
		emit_view(out, p, p->views[i]);
	for (int i = 0; i < p->nclasses; i++)
		emit_class(out, p, &p->classes[i]);
	if (p->nfuncs)
		sb_add(out, "\n/* ---- functions ---- */\n");
	for (int i = 0; i < p->nfuncs; i++)
		emit_wrapper(out, p, &p->funcs[i]);
	emit_module_type(out, p);
	emit_module_def(out, p);
	free(u.names);
}
