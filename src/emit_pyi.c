/*
 * emit_pyi.c: writes NAME.pyi, the type stubs: the package doc, the
 * exception classes every module has, and each bound function with precise
 * annotations and its Go doc.
 */
#include "emit.h"
#include "printer.h"

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

/* A class of the bound package is named so (annotations spell those
 * bare; other packages' classes are qualified by their submodule). */
static bool is_class_name(const plan *p, const char *name)
{
	for (int i = 0; i < p->nclasses; i++)
		if (!p->classes[i].sub && !strcmp(p->classes[i].pyname, name))
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
			/* A qualified name (units.Point) cannot be hidden. */
			if ((w == text || w[-1] != '.') && shadowed(sh, w, (size_t)(s - w)))
				sb_addc(out, '_');
			sb_addn(out, w, (size_t)(s - w));
		} else {
			sb_addc(out, *s++);
		}
	}
}

/* The two empty lines before a module-level class or section. */
static void gap(printer *pr)
{
	pr_blank(pr);
	pr_blank(pr);
}

/* A docstring at the printer's depth, or nothing if doc is NULL; its
 * empty lines stay empty. */
static void add_docstring(printer *pr, const char *doc)
{
	if (!doc || !*doc)
		return;
	pr_indent(pr);
	sb_add(pr->out, "\"\"\"");
	for (const char *s = doc; *s; s++) {
		if (*s == '\\' || *s == '"')
			sb_addc(pr->out, '\\');
		if (*s != '\n')
			sb_addc(pr->out, *s);
		else
			pr_end(pr);
		if (*s == '\n' && s[1] && s[1] != '\n')
			pr_indent(pr);
	}
	if (strchr(doc, '\n')) {
		pr_end(pr);
		pr_indent(pr);
	}
	sb_add(pr->out, "\"\"\"");
	pr_end(pr);
}

static void add_type(sb *out, const plan_value *v, bool param, const shadow *sh)
{
	add_annot(out, param ? v->cv->pytype_in : v->cv->pytype, sh);
}

/* A context parameter may be left out (gopy_ctx.h); when no fixed
 * parameter follows it, Python can say so with a default. */
static bool ctx_defaults(const plan_func *f)
{
	return f->ctx_param >= 0 && f->ctx_param == (f->variadic ? f->nparams - 2 : f->nparams - 1);
}

/* "def F(a: int, *b: str) -> R:", without parameter omit (-1: none); a
 * context's call ends with its keyword-only timeout. */
static void def_line(sb *out, const plan_func *f, const shadow *sh, int omit)
{
	int n = 0;

	sb_printf(out, "def %s(%s", f->pyname, f->recv ? "self" : "");
	n += f->recv != NULL;
	for (int i = 0; i < f->nparams; i++) {
		if (i == omit)
			continue;
		if (n++)
			sb_add(out, ", ");
		if (f->variadic && i == f->nparams - 1)
			sb_addc(out, '*');
		sb_printf(out, "%s: ", f->params[i].pyname);
		add_type(out, &f->params[i], true, sh);
		if (i == f->ctx_param && ctx_defaults(f))
			sb_add(out, " = None");
	}
	if (f->ctx_param >= 0) {
		sb_add(out, n ? ", " : "");
		if (!f->variadic)
			sb_add(out, "*, ");
		sb_printf(out, "%s: float | _datetime.timedelta | None = None", f->timeout);
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
	sb_addc(out, ':');
}

/* A function's stub; one whose context can be left out before other
 * parameters is two overloads, with and without it. */
static void emit_func(printer *pr, const plan_func *f, const shadow *sh)
{
	bool two = f->ctx_param >= 0 && !ctx_defaults(f);
	sb line = SB_INIT;

	for (int k = 0; k < (two ? 2 : 1); k++) {
		sb_reset(&line);
		def_line(&line, f, sh, k ? f->ctx_param : -1);
		pr_blank(pr);
		if (two)
			pr_line(pr, "@overload");
		pr_open(pr, "%s", sb_str(&line));
		if (!k)
			add_docstring(pr, f->decl->doc);
		pr_line(pr, "...");
		pr_close(pr, NULL);
	}
	sb_free(&line);
}

/* What a view class's stub says of its container: the base class and the
 * constructor's parameter, its annotation taking the same arguments. */
static const struct view_stub {
	const char *base, *param, *param_type;
} view_stubs[] = {
	[TK_SLICE] = {"Sequence", "items", "Iterable"},
	[TK_ARRAY] = {"Sequence", "items", "Iterable"},
	[TK_MAP] = {"MutableMapping", "mapping", "Mapping"},
};

/* "Base[K, V]" or "Base[V]", with the types a view returns or (in) takes. */
static void add_view_generic(sb *out, const char *base, const plan_view *v, bool in)
{
	sb_printf(out, "%s[", base);
	if (v->kcv)
		sb_printf(out, "%s, ", in ? v->kcv->pytype_in : v->kcv->pytype);
	sb_printf(out, "%s]", in ? v->ecv->pytype_in : v->ecv->pytype);
}

static void struct_ctor(printer *pr, const plan *p, const plan_class *c, const shadow *sh)
{
	sb line = SB_INIT;

	sb_add(&line, "def __init__(self");
	for (int i = 0; i < c->nfields; i++)
		if (c->fields[i].ctor)
		{
			sb_printf(&line, ", %s: ", c->fields[i].pyname);
			add_annot(&line, c->fields[i].cv->pytype_in, sh);
			sb_add(&line, " = ...");
		}
	sb_add(&line, ") -> None: ...");
	pr_blank(pr);
	pr_line(pr, "%s", sb_str(&line));
	sb_reset(&line);
	add_annot(&line, plan_class_pyref(p, c), sh);
	pr_blank(pr);
	pr_line(pr, "def __copy__(self) -> %s: ...", sb_str(&line));
	pr_blank(pr);
	pr_line(pr, "def __deepcopy__(self, memo: object) -> %s: ...", sb_str(&line));
	sb_free(&line);
}

static void named_base(sb *out, const plan_class *c)
{
	sb_printf(out, "(%s)", c->underlying->py_base);
}

static void named_ctor(printer *pr, const plan *p, const plan_class *c, const shadow *sh)
{
	(void)sh;
	pr_blank(pr);
	pr_line(pr, "def __new__(cls, value: %s = ...) -> %s: ...", c->underlying->pytype, plan_class_pyref(p, c));
}

/* An interface is structural, as a Protocol is: a type checker accepts
 * any class with its methods. */
static void iface_base(sb *out, const plan_class *c)
{
	(void)c;
	sb_add(out, "(Protocol)");
}

/* Interface classes have no constructor: Go makes their values. An
 * interface of no exported methods and no doc (type Opts any) has an
 * empty body otherwise. */
static void no_ctor(printer *pr, const plan *p, const plan_class *c, const shadow *sh)
{
	(void)p, (void)sh;
	if (!c->nmethods && !(c->decl->doc && *c->decl->doc))
		pr_line(pr, "...");
}

static void view_base(sb *out, const plan_class *c)
{
	sb_addc(out, '(');
	add_view_generic(out, view_stubs[c->view->u->kind].base, c->view, false);
	sb_addc(out, ')');
}

/*
 * A view class derives from an abstract collection class, so its stub
 * declares the abstract methods the runtime class implements; without them
 * a type checker takes the class for abstract and refuses the stub.
 */
static void map_methods(printer *pr, const plan_view *v)
{
	const char *key = v->kcv->pytype, *value = v->ecv->pytype;

	pr_blank(pr);
	pr_line(pr, "def __getitem__(self, key: %s, /) -> %s: ...", key, value);
	pr_blank(pr);
	pr_line(pr, "def __setitem__(self, key: %s, value: %s, /) -> None: ...", key, value);
	pr_blank(pr);
	pr_line(pr, "def __delitem__(self, key: %s, /) -> None: ...", key);
	pr_blank(pr);
	pr_line(pr, "def __iter__(self) -> Iterator[%s]: ...", key);
	pr_blank(pr);
	pr_line(pr, "def __len__(self) -> int: ...");
}

/* A slice grows as Go's append does (runtime/capi/gopy_view.h); += is
 * extend and returns the view itself. */
static void slice_growth(printer *pr, const plan_class *c, const char *self)
{
	const char *in = c->view->ecv->pytype_in;

	pr_blank(pr);
	pr_line(pr, "def append(self, value: %s, /) -> None: ...", in);
	pr_blank(pr);
	pr_line(pr, "def extend(self, values: Iterable[%s], /) -> None: ...", in);
	pr_blank(pr);
	pr_line(pr, "def __iadd__(self, values: Iterable[%s], /) -> %s: ...", in, self);
}

/* A slice of a slice view is a view of the same class; of an array view,
 * a list (an array's length is part of its type). */
static void sequence_methods(printer *pr, const plan *p, const plan_class *c, const shadow *sh)
{
	const char *elem = c->view->ecv->pytype;
	bool slice = c->view->u->kind != TK_ARRAY;
	sb sliced = SB_INIT;

	if (!slice)
		sb_printf(&sliced, "list[%s]", elem);
	else
		add_annot(&sliced, plan_class_pyref(p, c), sh);
	pr_blank(pr);
	pr_line(pr, "@overload");
	pr_line(pr, "def __getitem__(self, index: int, /) -> %s: ...", elem);
	pr_blank(pr);
	pr_line(pr, "@overload");
	pr_line(pr, "def __getitem__(self, index: slice, /) -> %s: ...", sb_str(&sliced));
	pr_blank(pr);
	pr_line(pr, "def __len__(self) -> int: ...");
	if (slice)
		slice_growth(pr, c, sb_str(&sliced));
	sb_free(&sliced);
}

static void view_ctor(printer *pr, const plan *p, const plan_class *c, const shadow *sh)
{
	const struct view_stub *vs = &view_stubs[c->view->u->kind];
	sb annot = SB_INIT;

	add_view_generic(&annot, vs->param_type, c->view, true);
	pr_blank(pr);
	pr_line(pr, "def __init__(self, %s: %s = ...) -> None: ...", vs->param, sb_str(&annot));
	sb_free(&annot);
	if (c->view->kcv)
		map_methods(pr, c->view);
	else
		sequence_methods(pr, p, c, sh);
}

/* An error class is a GoError (support.h: plan_class.error). */
static void struct_base(sb *out, const plan_class *c)
{
	if (c->error)
		sb_add(out, "(GoError)");
}

/* What differs between the kinds of class: the base classes (NULL: none)
 * and the constructor. */
static const struct class_stub {
	void (*base)(sb *out, const plan_class *c);
	void (*ctor)(printer *pr, const plan *p, const plan_class *c, const shadow *sh);
} class_stubs[] = {
	[CLASS_STRUCT] = {struct_base, struct_ctor},
	[CLASS_NAMED_BASIC] = {named_base, named_ctor},
	[CLASS_VIEW] = {view_base, view_ctor},
	[CLASS_IFACE] = {iface_base, no_ctor},
};

static void emit_class(printer *pr, const plan *p, const plan_class *c)
{
	const struct class_stub *k = &class_stubs[c->kind];
	shadow sh = class_shadow(p, c);
	sb line = SB_INIT;

	sb_printf(&line, "class %s", c->pyshort);
	if (k->base)
		k->base(&line, c);
	gap(pr);
	pr_open(pr, "%s:", sb_str(&line));
	add_docstring(pr, c->decl->doc);
	for (int i = 0; i < c->nfields; i++) {
		sb_reset(&line);
		add_annot(&line, c->fields[i].cv->pytype, &sh);
		pr_line(pr, "%s: %s", c->fields[i].pyname, sb_str(&line));
		add_docstring(pr, c->fields[i].doc);
	}
	k->ctor(pr, p, c, &sh);
	for (int i = 0; i < c->nmethods; i++)
		emit_func(pr, &c->methods[i], &sh);
	pr_close(pr, NULL);
	sb_free(&line);
}

/* Constants are Final with their value's type; variables are annotated.
 * Those of module sub (NULL: the module itself). */
static void emit_globals(printer *pr, const plan *p, const plan_sub *sub)
{
	bool any = false;

	for (int i = 0; i < p->nconsts; i++)
		any |= p->consts[i].sub == sub;
	for (int i = 0; i < p->nvars; i++)
		any |= p->vars[i].sub == sub;
	if (any)
		pr_blank(pr);
	for (int i = 0; i < p->nconsts; i++) {
		const plan_const *c = &p->consts[i];
		if (c->sub != sub)
			continue;
		pr_blank(pr);
		pr_line(pr, "%s: Final[%s]", c->pyname, c->cls ? plan_class_pyref(p, c->cls) : convtab_const(c->decl->ckind)->pytype);
		add_docstring(pr, c->decl->doc);
	}
	for (int i = 0; i < p->nvars; i++) {
		const plan_var *v = &p->vars[i];
		if (v->sub != sub)
			continue;
		pr_blank(pr);
		pr_line(pr, "%s: %s", v->pyname, v->cv->pytype);
		add_docstring(pr, v->decl->doc);
	}
}

/* The aliases add_annot refers to, one per hidden class name. */
static void emit_aliases(printer *pr, const plan *p)
{
	bool any = false;

	for (int i = 0; i < p->nclasses; i++) {
		const char *name = p->classes[i].pyname;
		bool hidden = false;
		if (p->classes[i].sub)
			continue; /* spelled qualified */
		for (int k = 0; k < p->nclasses && !hidden; k++) {
			shadow sh = class_shadow(p, &p->classes[k]);
			hidden = shadowed(&sh, name, strlen(name));
		}
		if (!hidden)
			continue;
		if (!any) {
			gap(pr);
			pr_line(pr, "# Aliases for class names that a field or method of the same name");
			pr_line(pr, "# hides inside a class body.");
		}
		any = true;
		pr_line(pr, "_%s: TypeAlias = %s", name, name);
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
	{"Callable", "collections.abc", "_abc", "Callable["},
	{"Iterable", "collections.abc", "_abc", "Iterable["},
	{"Iterator", "collections.abc", "_abc", "Iterator["},
	{"Mapping", "collections.abc", "_abc", "Mapping["},
	{"MutableMapping", "collections.abc", "_abc", "MutableMapping["},
	{"Sequence", "collections.abc", "_abc", "Sequence["},
	{"Any", "typing", "_typing", "Any"},
	{"Final", "typing", "_typing", "Final["},
	{"final", "typing", "_typing", "@final"},
	{"Protocol", "typing", "_typing", "(Protocol)"},
	{"TypeAlias", "typing", "_typing", "TypeAlias ="},
	{"overload", "typing", "_typing", "@overload"},
};
enum { NIMPORTS = sizeof stub_imports / sizeof *stub_imports };

/* A name the stub of module sub (NULL: the module itself) defines. */
static bool module_name_taken(const plan *p, const plan_sub *sub, const char *name)
{
	if (!strcmp(name, "GoError") || !strcmp(name, "GoPanic") || !strcmp(name, "GoValue") ||
	    !strcmp(name, "Ref"))
		return true;
	for (int i = 0; i < p->nsubs; i++)
		if (!strcmp(p->subs[i]->pyname, name))
			return true;
	for (int i = 0; i < p->nclasses; i++)
		if (p->classes[i].sub == sub && !strcmp(p->classes[i].pyshort, name))
			return true;
	for (int i = 0; i < p->nfuncs; i++)
		if (p->funcs[i].sub == sub && !strcmp(p->funcs[i].pyname, name))
			return true;
	for (int i = 0; i < p->nconsts; i++)
		if (p->consts[i].sub == sub && !strcmp(p->consts[i].pyname, name))
			return true;
	for (int i = 0; i < p->nvars; i++)
		if (p->vars[i].sub == sub && !strcmp(p->vars[i].pyname, name))
			return true;
	for (int i = 0; i < p->naliases; i++)
		if (!strcmp(p->aliases[i].pyname, name))
			return true;
	return false;
}

/* The import lines for the names not hidden (one `from` per module), and
 * the module itself where a name is; hidden[i] says which. */
static void emit_imports(printer *pr, const bool *hidden)
{
	sb line = SB_INIT;

	pr_blank(pr);
	for (int i = 0; i < NIMPORTS; i++) {
		const char *mod = stub_imports[i].module;
		bool qualified = false;
		if (i > 0 && !strcmp(stub_imports[i - 1].module, mod))
			continue; /* this module's line is written */
		sb_reset(&line);
		for (int k = i; k < NIMPORTS && !strcmp(stub_imports[k].module, mod); k++) {
			if (hidden[k]) {
				qualified = true;
				continue;
			}
			if (line.len)
				sb_printf(&line, ", %s", stub_imports[k].name);
			else
				sb_printf(&line, "from %s import %s", mod, stub_imports[k].name);
		}
		if (line.len)
			pr_line(pr, "%s", sb_str(&line));
		if (qualified)
			pr_line(pr, "import %s as %s", mod, stub_imports[i].alias);
	}
	sb_free(&line);
}

/* A use spelled as a bare word ("Any") is one only where an annotation
 * can go on after it, not in "def Any(": a Go function may be named so. */
static bool ends_annotation(const char *use, const char *after)
{
	if (!isalnum((unsigned char)use[strlen(use) - 1]))
		return true;
	return *after && strchr(" ,]|):\n", *after) != NULL;
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
			if (hidden[i] && !strncmp(s, stub_imports[i].use, strlen(stub_imports[i].use)) &&
			    ends_annotation(stub_imports[i].use, s + strlen(stub_imports[i].use)))
				hit = i;
		if (hit >= 0)
			sb_printf(out, "%s.", stub_imports[hit].alias);
		sb_addc(out, *s++);
	}
}

/* The exception classes every module has. */
static void emit_exceptions(printer *pr)
{
	gap(pr);
	pr_open(pr, "class GoError(Exception):");
	pr_line(pr, "\"\"\"A Go function returned a non-nil error.\"\"\"");
	pr_line(pr, "go_type: str");
	pr_close(pr, NULL);
	gap(pr);
	pr_open(pr, "class GoPanic(Exception):");
	pr_line(pr, "\"\"\"Go code panicked; the panic was recovered.\"\"\"");
	pr_line(pr, "value: str");
	pr_line(pr, "go_type: str");
	pr_line(pr, "traceback: str");
	pr_close(pr, NULL);
	gap(pr);
	pr_line(pr, "@final");
	pr_open(pr, "class GoValue:");
	pr_line(pr, "\"\"\"A Go value of a type Python has no class for; passed back to Go unchanged.\"\"\"");
	pr_blank(pr);
	pr_line(pr, "def __call__(self, *args: object) -> Any: ...");
	pr_close(pr, NULL);
	gap(pr);
	pr_line(pr, "@final");
	pr_open(pr, "class Ref:");
	pr_line(pr, "\"\"\"A Go *any: where Go wants a pointer to fill (json.Unmarshal), value is what it stored.\"\"\"");
	pr_line(pr, "value: Any");
	pr_blank(pr);
	pr_line(pr, "def __new__(cls, initial: object = None) -> Ref: ...");
	pr_close(pr, NULL);
}

/* The submodules, for the annotations naming their classes: public in
 * the module's stub, private (not re-exported) in a submodule's. */
static void emit_sub_imports(printer *pr, const plan *p, bool public)
{
	sb line = SB_INIT;

	for (int i = 0; i < p->nsubs; i++) {
		if (!plan_sub_present(p->subs[i]))
			continue;
		sb_add(&line, line.len ? ", " : "from . import ");
		sb_add(&line, p->subs[i]->pyname);
		if (public)
			sb_printf(&line, " as %s", p->subs[i]->pyname);
	}
	if (line.len)
		pr_line(pr, "%s", sb_str(&line));
	sb_free(&line);
}

/* The stub of the module (sub NULL) or of one of its submodules. */
static void emit_stub(const plan *p, const plan_sub *sub, sb *out)
{
	sb body = SB_INIT;
	printer head = PRINTER_PY(out), pr = PRINTER_PY(&body);
	bool hidden[NIMPORTS], any_hidden = false;

	for (int i = 0; i < NIMPORTS; i++)
		any_hidden |= hidden[i] = module_name_taken(p, sub, stub_imports[i].name);
	pr_indent(&head);
	sb_add(out, "# ");
	emit_generated_by(out, p);
	pr_end(&head);
	if (sub && sub->pkg->listed) {
		sb doc = SB_INIT;
		sb_printf(&doc, "The Go package %s", sub->pkg->path);
		pr_blank(&head);
		add_docstring(&head, sub->pkg->doc ? sub->pkg->doc : sb_str(&doc));
		sb_free(&doc);
	} else if (sub) {
		pr_blank(&head);
		pr_line(&head, "\"\"\"Types of the Go package %s that the module %s uses.\"\"\"", sub->pkg->path,
			p->modname);
	} else if (p->main_sub) {
		sb doc = SB_INIT;
		emit_module_doc(&doc, p, NULL);
		pr_blank(&head);
		add_docstring(&head, sb_str(&doc));
		sb_free(&doc);
	} else if (p->m->doc) {
		pr_blank(&head);
		add_docstring(&head, p->m->doc);
	}
	emit_imports(&head, hidden);
	if (sub) {
		pr_line(&head, "from . import GoError, GoValue, Ref");
		emit_sub_imports(&head, p, false);
	} else {
		emit_sub_imports(&head, p, true);
		emit_exceptions(&pr);
	}
	for (int i = 0; i < p->nclasses; i++)
		if (p->classes[i].sub == sub)
			emit_class(&pr, p, &p->classes[i]);
	for (int i = 0; i < p->nfuncs; i++) {
		if (p->funcs[i].sub != sub)
			continue;
		pr_blank(&pr);
		emit_func(&pr, &p->funcs[i], NULL);
	}
	emit_globals(&pr, p, sub);
	for (int i = 0; i < p->naliases; i++) {
		if (p->aliases[i].sub != sub)
			continue;
		pr_blank(&pr);
		pr_line(&pr, "%s = %s", p->aliases[i].pyname, plan_class_pyref(p, p->aliases[i].cls));
	}
	if (!sub)
		emit_aliases(&pr, p);
	/* Go's everyday types are the standard library's (convtab_std), under
	 * aliases no Go name can hide. */
	if (strstr(sb_str(&body), "_datetime."))
		pr_line(&head, "import datetime as _datetime");
	if (strstr(sb_str(&body), "_fractions."))
		pr_line(&head, "import fractions as _fractions");
	/* io's streams (convtab_io) are file objects. */
	if (strstr(sb_str(&body), "_io.RawIOBase"))
		pr_line(&head, "import io as _io");
	if (strstr(sb_str(&body), "_typing.BinaryIO"))
		pr_line(&head, "import typing as _typing");
	if (any_hidden)
		add_qualified(out, sb_str(&body), hidden);
	else
		sb_add(out, sb_str(&body));
	sb_free(&body);
}

void emit_pyi(const plan *p, sb *out)
{
	emit_stub(p, NULL, out);
}

void emit_pyi_sub(const plan *p, const plan_sub *sub, sb *out)
{
	emit_stub(p, sub, out);
}
