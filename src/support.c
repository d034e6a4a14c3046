/* support.c: see support.h. */
#include "support.h"

#include <string.h>

#include "pyname.h"
#include "sb.h"
#include "util.h"

/* Names the runtime puts in every module; Go declarations must not shadow them. */
static const char *const reserved_names[] = {"GoError", "GoPanic"};

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

/* Why values of this type cannot cross yet; NULL when they can. */
static const char *type_unsupported(model *m, int type)
{
	const model_type *t = model_type_at(m, type);

	if (convtab_for(m, type))
		return NULL;
	if (model_is_error(t))
		return reason(m, "type error is only supported as the last result");
	if (t->kind == TK_BASIC)
		return reason(m, "type %s is not supported", t->spell);
	if (t->kind == TK_NAMED)
		return reason(m, "named type %s is not supported yet", t->spell);
	return reason(m, "%s type %s is not supported yet", model_kind_desc(t->kind), t->spell);
}

static bool is_reserved(const char *name)
{
	for (size_t i = 0; i < sizeof reserved_names / sizeof *reserved_names; i++)
		if (!strcmp(name, reserved_names[i]))
			return true;
	return false;
}

/* Fills f for a function declaration, or returns the skip reason. */
static const char *check_func(model *m, model_decl *d, plan_func *f)
{
	const model_type *sig = model_type_at(m, d->type);
	const char **pynames;
	const char *why;
	int nres = sig->nresults;

	if (d->generic)
		return "generic functions are not supported";
	if (is_reserved(d->name))
		return reason(m, "the name %s is reserved for gopy's exception class", d->name);

	memset(f, 0, sizeof *f);
	f->decl = d;
	f->sig = sig;
	f->pyname = pyname_ident(&m->arena, d->name);
	f->variadic = sig->variadic;
	pynames = pyname_params(&m->arena, sig);
	f->nparams = sig->nparams;
	f->params = arena_alloc(&m->arena, sizeof *f->params * (size_t)(sig->nparams + 1));
	for (int i = 0; i < sig->nparams; i++) {
		plan_value *v = &f->params[i];
		int type = sig->params[i].type;

		if (f->variadic && i == sig->nparams - 1)
			type = model_type_at(m, type)->elem; /* ...T arrives as []T */
		v->goname = sig->params[i].name;
		v->pyname = pynames[i];
		v->type = type;
		v->cv = convtab_for(m, type);
		if ((why = type_unsupported(m, type)) != NULL)
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
		v->cv = convtab_for(m, v->type);
		if ((why = type_unsupported(m, v->type)) != NULL)
			return reason(m, "result %d: %s", i + 1, why);
	}
	return NULL;
}

static const char *check_other(model *m, model_decl *d)
{
	switch (d->kind) {
	case D_TYPE: {
		model_kind k = model_underlying(m, model_type_at(m, d->type))->kind;
		return reason(m, "%s types are not supported yet",
			      k == TK_BASIC ? "named basic" : model_kind_desc(k));
	}
	case D_ALIAS:
		return "type aliases are not supported yet";
	case D_METHOD:
		return reason(m, "methods of %s are not supported yet", model_type_at(m, d->recv)->spell);
	case D_CONST:
		return "constants are not supported yet";
	case D_VAR:
		return "package variables are not supported yet";
	case D_FUNC:
		break;
	}
	BUG("unexpected declaration kind %d", (int)d->kind);
}

plan *support_check(model *m, const char *modname)
{
	plan *p;

	if (!strcmp(m->name, "main")) {
		err_set("%s is a main package (a command); only library packages can be bound", m->path);
		return NULL;
	}
	p = arena_alloc(&m->arena, sizeof *p);
	p->m = m;
	p->modname = arena_strdup(&m->arena, modname);
	p->funcs = arena_alloc(&m->arena, sizeof *p->funcs * (size_t)(m->ndecls + 1));
	for (int i = 0; i < m->ndecls; i++) {
		model_decl *d = &m->decls[i];

		if (d->kind == D_FUNC) {
			d->skip = check_func(m, d, &p->funcs[p->nfuncs]);
		} else {
			d->skip = check_other(m, d);
		}
		d->bound = d->skip == NULL;
		if (d->bound)
			p->nfuncs++;
		else
			p->nskipped++;
	}
	return p;
}

char *support_skip_line(const model *m, const model_decl *d)
{
	const char *owner = m->name;
	sb b = SB_INIT;

	if (d->kind == D_METHOD) {
		const model_type *recv = model_type_at(m, d->recv);
		sb_printf(&b, "skipped: %s.%s.%s", owner, recv->name ? recv->name : recv->spell, d->name);
	} else {
		sb_printf(&b, "skipped: %s.%s", owner, d->name);
	}
	if (d->pos[0])
		sb_printf(&b, " (%s)", d->pos);
	sb_printf(&b, ": %s", d->skip);
	return sb_steal(&b);
}
