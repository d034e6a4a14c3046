/* reach.c: see reach.h. */
#include "reach.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "pyname.h"
#include "sb.h"
#include "util.h"

typedef struct walker {
	plan *p;
	bool *seen;       /* by type id */
	int *decl_of;     /* by type id: index of another package's typedecl + 1 */
	int *queue, nqueue, head;
} walker;

static bool is_foreign(const plan *p, const model_type *t)
{
	return t->kind == TK_NAMED && t->pkgpath[0] && !model_is_bound_pkg(p->m, t->pkgpath);
}

/* Marks the other packages' named types that type mentions with depth,
 * queueing them; the bound package's own named types are walked from
 * their own declarations. */
static void walk(walker *w, int type, int depth)
{
	plan *p = w->p;
	const model_type *t = model_type_at(p->m, type);

	if (w->seen[type])
		return;
	w->seen[type] = true;
	switch (t->kind) {
	case TK_NAMED:
		/* time.Time and the like are Python's own values, io's streams
		 * Python's file objects, a context what Python passes as one (or
		 * nothing): not classes. */
		if (is_foreign(p, t) && w->decl_of[type] && !convtab_std(p, type, false) &&
		    !convtab_std(p, type, true) && !convtab_io(p, type) && !convtab_is_context(t)) {
			p->reach[type] = depth;
			w->queue[w->nqueue++] = type;
		}
		break;
	case TK_POINTER:
	case TK_SLICE:
	case TK_ARRAY:
	case TK_CHAN:
		walk(w, t->elem, depth);
		break;
	case TK_MAP:
		walk(w, t->key, depth);
		walk(w, t->elem, depth);
		break;
	case TK_STRUCT:
		for (int i = 0; i < t->nfields; i++)
			if (t->fields[i].exported)
				walk(w, t->fields[i].type, depth);
		break;
	case TK_INTERFACE:
		for (int i = 0; i < t->nimethods; i++)
			if (isupper((unsigned char)t->imethods[i].name[0]))
				walk(w, t->imethods[i].sig, depth);
		break;
	case TK_SIGNATURE:
		for (int i = 0; i < t->nparams; i++)
			walk(w, t->params[i].type, depth);
		for (int i = 0; i < t->nresults; i++)
			walk(w, t->results[i].type, depth);
		break;
	default:
		break;
	}
}

/* What a declared type takes along: its underlying type and the
 * signatures of the methods that follow its typedecl at index i. */
static void walk_typedecl(walker *w, int i, int depth)
{
	const model *m = w->p->m;

	walk(w, model_type_at(m, m->decls[i].type)->underlying, depth);
	for (int k = i + 1; k < m->ndecls && m->decls[k].kind == D_METHOD; k++)
		walk(w, m->decls[k].type, depth);
}

void reach_compute(plan *p)
{
	model *m = p->m;
	walker w = {.p = p};

	p->reach = arena_alloc(&m->arena, sizeof *p->reach * (size_t)m->ntypes);
	w.seen = xcalloc((size_t)m->ntypes, sizeof *w.seen);
	w.decl_of = xcalloc((size_t)m->ntypes, sizeof *w.decl_of);
	w.queue = xcalloc((size_t)m->ntypes, sizeof *w.queue);
	for (int i = 0; i < m->ndecls; i++)
		if (m->decls[i].pkg && !m->decls[i].pkg->listed && m->decls[i].kind == D_TYPE)
			w.decl_of[m->decls[i].type] = i + 1;

	/* The roots: the bound packages' declarations. */
	for (int i = 0; i < m->ndecls; i++) {
		const model_decl *d = &m->decls[i];
		if (d->pkg && !d->pkg->listed)
			continue;
		if (d->kind == D_TYPE)
			walk_typedecl(&w, i, 1);
		else if (d->kind != D_METHOD) /* methods: with their type */
			walk(&w, d->type, 1);
	}
	/* Breadth first: a type's depth is its shortest distance. */
	for (; w.head < w.nqueue; w.head++) {
		int type = w.queue[w.head], depth = p->reach[type];
		if (p->depth && depth > p->depth) {
			p->nbeyond++;
			continue;
		}
		p->nforeign++;
		walk_typedecl(&w, w.decl_of[type] - 1, depth + 1);
	}
	free(w.seen);
	free(w.decl_of);
	free(w.queue);
}

bool reach_within(const plan *p, const model_type *t)
{
	int depth = p->reach[t->id];

	return depth > 0 && (!p->depth || depth <= p->depth);
}

/* "math_rand" for math/rand: an identifier from an import path. */
static const char *path_name(arena *a, const char *path)
{
	sb b = SB_INIT;

	for (const char *s = path; *s; s++)
		sb_addc(&b, isalnum((unsigned char)*s) ? *s : '_');
	const char *name = arena_strdup(a, sb_str(&b));
	sb_free(&b);
	return name;
}

static bool is_taken(const char *const *taken, const char *name)
{
	for (; taken && *taken; taken++)
		if (!strcmp(*taken, name))
			return true;
	return false;
}

void reach_name_subs(plan *p, const char *const *taken)
{
	model *m = p->m;
	const char **go;
	const char **names;

	p->subs = arena_alloc(&m->arena, sizeof *p->subs * (size_t)(m->nimports + 1));
	p->main_sub = NULL;
	for (int i = 0; i < m->nimports; i++) {
		const model_import *im = &m->imports[i];
		bool used = im->listed;
		for (int k = 0; k < m->ndecls && !used; k++)
			used = m->decls[k].pkg == im && m->decls[k].kind == D_TYPE &&
			       reach_within(p, model_type_at(m, m->decls[k].type));
		if (!used)
			continue;
		plan_sub *s = arena_alloc(&m->arena, sizeof *s);
		s->pkg = im;
		p->subs[p->nsubs++] = s;
		if (im->listed && !strcmp(im->path, m->path))
			p->main_sub = s;
	}
	/* The package's name, unless two share it: then the path's. A name
	 * beginning with an underscore would be private (and could meet the
	 * cffi package's own modules); one the module uses gets an
	 * underscore (bytes_: the stubs' annotations say bytes). */
	go = xcalloc((size_t)p->nsubs + 1, sizeof *go);
	for (int i = 0; i < p->nsubs; i++) {
		const char *name = p->subs[i]->pkg->name;
		for (int k = 0; k < p->nsubs; k++)
			if (k != i && !strcmp(p->subs[k]->pkg->name, name))
				name = path_name(&m->arena, p->subs[i]->pkg->path);
		if (name[0] == '_' || is_taken(taken, name)) {
			sb b = SB_INIT;
			/* The trailing underscore of pyname.h for a name in use. */
			sb_printf(&b, name[0] == '_' ? "pkg%s" : "%s_", name);
			name = arena_strdup(&m->arena, sb_str(&b));
			sb_free(&b);
		}
		go[i] = name;
	}
	names = pyname_scope(&m->arena, PYNAME_DECLS, go, p->nsubs, taken);
	for (int i = 0; i < p->nsubs; i++)
		p->subs[i]->pyname = names[i];
	free(go);
}

const plan_sub *reach_sub_of(const plan *p, const model_import *pkg)
{
	for (int i = 0; i < p->nsubs; i++)
		if (p->subs[i]->pkg == pkg)
			return p->subs[i];
	return NULL;
}

/* Another package's classes in sub: none for a package bound. */
static int other_classes(const plan_sub *s)
{
	return s->pkg->listed ? 0 : s->nclasses;
}

const char *reach_report(const plan *p)
{
	sb b = SB_INIT;
	int n = 0;

	for (int i = 0; i < p->nsubs; i++)
		n += other_classes(p->subs[i]) > 0;
	if (!n)
		return NULL;
	int total = 0;
	for (int i = 0; i < p->nsubs; i++)
		total += other_classes(p->subs[i]);
	sb_printf(&b, "%d type%s of %d other package%s (", total, total == 1 ? "" : "s", n, n == 1 ? "" : "s");
	for (int i = 0, k = 0; i < p->nsubs; i++)
		if (other_classes(p->subs[i]))
			sb_printf(&b, "%s%s %d", k++ ? ", " : "", p->subs[i]->pkg->path, p->subs[i]->nclasses);
	sb_addc(&b, ')');
	if (p->nbeyond)
		sb_printf(&b, "; %d more beyond -depth %d", p->nbeyond, p->depth);
	const char *s = arena_strdup((arena *)&p->m->arena, sb_str(&b));
	sb_free(&b);
	return s;
}
