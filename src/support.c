/* support.c: see support.h. */
#include "support.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "pyname.h"
#include "reach.h"
#include "sb.h"
#include "util.h"

/* Names the runtime puts in every module; Go declarations must not shadow them. */
static const char *const reserved_names[] = {"GoError", "GoPanic", "GoValue", "Ref"};

/* The skip reason of another package's declaration the API does not reach:
 * not part of the binding, so not reported. */
static const char unreached[] = "not reached from the bound API";

/* The constructor's set-mask is a uint64. */
#define MAX_CTOR_FIELDS 64

static const char *reason(model *m, const char *fmt, ...) GOPY_PRINTF(2, 3);
static const char *reason(model *m, const char *fmt, ...)
{
	va_list ap;
	sb b = SB_INIT;

	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	const char *s = arena_strdup(&m->arena, sb_str(&b));
	sb_free(&b);
	return s;
}

static const char *add_view(plan *p, int type);
static const char *add_iface(plan *p, int type);
static model_decl *typedecl_of(model *m, int type);

/*
 * Why a named type that has no class cannot cross: the one reason for it,
 * whether it appears as itself, behind a pointer or as an element.
 */
static const char *named_unsupported(plan *p, const model_type *t)
{
	model *m = p->m;
	bool own = model_is_bound_pkg(m, t->pkgpath);
	const model_decl *d;

	if (strchr(t->shown, '['))
		return reason(m, "instantiated generic type %s is not supported yet", t->shown);
	if (!t->pkgpath[0])
		return reason(m, "type %s is not bound", t->shown);
	if (!isupper((unsigned char)t->name[0]))
		return reason(m, "type %s is unexported", t->shown);
	if (!(d = typedecl_of(m, t->id)))
		return own ? reason(m, "type %s is not bound", t->shown)
			   : reason(m, "type %s cannot be named outside its package (internal, vendored, "
				       "generic or in a main package)", t->shown);
	if (!own && p->reach[t->id] && !reach_within(p, t))
		return reason(m, "type %s is beyond -depth %d (%d types away from the API)", t->shown,
			      p->depth, p->reach[t->id]);
	if (d->skip && d->skip != unreached)
		return reason(m, "type %s is not bound: %s", t->shown, d->skip);
	return reason(m, "type %s is not bound", t->shown);
}

/* A named type with a declaration the binding covers: the bound
 * package's own, or another package's within reach. */
static bool named_bindable(const plan *p, const model_type *t)
{
	return t->kind == TK_NAMED && (model_is_bound_pkg(p->m, t->pkgpath) || reach_within(p, t));
}

/* A declaration of another package, of which only the types the API
 * reaches are bound (not one of the packages bound). */
static bool is_other(const model_decl *d)
{
	return d->pkg && !d->pkg->listed;
}

/* The submodule a package-level declaration lives in: with several
 * packages each has its own; another package's type, its package's;
 * else none (the module itself). */
static const plan_sub *decl_sub(const plan *p, const model_decl *d)
{
	return d->pkg ? reach_sub_of(p, d->pkg) : p->main_sub;
}

/* The identifier naming a package-level declaration's generated symbols:
 * its Go name, or in a submodule "_SUB__Name", unique across packages
 * (a Go name begins with a capital). */
static const char *decl_sym(const plan *p, const model_decl *d, const plan_sub *sub)
{
	if (!sub)
		return d->name;
	return reason(p->m, "_%s__%s", sub->pyname, p->decl_pyname[d - p->m->decls]);
}

/* The Go name of the package declaring d, for messages. */
static const char *pkg_name(const model *m, const model_decl *d)
{
	return d->pkg ? d->pkg->name : m->name;
}

/* Where d is, for messages: its position, or for another package's
 * declaration (export data has no positions we keep) its package. */
static const char *decl_pos(const model_decl *d)
{
	if (d->pos[0])
		return d->pos;
	return d->pkg ? d->pkg->path : "position unknown";
}

static bool is_container(const model_type *t)
{
	return t->kind == TK_SLICE || t->kind == TK_ARRAY || t->kind == TK_MAP;
}

/* Why values of this type cannot cross yet; NULL when they can. A slice,
 * array or map type is registered as a view on first use. */
static const char *type_unsupported(plan *p, int type)
{
	model *m = p->m;
	const model_type *t = model_type_at(m, type);

	if (convtab_for(p, type))
		return NULL;
	if (is_container(t) || (named_bindable(p, t) && is_container(model_underlying(m, t))))
		return add_view(p, type);
	/* context.Context: an interface value whose nil is Background(), and
	 * what makes a call interruptible (convtab_context); before any class. */
	if (convtab_is_context(t)) {
		const char *why = add_iface(p, type);
		if (!why)
			convtab_context(p, type);
		return why;
	}
	if (model_underlying(m, t)->kind == TK_INTERFACE || model_underlying(m, t)->kind == TK_SIGNATURE)
		return add_iface(p, type);
	if (t->kind == TK_BASIC)
		return reason(m, "type %s is not supported", t->shown);
	/* time.Time, *big.Int...: Python's own values (convtab_std). */
	if (t->kind == TK_NAMED && !model_is_bound_pkg(m, t->pkgpath) && convtab_std(p, type, false))
		return NULL;
	if (t->kind == TK_NAMED)
		return named_unsupported(p, t);
	if (t->kind == TK_POINTER && model_type_at(m, t->elem)->kind == TK_BASIC) {
		const conv *value = convtab_basic(model_type_at(m, t->elem)->basic);
		if (!value)
			return reason(m, "type %s is not supported", t->shown);
		convtab_add_valptr(p, type, value);
		return NULL;
	}
	if (t->kind == TK_POINTER && model_type_at(m, t->elem)->kind == TK_NAMED) {
		const plan_class *c = p->class_of[t->elem];
		const model_type *e = model_type_at(m, t->elem);
		if (!c && !model_is_bound_pkg(m, e->pkgpath) && convtab_std(p, t->elem, true))
			return NULL;
		if (!c && !model_is_bound_pkg(m, e->pkgpath) && convtab_std(p, t->elem, false))
			return reason(m, "pointers to %s are not supported (a Python value cannot be shared)",
				      e->shown);
		if (!c) /* the obstacle is the type pointed to, whatever points to it */
			return named_unsupported(p, e);
		if (c->kind == CLASS_NAMED_BASIC) {
			convtab_add_valptr(p, type, c->value);
			return NULL;
		}
		if (c->kind == CLASS_VIEW) {
			convtab_add_view_ptr(p, type, c->view);
			return NULL;
		}
		return reason(m, "pointers to interface types are not supported yet");
	}
	if (t->kind == TK_POINTER && is_container(model_type_at(m, t->elem))) {
		const char *why = add_view(p, t->elem);
		if (why)
			return why;
		convtab_add_view_ptr(p, type, convtab_for(p, t->elem)->view);
		return NULL;
	}
	return reason(m, "%s type %s is not supported yet", model_kind_desc(t->kind), t->shown);
}

static bool is_reserved(const char *name)
{
	for (size_t i = 0; i < sizeof reserved_names / sizeof *reserved_names; i++)
		if (!strcmp(name, reserved_names[i]))
			return true;
	return false;
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/*
 * Why a declaration's name cannot be bound, or NULL: Python names here are
 * ASCII; a package-level name must not take an exception class's; and the
 * name of a type or function (joined) must not hold a double underscore,
 * since generated symbols join a type and its member with one (gopy_m_T__M,
 * _sig_T__M), which is unique only so, members beginning with a capital.
 */
static const char *name_unsupported(model *m, const char *name, bool package_level, bool joined)
{
	if (!is_ascii(name))
		return "non-ASCII names are not supported";
	if (package_level && is_reserved(name))
		return reason(m, "the name %s is reserved for a class of gopy's own", name);
	if (joined && strstr(name, "__"))
		return "names with a double underscore are not supported "
		       "(generated symbols join a type and its member with one)";
	return NULL;
}

/* The keyword-only timeout of a call taking a context: "timeout", renamed
 * as pyname.c renames a keyword when a parameter takes the name ("timeout_",
 * then numbered). */
static const char *timeout_pyname(model *m, const plan_func *f)
{
	const char *name = "timeout";

	for (int k = 1;; k++) {
		bool taken = false;
		for (int i = 0; i < f->nparams && !taken; i++)
			taken = !strcmp(f->params[i].pyname, name);
		if (!taken)
			return name;
		name = k == 1 ? "timeout_" : reason(m, "timeout_%d", k);
	}
}

/* Fills f for a function or method declaration, or returns the skip reason. */
static const char *check_func(plan *p, const model_decl *d, const plan_class *recv, plan_func *f)
{
	model *m = p->m;
	const model_type *sig = model_type_at(m, d->type);
	const char **pynames;
	const char *why;
	int nres = sig->nresults;

	if (d->generic)
		return "generic functions are not supported";
	if ((why = name_unsupported(m, d->name, !recv, !recv)) != NULL)
		return why;

	memset(f, 0, sizeof *f);
	f->decl = d;
	f->sig = sig;
	f->recv = recv;
	/* A method's name is decided with its class's other members (name_members). */
	f->pyname = recv ? d->name : p->decl_pyname[d - m->decls];
	f->sub = recv ? NULL : decl_sub(p, d);
	f->sym = recv ? d->name : decl_sym(p, d, f->sub);
	f->variadic = sig->variadic;
	pynames = pyname_params(&m->arena, sig, recv != NULL);
	f->nparams = sig->nparams;
	f->params = arena_alloc(&m->arena, sizeof *f->params * (size_t)(sig->nparams + 1));
	for (int i = 0; i < sig->nparams; i++) {
		plan_value *v = &f->params[i];
		int type = sig->params[i].type;
		bool variadic = f->variadic && i == sig->nparams - 1;

		if (variadic)
			type = model_type_at(m, type)->elem; /* ...T arrives as []T */
		v->goname = sig->params[i].name;
		v->pyname = pynames[i];
		v->type = type;
		why = type_unsupported(p, type); /* first: it registers views */
		v->cv = convtab_for(p, type);
		if (!why && variadic && !v->cv->go.slice_in)
			why = reason(m, "variadic ...%s is not supported yet", model_type_at(m, type)->shown);
		if (why)
			return reason(m, "parameter %d (%s): %s", i + 1,
				      v->goname[0] ? v->goname : "unnamed", why);
	}

	if (nres > 0 && model_is_error(model_type_at(m, sig->results[nres - 1].type))) {
		f->returns_error = true;
		nres--;
	}
	f->nresults = nres;
	f->results = arena_alloc(&m->arena, sizeof *f->results * (size_t)(nres + 1));
	for (int i = 0; i < nres; i++) {
		plan_value *v = &f->results[i];

		v->goname = sig->results[i].name;
		v->type = sig->results[i].type;
		if ((why = type_unsupported(p, v->type)) != NULL)
			return reason(m, "result %d: %s", i + 1, why);
		v->cv = convtab_for(p, v->type);
	}
	/* A call that takes a context runs on a goroutine (gopy_ctx.go), so
	 * no failure can wait in the caller's thread-local: never direct. */
	f->ctx_param = -1;
	for (int i = 0; i < f->nparams && f->ctx_param < 0; i++)
		if (f->params[i].cv->kind == CK_CONTEXT && !(f->variadic && i == f->nparams - 1))
			f->ctx_param = i;
	if (f->ctx_param >= 0)
		f->timeout = timeout_pyname(m, f);
	f->direct = nres == 1 && f->results[0].cv->ret && f->ctx_param < 0;
	return NULL;
}

/* Whether a typedecl can be a class, and of which kind; the reason if not. */
static const char *class_kind(plan *p, const model_decl *d, plan_class_kind *kind)
{
	model *m = p->m;
	const model_type *named = model_type_at(m, d->type);
	const model_type *u = model_underlying(m, named);
	const char *why;

	if (named->generic)
		return "generic types are not supported";
	if ((why = name_unsupported(m, d->name, true, true)) != NULL)
		return why;
	if (model_not_in_heap(m, named))
		return "not-in-heap types are not supported (Go cannot allocate a type that holds "
		       "the runtime's NotInHeap marker, as runtime/cgo.Incomplete does)";
	if (u->kind == TK_STRUCT) {
		*kind = CLASS_STRUCT;
		return NULL;
	}
	if (u->kind == TK_BASIC && convtab_basic(u->basic)) {
		*kind = CLASS_NAMED_BASIC;
		return NULL;
	}
	if (u->kind == TK_INTERFACE && !u->constraint) {
		*kind = CLASS_IFACE;
		return NULL;
	}
	if (is_container(u)) {
		*kind = CLASS_VIEW;
		return NULL;
	}
	if (u->kind == TK_BASIC)
		return reason(m, "named %s types are not supported", u->shown);
	if (u->kind == TK_INTERFACE) /* a type set: Go has no values of it */
		return "constraint interfaces are not types of values (they only constrain type parameters)";
	return reason(m, "named %s types are not supported yet", model_kind_desc(u->kind));
}

/* Field lookup through embedded structs, by Go's rules: the shallowest
 * depth wins and two fields of one name at that depth cancel out. */
typedef struct field_cand {
	const model_field *f;
	int depth, count;
	bool direct;
} field_cand;

static field_cand *find_cand(field_cand *c, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(c[i].f->name, name))
			return &c[i];
	return NULL;
}

/* The struct a field embeds (T or *T of a named struct), or 0. */
static int embedded_struct(const model *m, const model_field *f)
{
	const model_type *t = model_type_at(m, f->type);

	if (!f->embedded)
		return 0;
	if (t->kind == TK_POINTER)
		t = model_type_at(m, t->elem);
	if (t->kind != TK_NAMED)
		return 0;
	t = model_underlying(m, t);
	return t->kind == TK_STRUCT ? t->id : 0;
}

static int collect_fields(const model *m, int st, field_cand **out)
{
	int cap = 16, n = 0, nlevel = 1, depth = 0;
	field_cand *c = xmalloc(sizeof *c * (size_t)cap);
	int *level = xmalloc(sizeof *level), *seen = xcalloc((size_t)m->ntypes, sizeof *seen);

	level[0] = st;
	seen[st] = 1;
	while (nlevel) {
		int nnext = 0, *next = NULL;
		for (int l = 0; l < nlevel; l++) {
			const model_type *s = model_type_at(m, level[l]);
			for (int i = 0; i < s->nfields; i++) {
				const model_field *f = &s->fields[i];
				field_cand *prev = find_cand(c, n, f->name);
				int emb = embedded_struct(m, f);

				if (prev && prev->depth < depth)
					continue; /* shadowed by a shallower field */
				if (prev) {
					prev->count++;
				} else {
					if (n == cap)
						c = xrealloc(c, sizeof *c * (size_t)(cap *= 2));
					c[n++] = (field_cand){f, depth, 1, depth == 0};
				}
				if (emb && !seen[emb]) {
					seen[emb] = 1;
					next = xrealloc(next, sizeof *next * (size_t)(nnext + 1));
					next[nnext++] = emb;
				}
			}
		}
		free(level);
		level = next;
		nlevel = nnext;
		depth++;
	}
	free(level);
	free(seen);
	*out = c;
	return n;
}

static bool has_method(const plan_class *c, const char *name)
{
	for (int i = 0; i < c->nmethods; i++)
		if (!strcmp(c->methods[i].decl->name, name))
			return true;
	return false;
}

/* Appends line to an arena-owned array (skip lists are short). */
static void push_line(arena *a, const char ***arr, int *n, const char *line)
{
	const char **grown = arena_alloc(a, sizeof *grown * (size_t)(*n + 1));

	if (*n)
		memcpy(grown, *arr, sizeof *grown * (size_t)*n);
	grown[(*n)++] = line;
	*arr = grown;
}

static void push_view(plan *p, plan_view *v)
{
	plan_view **grown = arena_alloc(&p->m->arena, sizeof *grown * (size_t)(p->nviews + 1));

	if (p->nviews)
		memcpy(grown, p->views, sizeof *grown * (size_t)p->nviews);
	v->index = p->nviews;
	grown[p->nviews++] = v;
	p->views = grown;
}

static void check_fields(plan *p, plan_class *c)
{
	model *m = p->m;
	const model_type *st = model_underlying(m, c->named);
	field_cand *cand;
	int n = collect_fields(m, st->id, &cand), nctor = 0;

	c->fields = arena_alloc(&m->arena, sizeof *c->fields * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		const model_field *f = cand[i].f;
		const char *why;

		if (!f->exported || cand[i].count > 1 || has_method(c, f->name))
			continue;
		if ((why = type_unsupported(p, f->type)) != NULL) {
			/* Promoted fields are reported on their own type. */
			if (cand[i].direct)
				push_line(&m->arena, &c->skips, &c->nskips, reason(m, "skipped: %s.%s.%s (%s): %s",
							 pkg_name(m, c->decl), c->decl->name, f->name,
							 f->pos[0] ? f->pos : decl_pos(c->decl), why));
			continue;
		}
		/* Past the constructor's limit a field is still an attribute. */
		bool ctor = cand[i].direct && nctor < MAX_CTOR_FIELDS;
		nctor += ctor;
		c->fields[c->nfields++] = (plan_field){.name = f->name, .doc = f->doc, .type = f->type,
						       .cv = convtab_for(p, f->type),
						       .promoted = !cand[i].direct, .ctor = ctor};
	}
	free(cand);
}

/* name() string: String (fmt.Stringer) or Error (Go's error interface). */
static bool is_text_method(const model *m, const plan_func *f, const char *name)
{
	const model_type *sig = f->sig;

	return !strcmp(f->decl->name, name) && !f->returns_error && sig->nparams == 0 && sig->nresults == 1 &&
	       model_type_at(m, sig->results[0].type)->kind == TK_BASIC &&
	       model_type_at(m, sig->results[0].type)->basic == B_STRING;
}

/* The methods following class c's typedecl at index *i in the decls. */
static void check_methods(plan *p, plan_class *c, int first)
{
	model *m = p->m;
	int n = 0;

	while (first + n < m->ndecls && m->decls[first + n].kind == D_METHOD)
		n++;
	c->methods = arena_alloc(&m->arena, sizeof *c->methods * (size_t)(n + 1));
	for (int i = first; i < first + n; i++) {
		model_decl *d = &m->decls[i];
		plan_func *f = &c->methods[c->nmethods];

		if (c->kind == CLASS_NAMED_BASIC && d->ptrrecv)
			d->skip = reason(m, "pointer-receiver methods of named basic types are not supported "
					    "(Python values of %s are immutable)", plan_class_qualname(p, c));
		else
			d->skip = check_func(p, d, c, f);
		d->bound = d->skip == NULL;
		if (d->bound) {
			if (is_text_method(m, f, "String"))
				c->string = f;
			if (c->kind == CLASS_STRUCT && is_text_method(m, f, "Error")) {
				c->error = f;
				c->error_by_value = !d->ptrrecv;
			}
			c->nmethods++;
		}
	}
	/* Go formats an error with Error() even when it has a String(). */
	if (c->error)
		c->string = c->error;
}

static const char *skip_line(const model *m, const model_decl *d)
{
	sb b = SB_INIT;

	const char *pos = d->pos;

	if (d->kind == D_METHOD) {
		const model_type *recv = model_type_at(m, d->recv);
		const model_decl *td = typedecl_of((model *)m, d->recv);
		sb_printf(&b, "skipped: %s.%s.%s", pkg_name(m, d), recv->name ? recv->name : recv->shown, d->name);
		/* A method promoted from another package's struct has no position
		 * of its own here: the type that embeds it has. */
		if (!pos[0] && td)
			pos = td->pos;
	} else {
		sb_printf(&b, "skipped: %s.%s", pkg_name(m, d), d->name);
	}
	sb_printf(&b, " (%s): %s", pos[0] ? pos : decl_pos(d), d->skip);
	const char *line = arena_strdup((arena *)&m->arena, sb_str(&b));
	sb_free(&b);
	return line;
}

/* Why a method whose type has no class is not bound. */
static const char *check_orphan_method(plan *p, const model_decl *d)
{
	model *m = p->m;

	if (is_other(d) && !reach_within(p, model_type_at(m, d->recv)))
		return unreached;
	return named_unsupported(p, model_type_at(m, d->recv));
}

/* Fills c for a constant, or returns the skip reason. */
static const char *check_const(plan *p, const model_decl *d, plan_const *c)
{
	const model_type *t = model_type_at(p->m, d->type);

	c->decl = d;
	c->pyname = p->decl_pyname[d - p->m->decls];
	c->sub = decl_sub(p, d);
	c->sym = decl_sym(p, d, c->sub);
	/* A typed constant of a bound named type is an instance of its class;
	 * any other constant is the plain Python value, which is exact. */
	c->cls = t->kind == TK_NAMED ? p->class_of[t->id] : NULL;
	return name_unsupported(p->m, d->name, true, false);
}

/* An alias names a bound class again; of any other type there is nothing
 * for Python to name (values of an alias are values of its type). */
static const char *check_alias(plan *p, const model_decl *d, plan_alias *a)
{
	const model_type *t = model_type_at(p->m, d->type);
	const char *why = name_unsupported(p->m, d->name, true, false);

	if (why)
		return why;
	a->decl = d;
	a->pyname = p->decl_pyname[d - p->m->decls];
	a->sub = decl_sub(p, d);
	if (t->kind == TK_NAMED && (a->cls = p->class_of[t->id]) != NULL)
		return NULL;
	if (t->kind == TK_NAMED && (why = type_unsupported(p, t->id)) != NULL)
		return reason(p->m, "alias of %s", why);
	return reason(p->m, "alias of %s, which has no class: use the type itself", t->shown);
}

static const char *check_var(plan *p, const model_decl *d, plan_var *v)
{
	const char *why = name_unsupported(p->m, d->name, true, false);

	if (why)
		return why;
	v->decl = d;
	v->pyname = p->decl_pyname[d - p->m->decls];
	v->sub = decl_sub(p, d);
	v->sym = decl_sym(p, d, v->sub);
	if ((why = type_unsupported(p, d->type)) != NULL)
		return why;
	v->cv = convtab_for(p, d->type);
	return NULL;
}

static plan_class *new_class(plan *p, const model_decl *d, plan_class_kind kind)
{
	plan_class *c = &p->classes[p->nclasses];

	c->index = p->nclasses++;
	c->decl = d;
	c->named = model_type_at(p->m, d->type);
	c->kind = kind;
	c->pyshort = c->pyname = p->decl_pyname[d - p->m->decls];
	if (decl_sub(p, d)) {
		/* One namespace holds every class's symbols: "_io__Reader"
		 * cannot meet a Go name, which begins with a capital. */
		plan_sub *sub = (plan_sub *)decl_sub(p, d);
		c->sub = sub;
		c->depth = is_other(d) ? p->reach[c->named->id] : 0;
		c->pyname = reason(p->m, "_%s__%s", sub->pyname, c->pyshort);
		sub->nclasses++;
	}
	c->comparable = c->named->comparable;
	p->class_of[c->named->id] = c;
	return c;
}

const char *plan_class_pyref(const plan *p, const plan_class *c)
{
	return c->sub ? reason(p->m, "%s.%s", c->sub->pyname, c->pyshort) : c->pyshort;
}

const char *plan_class_qualname(const plan *p, const plan_class *c)
{
	if (c->sub)
		return reason(p->m, "%s.%s.%s", p->modname, c->sub->pyname, c->pyshort);
	return reason(p->m, "%s.%s", p->modname, c->pyshort);
}

const char *plan_modname(const plan *p, const plan_sub *sub)
{
	return sub ? reason(p->m, "%s.%s", p->modname, sub->pyname) : p->modname;
}

/* The typedecl of a named type (the bound package's, or another's the
 * inspector declared), or NULL. */
static model_decl *typedecl_of(model *m, int type)
{
	for (int i = 0; i < m->ndecls; i++)
		if (m->decls[i].kind == D_TYPE && m->decls[i].type == type)
			return &m->decls[i];
	return NULL;
}

/* An identifier naming a type in generated code: "slice_float64",
 * "map_string_to_slice_int", "array3_Point". */
static void mangle(const model *m, sb *out, int type)
{
	const model_type *t = model_type_at(m, type);

	switch (t->kind) {
	case TK_BASIC:
		sb_add(out, model_basic_name(t->basic));
		break;
	case TK_NAMED:
		sb_add(out, t->name);
		break;
	case TK_POINTER:
		sb_add(out, "ptr_");
		mangle(m, out, t->elem);
		break;
	case TK_SLICE:
		sb_add(out, "slice_");
		mangle(m, out, t->elem);
		break;
	case TK_ARRAY:
		sb_printf(out, "array%lld_", t->len);
		mangle(m, out, t->elem);
		break;
	case TK_MAP:
		sb_add(out, "map_");
		mangle(m, out, t->key);
		sb_add(out, "_to_");
		mangle(m, out, t->elem);
		break;
	default:
		sb_printf(out, "type%d", type);
	}
}

static const char *view_name(plan *p, int type)
{
	sb b = SB_INIT;
	const char *name;

	mangle(p->m, &b, type);
	for (int i = 0; i < p->nviews; i++)
		if (!strcmp(p->views[i]->name, sb_str(&b))) {
			sb_printf(&b, "_%d", p->nviews); /* distinct types, same mangled name */
			break;
		}
	name = arena_strdup(&p->m->arena, sb_str(&b));
	sb_free(&b);
	return name;
}

/* Why a map key type cannot cross; NULL when it can. */
static const char *key_unsupported(plan *p, int key)
{
	const char *why = type_unsupported(p, key);
	const conv *cv;

	if (why)
		return why;
	cv = convtab_for(p, key);
	/* Struct instances and views are unhashable in Python. */
	if (!cv->hashable)
		return reason(p->m, "map keys of type %s are not supported (Python keys must be hashable)",
			      model_type_at(p->m, key)->shown);
	return NULL;
}

/*
 * Registers the slice, array or map type `type` (named or not) as a view,
 * after its element and key types; a named one becomes a class. Returns
 * NULL, or why it cannot cross (remembered).
 */
static const char *add_view(plan *p, int type)
{
	model *m = p->m;
	model_type *t = model_type_at(m, type);
	const model_type *u = model_underlying(m, t);
	plan_class_kind kind;
	model_decl *d = NULL;
	const char *why = NULL;
	plan_view *v;

	if (p->view_skip[type])
		return p->view_skip[type];
	if (convtab_for(p, type))
		return NULL;
	if (t->kind == TK_NAMED && (!(d = typedecl_of(m, type)) || (why = class_kind(p, d, &kind)) != NULL))
		return p->view_skip[type] = why ? why : named_unsupported(p, t);
	/* Marked while the parts are checked: a type reaching itself. */
	p->view_skip[type] = "recursive slice, array and map types are not supported yet";
	if ((why = type_unsupported(p, u->elem)) != NULL)
		why = reason(m, "element type %s: %s", model_type_at(m, u->elem)->shown, why);
	else if (u->kind == TK_MAP && (why = key_unsupported(p, u->key)) != NULL)
		why = reason(m, "key type %s: %s", model_type_at(m, u->key)->shown, why);
	if (why)
		return p->view_skip[type] = why;
	p->view_skip[type] = NULL;

	v = arena_alloc(&m->arena, sizeof *v);
	v->type = type;
	v->u = u;
	v->elem = u->elem;
	v->ecv = convtab_for(p, u->elem);
	if (u->kind == TK_MAP) {
		v->key = u->key;
		v->kcv = convtab_for(p, u->key);
	}
	v->flat = u->kind != TK_MAP && v->ecv->buf_format != NULL;
	v->name = view_name(p, type);
	if (d) {
		plan_class *c = new_class(p, d, CLASS_VIEW);
		c->view = v;
		v->cls = c;
		v->name = c->pyname;
	}
	push_view(p, v);
	convtab_add_view(p, v);
	if (v->cls)
		((plan_class *)v->cls)->value = v->cv;
	return NULL;
}

/* An identifier for an interface type in generated names: its own name
 * ("Shape", "Reader"), "any" or "error"; "iface_ID" for an unnamed one;
 * numbered when two types share one. */
static const char *iface_name(plan *p, const model_type *t)
{
	sb b = SB_INIT;
	const char *name;

	if (t->kind == TK_NAMED)
		sb_add(&b, t->name);
	else if (t->kind == TK_SIGNATURE)
		sb_printf(&b, "func_%d", t->id);
	else if (t->nimethods == 0)
		sb_add(&b, "any");
	else
		sb_printf(&b, "iface_%d", t->id);
	/* Generated names join this to a prefix (to_iface_Reader): it must
	 * differ from every other interface's and from the classes' (an
	 * interface class's generated names use its class name). */
	bool taken = false;
	for (int i = 0; i < p->nifaces; i++)
		taken |= !strcmp(p->ifaces[i]->name, sb_str(&b));
	for (int i = 0; i < p->nclasses; i++)
		taken |= !strcmp(p->classes[i].pyname, sb_str(&b));
	if (taken)
		sb_printf(&b, "_%d", t->id);
	name = arena_strdup(&p->m->arena, sb_str(&b));
	sb_free(&b);
	return name;
}

/* Why calls with signature sig cannot be made from Go into Python: the
 * first parameter or result that cannot cross. Every type a bound function
 * may take crosses there too (a container as a view, gopy_abi.h: VIEW). */
static const char *signature_unsupported(plan *p, const model_type *sig)
{
	const char *why;

	for (int i = 0; i < sig->nparams; i++) {
		int type = sig->params[i].type;
		if (sig->variadic && i == sig->nparams - 1)
			type = model_type_at(p->m, type)->elem;
		if ((why = type_unsupported(p, type)) != NULL)
			return reason(p->m, "parameter %d: %s", i + 1, why);
	}
	for (int i = 0; i < sig->nresults; i++)
		if ((why = type_unsupported(p, sig->results[i].type)) != NULL)
			return reason(p->m, "result %d: %s", i + 1, why);
	return NULL;
}

static void push_iface(plan *p, plan_iface *i)
{
	plan_iface **grown = arena_alloc(&p->m->arena, sizeof *grown * (size_t)(p->nifaces + 1));

	if (p->nifaces)
		memcpy(grown, p->ifaces, sizeof *grown * (size_t)p->nifaces);
	i->index = p->nifaces;
	grown[p->nifaces++] = i;
	p->ifaces = grown;
}

/*
 * Registers the interface or func type `type` (named or not): its values
 * cross as gopy_val records. A named interface of the package has a class
 * (made in pass 1). Returns NULL, or why it cannot cross.
 *
 * Python objects that are no Go value cross too (pykind): an exception
 * where Go wants an error; a callable where it wants a func, whose
 * parameters and results must cross in a callback; an object with the
 * methods of an interface whose methods all can. An interface is
 * registered before its methods are checked, so a method may use it.
 */
static const char *add_iface(plan *p, int type)
{
	model *m = p->m;
	const model_type *t = model_type_at(m, type);
	const model_type *u = model_underlying(m, t);
	plan_iface *i;
	const char *why;

	if (convtab_for(p, type)) /* registered already: a type reaching it first */
		return NULL;
	if (u->kind == TK_INTERFACE && u->constraint)
		return reason(m, "constraint interface %s is not a type of values", t->shown);
	if (t->kind == TK_NAMED && t->generic)
		return "generic types are not supported";
	if (t->kind == TK_NAMED && model_is_bound_pkg(m, t->pkgpath) && !model_is_error(t) && !p->class_of[type] &&
	    u->kind == TK_INTERFACE)
		return named_unsupported(p, t);
	if (u->kind == TK_SIGNATURE) {
		if (p->view_skip[type])
			return p->view_skip[type];
		p->view_skip[type] = "recursive function types are not supported yet";
		why = signature_unsupported(p, u);
		p->view_skip[type] = why ? reason(m, "function type %s: %s", t->shown, why) : NULL;
		if (why)
			return p->view_skip[type];
	}
	i = arena_alloc(&m->arena, sizeof *i);
	i->type = type;
	i->shown = t->shown;
	i->is_error = model_is_error(t);
	/* io's streams are file objects, never a class (convtab_io). */
	i->io = convtab_io(p, type);
	i->cls = i->io ? NULL : p->class_of[type];
	i->name = i->cls ? i->cls->pyname : iface_name(p, t);
	i->methods = arena_alloc(&m->arena, sizeof *i->methods * (size_t)(u->nimethods + 1));
	i->sigs = arena_alloc(&m->arena, sizeof *i->sigs * (size_t)(u->nimethods + 1));
	for (int k = 0; k < u->nimethods; k++)
		if (isupper((unsigned char)u->imethods[k].name[0])) {
			i->sigs[i->nmethods] = model_type_at(m, u->imethods[k].sig);
			i->methods[i->nmethods++] = u->imethods[k].name;
		}
	if (u->kind == TK_SIGNATURE) {
		i->func = u;
		i->pykind = PY_CALLABLE;
	} else if (i->is_error) {
		i->pykind = PY_EXCEPTION;
	} else if (i->io) {
		i->pykind = (i->io & IO_READ) && (i->io & IO_WRITE) ? PY_READWRITER
			    : i->io & IO_READ ? PY_READER : PY_WRITER;
	}
	push_iface(p, i);
	convtab_add_iface(p, i);
	if (i->cls) {
		((plan_class *)i->cls)->iface = i;
		((plan_class *)i->cls)->value = i->cv;
	}
	/* Python can implement it when Go can call every method. */
	if (!i->func && !i->is_error && !i->io && u->nimethods > 0 && i->nmethods == u->nimethods) {
		bool ok = true;
		for (int k = 0; k < i->nmethods && ok; k++)
			ok = signature_unsupported(p, i->sigs[k]) == NULL;
		i->pykind = ok ? PY_METHODS : PY_NONE;
	}
	return NULL;
}

/* Two signatures take and return the same types (names aside). */
static bool same_signature(const model *m, int a, int b)
{
	const model_type *x = model_type_at(m, a), *y = model_type_at(m, b);

	if (x->nparams != y->nparams || x->nresults != y->nresults || x->variadic != y->variadic)
		return false;
	for (int i = 0; i < x->nparams; i++)
		if (x->params[i].type != y->params[i].type)
			return false;
	for (int i = 0; i < x->nresults; i++)
		if (x->results[i].type != y->results[i].type)
			return false;
	return true;
}

/*
 * Whether the Go value Python holds for class c implements interface
 * class ic: a struct instance is a *T (every method counts), a named
 * basic or container instance is a T (only value-receiver methods).
 */
static bool class_implements(const plan *p, const plan_class *c, const plan_class *ic)
{
	const model *m = p->m;
	const model_type *iu = model_underlying(m, ic->named);
	int first = (int)(c->decl - m->decls) + 1;

	for (int k = 0; k < iu->nimethods; k++) {
		bool found = false;
		for (int i = first; i < m->ndecls && m->decls[i].kind == D_METHOD; i++) {
			const model_decl *d = &m->decls[i];
			if (!strcmp(d->name, iu->imethods[k].name) &&
			    (c->kind == CLASS_STRUCT || !d->ptrrecv) && same_signature(m, d->type, iu->imethods[k].sig))
				found = true;
		}
		if (!found)
			return false;
	}
	return true;
}

/* Pass 3: the bound classes each interface class has as virtual subclasses. */
static void find_implementers(plan *p)
{
	for (int i = 0; i < p->nclasses; i++) {
		plan_class *ic = &p->classes[i];
		if (ic->kind != CLASS_IFACE)
			continue;
		ic->implementers = arena_alloc(&p->m->arena, sizeof *ic->implementers * (size_t)(p->nclasses + 1));
		for (int k = 0; k < p->nclasses; k++)
			if (p->classes[k].kind != CLASS_IFACE && class_implements(p, &p->classes[k], ic))
				ic->implementers[ic->nimplementers++] = &p->classes[k];
	}
}

/* Python names of the package's declarations, one scope: every
 * declaration takes part, bound or not, so that a name does not depend
 * on what else is supported. Methods are named with their class. */
static void name_decls(plan *p)
{
	model *m = p->m;
	const char **go = xcalloc((size_t)m->ndecls + 1, sizeof *go);
	int *at = xcalloc((size_t)m->ndecls + 1, sizeof *at);
	const char *reserved[sizeof reserved_names / sizeof *reserved_names + 1] = {0};

	for (size_t i = 0; i < sizeof reserved_names / sizeof *reserved_names; i++)
		reserved[i] = reserved_names[i];
	p->decl_pyname = arena_alloc(&m->arena, sizeof *p->decl_pyname * (size_t)(m->ndecls + 1));
	/* A scope per package: the declarations of one follow each other. */
	for (int start = 0; start < m->ndecls;) {
		const model_import *pkg = m->decls[start].pkg;
		int end = start, n = 0;
		const char **names;

		for (; end < m->ndecls && m->decls[end].pkg == pkg; end++)
			if (m->decls[end].kind != D_METHOD) {
				at[n] = end;
				go[n++] = m->decls[end].name;
			}
		names = pyname_scope(&m->arena, PYNAME_DECLS, go, n, pkg && !pkg->listed ? NULL : reserved);
		for (int k = 0; k < n; k++)
			p->decl_pyname[at[k]] = names[k];
		start = end;
	}
	free(go);
	free(at);
}

/* Python's builtins that annotations name: a submodule called so (Go's
 * bytes, container/list) would hide them in the stubs. */
static const char *const stub_builtins[] = {"bool", "bytearray", "bytes", "complex", "dict", "float", "frozenset",
					    "int", "list", "memoryview", "object", "set", "slice", "str",
					    "tuple", "type"};

/* The submodules' names must not meet the module's own names, nor the
 * builtins the stubs use. */
static void name_subs(plan *p)
{
	model *m = p->m;
	size_t nres = sizeof reserved_names / sizeof *reserved_names;
	const char **taken = xcalloc((size_t)m->ndecls + nres + sizeof stub_builtins / sizeof *stub_builtins + 1,
				     sizeof *taken);
	int n = 0;

	for (size_t i = 0; i < nres; i++)
		taken[n++] = reserved_names[i];
	for (size_t i = 0; i < sizeof stub_builtins / sizeof *stub_builtins; i++)
		taken[n++] = stub_builtins[i];
	/* With several packages the module holds only its own classes and
	 * the submodules. */
	for (int i = 0; !m->multi && i < m->ndecls && !m->decls[i].pkg; i++)
		if (m->decls[i].kind != D_METHOD)
			taken[n++] = p->decl_pyname[i];
	reach_name_subs(p, taken);
	free(taken);
}

/* The attribute names of class c: its fields and methods are one scope. */
static void name_members(plan *p, plan_class *c)
{
	model *m = p->m;
	int n = c->nfields + c->nmethods;
	const char **go = xcalloc((size_t)n + 1, sizeof *go);
	const char **names;

	for (int i = 0; i < c->nfields; i++)
		go[i] = c->fields[i].name;
	for (int i = 0; i < c->nmethods; i++)
		go[c->nfields + i] = c->methods[i].decl->name;
	names = pyname_scope(&m->arena, PYNAME_DECLS, go, n, NULL);
	for (int i = 0; i < c->nfields; i++)
		c->fields[i].pyname = names[i];
	for (int i = 0; i < c->nmethods; i++)
		c->methods[i].pyname = names[c->nfields + i];
	free(go);
}

/* Pass 1: every typedecl that can be a class becomes one, so that the
 * conversions of all classes exist before any signature is checked. */
static void make_classes(plan *p)
{
	model *m = p->m;

	p->classes = arena_alloc(&m->arena, sizeof *p->classes * (size_t)(m->ndecls + 1));
	for (int i = 0; i < m->ndecls; i++) {
		model_decl *d = &m->decls[i];
		plan_class_kind kind = CLASS_STRUCT;

		if (d->kind != D_TYPE)
			continue;
		if (is_other(d) && !reach_within(p, model_type_at(m, d->type))) {
			d->skip = unreached;
			continue;
		}
		if ((d->skip = class_kind(p, d, &kind)) != NULL)
			continue;
		if (kind == CLASS_VIEW)
			continue; /* pass 1b */
		plan_class *c = new_class(p, d, kind);
		if (kind == CLASS_NAMED_BASIC)
			c->underlying = convtab_basic(model_underlying(m, c->named)->basic);
		if (kind == CLASS_IFACE)
			continue; /* pass 1a: once every class exists */
		convtab_add_class(p, c);
		c->value = convtab_for(p, c->named->id);
	}
	/* Pass 1a: interface classes' conversions, once every class exists:
	 * checking their methods registers the types they use. */
	for (int i = 0; i < p->nclasses; i++)
		if (p->classes[i].kind == CLASS_IFACE)
			add_iface(p, p->classes[i].named->id);
	/* Pass 1b: named containers, once the classes their elements may be
	 * exist (add_view makes the class). */
	for (int i = 0; i < m->ndecls; i++) {
		model_decl *d = &m->decls[i];
		if (d->kind == D_TYPE && !d->skip && !p->class_of[d->type])
			d->skip = add_view(p, d->type);
		/* A named func type has no class: its values are callables. */
		if (d->kind == D_TYPE && model_underlying(m, model_type_at(m, d->type))->kind == TK_SIGNATURE &&
		    !model_type_at(m, d->type)->generic)
			d->skip = add_iface(p, d->type);
	}
}

plan *support_check(model *m, const char *modname)
{
	support_opts opts = {0};

	return support_check_opts(m, modname, &opts);
}

plan *support_check_opts(model *m, const char *modname, const support_opts *opts)
{
	plan *p;

	if (!strcmp(m->name, "main")) {
		err_set("%s is a main package (a command); only library packages can be bound", m->path);
		return NULL;
	}
	/* Its declarations are a description of compiler built-ins: the types
	 * ArbitraryType and IntegerType do not exist. */
	if (!strcmp(m->path, "unsafe")) {
		err_set("package unsafe cannot be bound: its functions are built into the Go compiler");
		return NULL;
	}
	p = arena_alloc(&m->arena, sizeof *p);
	p->m = m;
	p->modname = arena_strdup(&m->arena, modname);
	p->class_of = arena_alloc(&m->arena, sizeof *p->class_of * (size_t)m->ntypes);
	p->convs = arena_alloc(&m->arena, sizeof *p->convs * 2 * (size_t)m->ntypes);
	p->view_skip = arena_alloc(&m->arena, sizeof *p->view_skip * (size_t)m->ntypes);
	p->depth = opts->depth;
	name_decls(p);
	reach_compute(p);
	name_subs(p);
	make_classes(p);

	/* Pass 2: members of classes, then functions. */
	p->funcs = arena_alloc(&m->arena, sizeof *p->funcs * (size_t)(m->ndecls + 1));
	p->consts = arena_alloc(&m->arena, sizeof *p->consts * (size_t)(m->ndecls + 1));
	p->vars = arena_alloc(&m->arena, sizeof *p->vars * (size_t)(m->ndecls + 1));
	p->aliases = arena_alloc(&m->arena, sizeof *p->aliases * (size_t)(m->ndecls + 1));
	for (int i = 0; i < m->ndecls; i++) {
		model_decl *d = &m->decls[i];
		plan_class *c = d->kind == D_TYPE ? p->class_of[d->type] : NULL;

		if (c) {
			check_methods(p, c, i + 1);
			if (c->kind == CLASS_STRUCT)
				check_fields(p, c);
			name_members(p, c);
		} else if (d->kind == D_FUNC) {
			d->skip = check_func(p, d, NULL, &p->funcs[p->nfuncs]);
			if (!d->skip)
				p->nfuncs++;
		} else if (d->kind == D_CONST) {
			d->skip = check_const(p, d, &p->consts[p->nconsts]);
			if (!d->skip)
				p->nconsts++;
		} else if (d->kind == D_VAR) {
			d->skip = check_var(p, d, &p->vars[p->nvars]);
			if (!d->skip)
				p->nvars++;
		} else if (d->kind == D_ALIAS) {
			d->skip = check_alias(p, d, &p->aliases[p->naliases]);
			if (!d->skip)
				p->naliases++;
		} else if (d->kind == D_METHOD && !p->class_of[d->recv]) {
			/* Methods of bound classes are checked with their class. */
			d->skip = check_orphan_method(p, d);
		}
		d->bound = d->skip == NULL;
	}

	find_implementers(p);

	/* Skip lines in declaration order; a class's field skips follow it. */
	for (int i = 0; i < m->ndecls; i++) {
		const model_decl *d = &m->decls[i];
		const plan_class *c = d->kind == D_TYPE ? p->class_of[d->type] : NULL;

		if (!d->bound && d->skip != unreached)
			push_line(&m->arena, &p->skips, &p->nskips, skip_line(m, d));
		for (int k = 0; c && k < c->nskips; k++)
			push_line(&m->arena, &p->skips, &p->nskips, c->skips[k]);
	}
	return p;
}

const char *plan_pykind_name(plan_pykind k)
{
	static const char *const names[] = {"GOPY_PY_NONE", "GOPY_PY_METHODS", "GOPY_PY_EXCEPTION",
					    "GOPY_PY_CALLABLE", "GOPY_PY_READER", "GOPY_PY_WRITER",
					    "GOPY_PY_READWRITER"};

	return names[k];
}

/* "1 class", "2 classes". */
static void count(sb *b, int n, const char *one, const char *many)
{
	sb_printf(b, "%d %s", n, n == 1 ? one : many);
}

const char *support_summary(const plan *p)
{
	sb b = SB_INIT;

	count(&b, p->nfuncs, "function", "functions");
	sb_add(&b, ", ");
	count(&b, p->nclasses, "class", "classes");
	sb_add(&b, ", ");
	count(&b, p->nconsts, "constant", "constants");
	sb_add(&b, " and ");
	count(&b, p->nvars, "variable", "variables");
	sb_printf(&b, " bound, %d skipped", p->nskips);
	const char *s = reason(p->m, "%s", sb_str(&b));
	sb_free(&b);
	return s;
}
