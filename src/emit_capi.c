/*
 * emit_capi.c: writes module.c, the CPython C-API half of a module, in the
 * style of CPython's Modules/xxlimited.c: multi-phase init, module state,
 * METH_FASTCALL | METH_KEYWORDS. Each wrapper binds its arguments, converts
 * them with the convtab's runtime converters, releases the GIL for the one
 * call into the Go glue, and converts the results back (runtime/gopy_rt.h).
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

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

/* The docstring: a text signature for inspect.signature, then the Go doc. */
static void add_func_doc(sb *out, const plan_func *f)
{
	sb doc = SB_INIT;

	sb_printf(&doc, "%s(", f->pyname);
	for (int i = 0; i < f->nparams; i++) {
		if (i)
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

static void emit_sig(sb *out, const plan *p, const plan_func *f)
{
	const char *name = f->decl->name;

	sb_add(out, "\n/* ");
	sb decl = SB_INIT;
	emit_go_decl(&decl, p, f);
	add_comment_text(out, sb_str(&decl));
	sb_free(&decl);
	sb_add(out, " */\n");
	if (f->nparams) {
		sb_printf(out, "static const char *const fn_%s_params[] = {", name);
		for (int i = 0; i < f->nparams; i++)
			sb_printf(out, "%s\"%s\"", i ? ", " : "", f->params[i].pyname);
		sb_printf(out, "};\nstatic const char *const fn_%s_gotypes[] = {", name);
		for (int i = 0; i < f->nparams; i++) {
			sb_add(out, i ? ", \"" : "\"");
			sb_add_cescaped(out, model_type_at(p->m, f->params[i].type)->spell);
			sb_addc(out, '"');
		}
		sb_add(out, "};\n");
		sb_printf(out, "static const gopy_sig fn_%s_sig = {\"%s\", %d, fn_%s_params, fn_%s_gotypes, %d};\n",
			  name, f->pyname, nfixed(f), name, name, f->variadic);
	} else {
		sb_printf(out, "static const gopy_sig fn_%s_sig = {\"%s\", 0, NULL, NULL, 0};\n",
			  name, f->pyname);
	}
}

static void emit_results(sb *out, const plan_func *f)
{
	if (f->nresults == 0) {
		sb_add(out, "\tPy_INCREF(Py_None);\n\tres = Py_None;\n");
	} else if (f->nresults == 1) {
		sb_printf(out, "\tres = %s(r0);\n", f->results[0].cv->c_to_py);
	} else {
		/* Convert every result (converters free what Go allocated) before
		 * checking for failure. */
		sb_printf(out, "\tPyObject *items[%d];\n", f->nresults);
		for (int i = 0; i < f->nresults; i++)
			sb_printf(out, "\titems[%d] = %s(r%d);\n", i, f->results[i].cv->c_to_py, i);
		sb_printf(out, "\tres = gopy_tuple(items, %d);\n", f->nresults);
	}
}

static void emit_wrapper(sb *out, const plan *p, const plan_func *f)
{
	const char *name = f->decl->name;
	int nfix = nfixed(f);

	emit_sig(out, p, f);
	sb_printf(out, "\nstatic PyObject *\nfn_%s(PyObject *module, PyObject *const *args, "
		  "Py_ssize_t nargs, PyObject *kwnames)\n{\n", name);
	sb_printf(out, "\tgopy_frame f = GOPY_FRAME_INIT(&fn_%s_sig, module);\n", name);
	sb_printf(out, "\tPyObject *argv[%d];\n", nfix ? nfix : 1);
	if (f->variadic)
		sb_add(out, "\tPyObject *const *va;\n\tPy_ssize_t nva;\n");
	for (int i = 0; i < f->nparams; i++)
		sb_printf(out, "\t%s %sp%d;\n", f->params[i].cv->c_type,
			  f->variadic && i == nfix ? "*" : "", i);
	for (int i = 0; i < f->nresults; i++)
		sb_printf(out, "\t%s r%d;\n", f->results[i].cv->c_out_type, i);
	sb_add(out, "\tgopy_fail *fail;\n\tPyObject *res = NULL;\n\n");

	sb_printf(out, "\tif (gopy_bind_args(&f, args, nargs, kwnames, argv, %s) < 0",
		  f->variadic ? "&va, &nva" : "NULL, NULL");
	for (int i = 0; i < f->nparams; i++) {
		const conv *cv = f->params[i].cv;
		if (f->variadic && i == nfix)
			sb_printf(out, " ||\n\t    gopy_to_varargs(&f, %d, va, nva, sizeof(%s), %s, (void **)&p%d) < 0",
				  i, cv->c_type, cv->c_from_py, i);
		else
			sb_printf(out, " ||\n\t    %s(&f, %d, argv[%d], &p%d) < 0", cv->c_from_py, i, i, i);
	}
	sb_add(out, ")\n\t\tgoto done;\n");

	sb_add(out, "\tPy_BEGIN_ALLOW_THREADS\n\tfail = ");
	emit_export_name(out, f);
	sb_addc(out, '(');
	for (int i = 0; i < f->nparams; i++) {
		sb_printf(out, "%sp%d", i ? ", " : "", i);
		if (f->variadic && i == nfix)
			sb_add(out, ", (GoInt)nva");
	}
	for (int i = 0; i < f->nresults; i++)
		sb_printf(out, "%s&r%d", i || f->nparams ? ", " : "", i);
	sb_add(out, ");\n\tPy_END_ALLOW_THREADS\n");
	sb_add(out, "\tif (fail) {\n\t\tgopy_raise_fail(module, fail);\n\t\tgoto done;\n\t}\n");
	emit_results(out, f);
	sb_add(out, "done:\n\tgopy_frame_release(&f);\n\treturn res;\n}\n");
}

static void emit_module_def(sb *out, const plan *p)
{
	sb_add(out, "\nstatic PyMethodDef module_functions[] = {\n");
	for (int i = 0; i < p->nfuncs; i++) {
		const plan_func *f = &p->funcs[i];
		sb_printf(out, "\t{\"%s\", (PyCFunction)(void (*)(void))fn_%s, METH_FASTCALL | METH_KEYWORDS,\n\t ",
			  f->pyname, f->decl->name);
		add_func_doc(out, f);
		sb_add(out, "},\n");
	}
	sb_add(out, "\t{NULL, NULL, 0, NULL}\n};\n");

	sb_add(out, "\nstatic int\nmodule_exec(PyObject *module)\n{\n\treturn gopy_module_init(module);\n}\n");
	sb_add(out, "\nstatic PyModuleDef_Slot module_slots[] = {\n\t{Py_mod_exec, module_exec},\n\t{0, NULL}\n};\n");
	sb_add(out, "\nstatic struct PyModuleDef module_def = {\n\tPyModuleDef_HEAD_INIT,\n");
	sb_printf(out, "\t.m_name = \"%s\",\n", p->modname);
	sb_add(out, "\t.m_doc = ");
	if (p->m->doc)
		add_c_string(out, p->m->doc, "\t\t ");
	else
		sb_add(out, "NULL");
	sb_add(out, ",\n\t.m_size = sizeof(gopy_state),\n\t.m_methods = module_functions,\n"
		    "\t.m_slots = module_slots,\n\t.m_traverse = gopy_module_traverse,\n"
		    "\t.m_clear = gopy_module_clear,\n\t.m_free = gopy_module_free,\n};\n");
	sb_printf(out, "\nPyMODINIT_FUNC\nPyInit_%s(void)\n{\n\treturn PyModuleDef_Init(&module_def);\n}\n",
		  p->modname);
}

void emit_capi(const plan *p, sb *out)
{
	sb_add(out, "/*\n * ");
	emit_generated_by(out, p);
	sb_printf(out, "\n *\n * The CPython module %s: one wrapper per bound Go function. Each converts\n"
		  " * its arguments, releases the GIL for one call into the Go glue (glue.go)\n"
		  " * and converts the results. The helpers are in gopy_rt.h.\n */\n",
		  p->modname);
	sb_add(out, "#include \"gopy_rt.h\"\n");
	for (int i = 0; i < p->nfuncs; i++)
		emit_wrapper(out, p, &p->funcs[i]);
	emit_module_def(out, p);
}
