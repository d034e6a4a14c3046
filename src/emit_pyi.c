/*
 * emit_pyi.c: writes NAME.pyi, the type stubs: the package doc, the
 * exception classes every module has, and each bound function with precise
 * annotations and its Go doc.
 */
#include "emit.h"

#include <string.h>

/* Appends a docstring at the given indentation, or nothing if doc is NULL. */
static void add_docstring(sb *out, const char *doc, const char *indent)
{
	if (!doc || !*doc)
		return;
	sb_printf(out, "%s\"\"\"", indent);
	for (const char *s = doc; *s; s++) {
		if (*s == '\\' || *s == '"')
			sb_addc(out, '\\');
		sb_addc(out, *s);
		if (*s == '\n' && s[1] && s[1] != '\n')
			sb_add(out, indent);
	}
	if (strchr(doc, '\n'))
		sb_printf(out, "\n%s", indent);
	sb_add(out, "\"\"\"\n");
}

static void add_type(sb *out, const plan_value *v, bool param)
{
	sb_add(out, param ? v->cv->pytype_in : v->cv->pytype);
}

static void emit_func(sb *out, const plan_func *f, const char *indent)
{
	sb_printf(out, "\n%sdef %s(%s", indent, f->pyname, f->recv ? "self" : "");
	for (int i = 0; i < f->nparams; i++) {
		if (i || f->recv)
			sb_add(out, ", ");
		if (f->variadic && i == f->nparams - 1)
			sb_addc(out, '*');
		sb_printf(out, "%s: ", f->params[i].pyname);
		add_type(out, &f->params[i], true);
	}
	sb_add(out, ") -> ");
	if (f->nresults == 0) {
		sb_add(out, "None");
	} else if (f->nresults == 1) {
		add_type(out, &f->results[0], false);
	} else {
		sb_add(out, "tuple[");
		for (int i = 0; i < f->nresults; i++) {
			if (i)
				sb_add(out, ", ");
			add_type(out, &f->results[i], false);
		}
		sb_addc(out, ']');
	}
	sb_add(out, ":\n");
	sb doc_indent = SB_INIT;
	sb_printf(&doc_indent, "%s    ", indent);
	add_docstring(out, f->decl->doc, sb_str(&doc_indent));
	sb_printf(out, "%s...\n", sb_str(&doc_indent));
	sb_free(&doc_indent);
}

static void emit_class(sb *out, const plan_class *c)
{
	sb_printf(out, "\n\nclass %s", c->pyname);
	if (c->kind == CLASS_NAMED_BASIC) /* bool cannot be subclassed: int stands in */
		sb_printf(out, "(%s)", !strcmp(c->underlying->gokind, "bool") ? "int" : c->underlying->pytype);
	sb_add(out, ":\n");
	add_docstring(out, c->decl->doc, "    ");
	for (int i = 0; i < c->nfields; i++) {
		sb_printf(out, "    %s: %s\n", c->fields[i].name, c->fields[i].cv->pytype);
		add_docstring(out, c->fields[i].doc, "    ");
	}
	if (c->kind == CLASS_STRUCT) {
		sb_add(out, "\n    def __init__(self");
		for (int i = 0; i < c->nfields; i++)
			if (c->fields[i].ctor)
				sb_printf(out, ", %s: %s = ...", c->fields[i].name, c->fields[i].cv->pytype_in);
		sb_add(out, ") -> None: ...\n");
		sb_printf(out, "\n    def __copy__(self) -> %s: ...\n", c->pyname);
		sb_printf(out, "\n    def __deepcopy__(self, memo: object) -> %s: ...\n", c->pyname);
	} else {
		sb_printf(out, "\n    def __new__(cls, value: %s = ...) -> %s: ...\n",
			  c->underlying->pytype, c->pyname);
	}
	for (int i = 0; i < c->nmethods; i++)
		emit_func(out, &c->methods[i], "    ");
}

void emit_pyi(const plan *p, sb *out)
{
	sb_add(out, "# ");
	emit_generated_by(out, p);
	sb_add(out, "\n");
	if (p->m->doc) {
		sb_addc(out, '\n');
		add_docstring(out, p->m->doc, "");
	}
	sb_add(out, "\n\nclass GoError(Exception):\n"
		    "    \"\"\"A Go function returned a non-nil error.\"\"\"\n"
		    "    go_type: str\n"
		    "\n\nclass GoPanic(Exception):\n"
		    "    \"\"\"Go code panicked; the panic was recovered.\"\"\"\n"
		    "    value: str\n"
		    "    go_type: str\n"
		    "    traceback: str\n");
	for (int i = 0; i < p->nclasses; i++)
		emit_class(out, &p->classes[i]);
	for (int i = 0; i < p->nfuncs; i++) {
		sb_addc(out, '\n');
		emit_func(out, &p->funcs[i], "");
	}
}
