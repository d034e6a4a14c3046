/*
 * emit_pyi.c: writes NAME.pyi, the type stubs: the package doc, the
 * exception classes every module has, and each bound function with precise
 * annotations and its Go doc.
 */
#include "emit.h"

#include <ctype.h>
#include <string.h>

/*
 * Inside a class body a field or method named like a class (an embedded
 * field `Base Base`) hides that class from the annotations after it. Such
 * names are annotated through a module-level alias, _Base, instead.
 */
typedef struct shadow {
	const char **names;
	int n;
} shadow;

static bool is_class_name(const plan *p, const char *name)
{
	for (int i = 0; i < p->nclasses; i++)
		if (!strcmp(p->classes[i].pyname, name))
			return true;
	return false;
}

static bool shadowed(const shadow *sh, const char *word, size_t n)
{
	for (int i = 0; sh && i < sh->n; i++)
		if (strlen(sh->names[i]) == n && !strncmp(sh->names[i], word, n))
			return true;
	return false;
}

/* The member names of c that hide a class (arena-owned list). */
static shadow class_shadow(const plan *p, const plan_class *c)
{
	shadow sh = {arena_alloc(&p->m->arena, sizeof(char *) * (size_t)(c->nfields + c->nmethods + 1)), 0};

	for (int i = 0; i < c->nfields; i++)
		if (is_class_name(p, c->fields[i].pyname))
			sh.names[sh.n++] = c->fields[i].pyname;
	for (int i = 0; i < c->nmethods; i++)
		if (is_class_name(p, c->methods[i].pyname))
			sh.names[sh.n++] = c->methods[i].pyname;
	return sh;
}

/* Appends an annotation, spelling hidden class names through their alias. */
static void add_annot(sb *out, const char *text, const shadow *sh)
{
	const char *s = text;

	while (*s) {
		if (isalpha((unsigned char)*s) || *s == '_') {
			const char *w = s;
			while (isalnum((unsigned char)*s) || *s == '_')
				s++;
			if (shadowed(sh, w, (size_t)(s - w)))
				sb_addc(out, '_');
			sb_addn(out, w, (size_t)(s - w));
		} else {
			sb_addc(out, *s++);
		}
	}
}

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

static void add_type(sb *out, const plan_value *v, bool param, const shadow *sh)
{
	add_annot(out, param ? v->cv->pytype_in : v->cv->pytype, sh);
}

static void emit_func(sb *out, const plan_func *f, const char *indent, const shadow *sh)
{
	sb_printf(out, "\n%sdef %s(%s", indent, f->pyname, f->recv ? "self" : "");
	for (int i = 0; i < f->nparams; i++) {
		if (i || f->recv)
			sb_add(out, ", ");
		if (f->variadic && i == f->nparams - 1)
			sb_addc(out, '*');
		sb_printf(out, "%s: ", f->params[i].pyname);
		add_type(out, &f->params[i], true, sh);
	}
	sb_add(out, ") -> ");
	if (f->nresults == 0) {
		sb_add(out, "None");
	} else if (f->nresults == 1) {
		add_type(out, &f->results[0], false, sh);
	} else {
		sb_add(out, "tuple[");
		for (int i = 0; i < f->nresults; i++) {
			if (i)
				sb_add(out, ", ");
			add_type(out, &f->results[i], false, sh);
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

/*
 * A view class derives from an abstract collection class, so its stub
 * declares the abstract methods the runtime class implements; without them
 * a type checker takes the class for abstract and refuses the stub.
 */
static void emit_map_methods(sb *out, const char *key, const char *value)
{
	sb_printf(out, "\n    def __getitem__(self, key: %s, /) -> %s: ...\n", key, value);
	sb_printf(out, "\n    def __setitem__(self, key: %s, value: %s, /) -> None: ...\n", key, value);
	sb_printf(out, "\n    def __delitem__(self, key: %s, /) -> None: ...\n", key);
	sb_printf(out, "\n    def __iter__(self) -> Iterator[%s]: ...\n", key);
	sb_add(out, "\n    def __len__(self) -> int: ...\n");
}

/* A slice of a slice view is a view of the same class; of an array view,
 * a list (an array's length is part of its type). */
static void emit_sequence_methods(sb *out, const plan_class *c, const shadow *sh)
{
	const char *elem = c->view->ecv->pytype;

	sb_printf(out, "\n    @overload\n    def __getitem__(self, index: int, /) -> %s: ...\n", elem);
	sb_add(out, "\n    @overload\n    def __getitem__(self, index: slice, /) -> ");
	if (c->view->u->kind == TK_ARRAY)
		sb_printf(out, "list[%s]", elem);
	else
		add_annot(out, c->pyname, sh);
	sb_add(out, ": ...\n\n    def __len__(self) -> int: ...\n");
}

static void emit_class(sb *out, const plan *p, const plan_class *c)
{
	shadow sh = class_shadow(p, c);

	sb_printf(out, "\n\nclass %s", c->pyname);
	if (c->kind == CLASS_NAMED_BASIC)
		sb_printf(out, "(%s)", c->underlying->py_base);
	if (c->kind == CLASS_VIEW && c->view->kcv)
		sb_printf(out, "(MutableMapping[%s, %s])", c->view->kcv->pytype, c->view->ecv->pytype);
	else if (c->kind == CLASS_VIEW)
		sb_printf(out, "(Sequence[%s])", c->view->ecv->pytype);
	sb_add(out, ":\n");
	add_docstring(out, c->decl->doc, "    ");
	for (int i = 0; i < c->nfields; i++) {
		sb_printf(out, "    %s: ", c->fields[i].pyname);
		add_annot(out, c->fields[i].cv->pytype, &sh);
		sb_addc(out, '\n');
		add_docstring(out, c->fields[i].doc, "    ");
	}
	if (c->kind == CLASS_STRUCT) {
		sb_add(out, "\n    def __init__(self");
		for (int i = 0; i < c->nfields; i++)
			if (c->fields[i].ctor)
			{
				sb_printf(out, ", %s: ", c->fields[i].pyname);
				add_annot(out, c->fields[i].cv->pytype_in, &sh);
				sb_add(out, " = ...");
			}
		sb_add(out, ") -> None: ...\n");
		sb_add(out, "\n    def __copy__(self) -> ");
		add_annot(out, c->pyname, &sh);
		sb_add(out, ": ...\n\n    def __deepcopy__(self, memo: object) -> ");
		add_annot(out, c->pyname, &sh);
		sb_add(out, ": ...\n");
	} else if (c->kind == CLASS_VIEW && c->view->kcv) {
		sb_printf(out, "\n    def __init__(self, mapping: Mapping[%s, %s] = ...) -> None: ...\n",
			  c->view->kcv->pytype_in, c->view->ecv->pytype_in);
		emit_map_methods(out, c->view->kcv->pytype, c->view->ecv->pytype);
	} else if (c->kind == CLASS_VIEW) {
		sb_printf(out, "\n    def __init__(self, items: Iterable[%s] = ...) -> None: ...\n",
			  c->view->ecv->pytype_in);
		emit_sequence_methods(out, c, &sh);
	} else {
		sb_printf(out, "\n    def __new__(cls, value: %s = ...) -> %s: ...\n",
			  c->underlying->pytype, c->pyname);
	}
	for (int i = 0; i < c->nmethods; i++)
		emit_func(out, &c->methods[i], "    ", &sh);
}

/* Constants are Final with their value's type; variables are annotated. */
static void emit_globals(sb *out, const plan *p)
{
	if (p->nconsts + p->nvars)
		sb_add(out, "\n");
	for (int i = 0; i < p->nconsts; i++) {
		const plan_const *c = &p->consts[i];
		sb_printf(out, "\n%s: Final[%s]\n", c->pyname,
			  c->cls ? c->cls->pyname : convtab_const(c->decl->ckind)->pytype);
		add_docstring(out, c->decl->doc, "");
	}
	for (int i = 0; i < p->nvars; i++) {
		const plan_var *v = &p->vars[i];
		sb_printf(out, "\n%s: %s\n", v->pyname, v->cv->pytype);
		add_docstring(out, v->decl->doc, "");
	}
}

/* The aliases add_annot refers to, one per hidden class name. */
static void emit_aliases(sb *out, const plan *p)
{
	bool any = false;

	for (int i = 0; i < p->nclasses; i++) {
		const char *name = p->classes[i].pyname;
		bool hidden = false;
		for (int k = 0; k < p->nclasses && !hidden; k++) {
			shadow sh = class_shadow(p, &p->classes[k]);
			hidden = shadowed(&sh, name, strlen(name));
		}
		if (!hidden)
			continue;
		if (!any)
			sb_add(out, "\n\n# Aliases for class names that a field or method of the same name\n"
				    "# hides inside a class body.\n");
		any = true;
		sb_printf(out, "_%s: TypeAlias = %s\n", name, name);
	}
}

/*
 * The names the stub imports for its annotations. A module-level name
 * spelled like one (a Go type Sequence) would hide the import, so for such
 * a name the stub imports the module instead and qualifies the annotations
 * (`_abc.Sequence[int]`); the aliases begin with `_`, which no exported Go
 * name does.
 */
static const struct stub_import {
	const char *name, *module, *alias, *use; /* use: how an annotation spells it */
} stub_imports[] = {
	{"Iterable", "collections.abc", "_abc", "Iterable["},
	{"Iterator", "collections.abc", "_abc", "Iterator["},
	{"Mapping", "collections.abc", "_abc", "Mapping["},
	{"MutableMapping", "collections.abc", "_abc", "MutableMapping["},
	{"Sequence", "collections.abc", "_abc", "Sequence["},
	{"Final", "typing", "_typing", "Final["},
	{"TypeAlias", "typing", "_typing", "TypeAlias ="},
	{"overload", "typing", "_typing", "@overload"},
};
enum { NIMPORTS = sizeof stub_imports / sizeof *stub_imports };

static bool module_name_taken(const plan *p, const char *name)
{
	if (is_class_name(p, name) || !strcmp(name, "GoError") || !strcmp(name, "GoPanic"))
		return true;
	for (int i = 0; i < p->nfuncs; i++)
		if (!strcmp(p->funcs[i].pyname, name))
			return true;
	for (int i = 0; i < p->nconsts; i++)
		if (!strcmp(p->consts[i].pyname, name))
			return true;
	for (int i = 0; i < p->nvars; i++)
		if (!strcmp(p->vars[i].pyname, name))
			return true;
	return false;
}

/* The import lines for the names not hidden (one `from` per module), and
 * the module itself where a name is; hidden[i] says which. */
static void emit_imports(sb *out, const bool *hidden)
{
	sb_addc(out, '\n');
	for (int i = 0; i < NIMPORTS; i++) {
		const char *mod = stub_imports[i].module;
		bool first = true, qualified = false;
		if (i > 0 && !strcmp(stub_imports[i - 1].module, mod))
			continue; /* this module's line is written */
		for (int k = i; k < NIMPORTS && !strcmp(stub_imports[k].module, mod); k++) {
			if (hidden[k]) {
				qualified = true;
				continue;
			}
			sb_printf(out, first ? "from %s import %s" : ", %s", first ? mod : stub_imports[k].name,
				  stub_imports[k].name);
			first = false;
		}
		if (!first)
			sb_addc(out, '\n');
		if (qualified)
			sb_printf(out, "import %s as %s\n", mod, stub_imports[i].alias);
	}
}

/* body with each annotation use of a hidden name qualified by its alias;
 * docstrings (add_docstring's triple quotes) are left as the Go doc says. */
static void add_qualified(sb *out, const char *body, const bool *hidden)
{
	bool in_doc = false;

	for (const char *s = body; *s;) {
		int hit = -1;
		if (!strncmp(s, "\"\"\"", 3)) {
			in_doc = !in_doc;
			sb_add(out, "\"\"\"");
			s += 3;
			continue;
		}
		bool word_start = !in_doc && (s == body || !(isalnum((unsigned char)s[-1]) || s[-1] == '_' || s[-1] == '.'));
		for (int i = 0; word_start && i < NIMPORTS && hit < 0; i++)
			if (hidden[i] && !strncmp(s, stub_imports[i].use, strlen(stub_imports[i].use)))
				hit = i;
		if (hit >= 0)
			sb_printf(out, "%s.", stub_imports[hit].alias);
		sb_addc(out, *s++);
	}
}

void emit_pyi(const plan *p, sb *out)
{
	sb body = SB_INIT;
	bool hidden[NIMPORTS], any_hidden = false;

	for (int i = 0; i < NIMPORTS; i++)
		any_hidden |= hidden[i] = module_name_taken(p, stub_imports[i].name);
	sb_add(out, "# ");
	emit_generated_by(out, p);
	sb_add(out, "\n");
	if (p->m->doc) {
		sb_addc(out, '\n');
		add_docstring(out, p->m->doc, "");
	}
	emit_imports(out, hidden);
	sb_add(&body, "\n\nclass GoError(Exception):\n"
		    "    \"\"\"A Go function returned a non-nil error.\"\"\"\n"
		    "    go_type: str\n"
		    "\n\nclass GoPanic(Exception):\n"
		    "    \"\"\"Go code panicked; the panic was recovered.\"\"\"\n"
		    "    value: str\n"
		    "    go_type: str\n"
		    "    traceback: str\n");
	for (int i = 0; i < p->nclasses; i++)
		emit_class(&body, p, &p->classes[i]);
	for (int i = 0; i < p->nfuncs; i++) {
		sb_addc(&body, '\n');
		emit_func(&body, &p->funcs[i], "", NULL);
	}
	emit_globals(&body, p);
	emit_aliases(&body, p);
	if (any_hidden)
		add_qualified(out, sb_str(&body), hidden);
	else
		sb_add(out, sb_str(&body));
	sb_free(&body);
}
