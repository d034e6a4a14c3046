/* model.c: see model.h. Reads docs/records.md, version 1. */
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "sb.h"
#include "util.h"

static const char *const basic_names[B_COUNT] = {
	"bool", "string", "int", "int8", "int16", "int32", "int64",
	"uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
	"float32", "float64", "complex64", "complex128", "unsafe.Pointer",
	"untyped-bool", "untyped-int", "untyped-rune", "untyped-float",
	"untyped-complex", "untyped-string", "untyped-nil",
};

static const char *const kind_names[] = {
	[TK_BASIC] = "basic", [TK_NAMED] = "named", [TK_POINTER] = "pointer",
	[TK_SLICE] = "slice", [TK_ARRAY] = "array", [TK_MAP] = "map",
	[TK_CHAN] = "chan", [TK_STRUCT] = "struct", [TK_INTERFACE] = "interface",
	[TK_SIGNATURE] = "signature", [TK_TYPEPARAM] = "typeparam", [TK_OTHER] = "other",
};

static const char *const kind_descs[] = {
	[TK_BASIC] = "basic", [TK_NAMED] = "named", [TK_POINTER] = "pointer",
	[TK_SLICE] = "slice", [TK_ARRAY] = "array", [TK_MAP] = "map",
	[TK_CHAN] = "channel", [TK_STRUCT] = "struct", [TK_INTERFACE] = "interface",
	[TK_SIGNATURE] = "function", [TK_TYPEPARAM] = "type parameter", [TK_OTHER] = "unsupported",
};

const char *model_basic_name(model_basic b)
{
	if ((unsigned)b >= B_COUNT)
		BUG("bad basic kind %d", (int)b);
	return basic_names[b];
}

const char *model_kind_desc(model_kind k)
{
	return kind_descs[k];
}

/* Loader state: what the next doc/field/param record attaches to. */
typedef struct loader {
	model *m;
	record r;
	const char **doc_slot;  /* where a following doc record goes */
	model_type *open;       /* type still expecting sub-records */
	int want_fields, want_imethods, want_params, want_results;
	int cap_types, cap_decls, cap_imports;
	const model_import *scope; /* the package of the declarations being read */
} loader;

static int bad(const loader *L, const char *what)
{
	return err_set("inspector output line %d: %s", L->r.line, what);
}

static int need(const loader *L, int n)
{
	if (L->r.n != n)
		return err_set("inspector output line %d: %s record has %d fields, want %d",
			       L->r.line, L->r.f[0], L->r.n, n);
	return 0;
}

static const char *str(loader *L, int i)
{
	return L->r.f[i];
}

static int num(loader *L, int i, long long *v)
{
	return record_int(&L->r, i, v);
}

static int flag(loader *L, int i, bool *v)
{
	long long n;

	if (num(L, i, &n) < 0 || (n != 0 && n != 1))
		return bad(L, "flag must be 0 or 1");
	*v = n == 1;
	return 0;
}

/* Type ids are checked when the whole text is read (forward references). */
static int type_ref(loader *L, int i, int *id)
{
	long long n;

	if (num(L, i, &n) < 0)
		return -1;
	if (n <= 0 || n > 1000000)
		return bad(L, "type id out of range");
	*id = (int)n;
	return 0;
}

static int sub_records_pending(const loader *L)
{
	return L->want_fields || L->want_imethods || L->want_params || L->want_results;
}

static int load_type(loader *L)
{
	model *m = L->m;
	model_type *t;
	long long id, n;
	const char *kind;
	int k;

	if (L->r.n < 5 || num(L, 1, &id) < 0)
		return bad(L, "malformed type record");
	if (id <= 0 || id > 1000000)
		return bad(L, "type id out of range");
	if (id < m->ntypes && m->types[id])
		return bad(L, "type id defined twice");
	while (id >= L->cap_types) {
		int cap = L->cap_types ? L->cap_types * 2 : 64;
		m->types = xrealloc(m->types, sizeof *m->types * (size_t)cap);
		memset(m->types + L->cap_types, 0, sizeof *m->types * (size_t)(cap - L->cap_types));
		L->cap_types = cap;
	}
	if (id >= m->ntypes)
		m->ntypes = (int)id + 1;

	t = arena_alloc(&m->arena, sizeof *t);
	t->id = (int)id;
	m->types[id] = t;
	kind = str(L, 2);
	for (k = 0; k <= TK_OTHER; k++)
		if (!strcmp(kind, kind_names[k]))
			break;
	if (k > TK_OTHER)
		return bad(L, "unknown type kind");
	t->kind = (model_kind)k;
	t->spell = str(L, 3);
	if (flag(L, 4, &t->comparable) < 0)
		return -1;

	switch (t->kind) {
	case TK_BASIC:
		if (need(L, 6) < 0)
			return -1;
		for (k = 0; k < B_COUNT; k++)
			if (!strcmp(str(L, 5), basic_names[k]))
				break;
		if (k == B_COUNT)
			return bad(L, "unknown basic kind");
		t->basic = (model_basic)k;
		return 0;
	case TK_NAMED:
		if (need(L, 9) < 0 || type_ref(L, 5, &t->underlying) < 0)
			return -1;
		t->pkgpath = str(L, 6);
		t->name = str(L, 7);
		return flag(L, 8, &t->generic);
	case TK_POINTER:
	case TK_SLICE:
		return need(L, 6) < 0 ? -1 : type_ref(L, 5, &t->elem);
	case TK_ARRAY:
		if (need(L, 7) < 0 || type_ref(L, 5, &t->elem) < 0 || num(L, 6, &t->len) < 0)
			return -1;
		return 0;
	case TK_MAP:
		if (need(L, 7) < 0 || type_ref(L, 5, &t->key) < 0)
			return -1;
		return type_ref(L, 6, &t->elem);
	case TK_CHAN:
		if (need(L, 7) < 0 || type_ref(L, 5, &t->elem) < 0)
			return -1;
		t->chandir = str(L, 6);
		return 0;
	case TK_STRUCT:
		if (need(L, 6) < 0 || num(L, 5, &n) < 0 || n < 0 || n > 100000)
			return bad(L, "malformed struct record");
		t->nfields = 0;
		t->fields = arena_alloc(&m->arena, sizeof *t->fields * (size_t)n);
		L->want_fields = (int)n;
		break;
	case TK_INTERFACE:
		if (need(L, 7) < 0 || num(L, 5, &n) < 0 || n < 0 || n > 100000)
			return bad(L, "malformed interface record");
		if (flag(L, 6, &t->constraint) < 0)
			return -1;
		t->imethods = arena_alloc(&m->arena, sizeof *t->imethods * (size_t)n);
		L->want_imethods = (int)n;
		break;
	case TK_SIGNATURE: {
		long long np, nr;
		if (need(L, 8) < 0 || flag(L, 5, &t->variadic) < 0 ||
		    num(L, 6, &np) < 0 || num(L, 7, &nr) < 0 ||
		    np < 0 || nr < 0 || np > 10000 || nr > 10000)
			return bad(L, "malformed signature record");
		t->params = arena_alloc(&m->arena, sizeof *t->params * (size_t)np);
		t->results = arena_alloc(&m->arena, sizeof *t->results * (size_t)nr);
		L->want_params = (int)np;
		L->want_results = (int)nr;
		break;
	}
	case TK_TYPEPARAM:
	case TK_OTHER:
		return need(L, 5);
	}
	L->open = t;
	return 0;
}

static int load_sub(loader *L, const char *kw)
{
	model_type *t = L->open;

	if (!strcmp(kw, "field") && L->want_fields) {
		model_field *f = &t->fields[t->nfields++];
		if (need(L, 7) < 0 || type_ref(L, 2, &f->type) < 0 ||
		    flag(L, 3, &f->embedded) < 0 || flag(L, 4, &f->exported) < 0)
			return -1;
		f->name = str(L, 1);
		f->tag = str(L, 5);
		f->pos = str(L, 6);
		L->doc_slot = &f->doc;
		L->want_fields--;
		return 0;
	}
	if (!strcmp(kw, "imethod") && L->want_imethods) {
		model_imethod *im = &t->imethods[t->nimethods++];
		if (need(L, 3) < 0 || type_ref(L, 2, &im->sig) < 0)
			return -1;
		im->name = str(L, 1);
		L->want_imethods--;
		return 0;
	}
	if (!strcmp(kw, "param") && L->want_params) {
		model_param *p = &t->params[t->nparams++];
		if (need(L, 3) < 0 || type_ref(L, 2, &p->type) < 0)
			return -1;
		p->name = str(L, 1);
		L->want_params--;
		return 0;
	}
	if (!strcmp(kw, "result") && L->want_results && !L->want_params) {
		model_param *p = &t->results[t->nresults++];
		if (need(L, 3) < 0 || type_ref(L, 2, &p->type) < 0)
			return -1;
		p->name = str(L, 1);
		L->want_results--;
		return 0;
	}
	return bad(L, "unexpected record inside a type");
}

static model_decl *new_decl(loader *L, model_declkind kind)
{
	model *m = L->m;

	if (m->ndecls == L->cap_decls) {
		L->cap_decls = L->cap_decls ? L->cap_decls * 2 : 32;
		m->decls = xrealloc(m->decls, sizeof *m->decls * (size_t)L->cap_decls);
	}
	model_decl *d = &m->decls[m->ndecls++];
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->pkg = L->scope;
	L->doc_slot = &d->doc;
	return d;
}

static int load_decl(loader *L, const char *kw)
{
	model_decl *d;

	if (!strcmp(kw, "func")) {
		d = new_decl(L, D_FUNC);
		if (need(L, 5) < 0 || type_ref(L, 2, &d->type) < 0 || flag(L, 3, &d->generic) < 0)
			return -1;
		d->name = str(L, 1);
		d->pos = str(L, 4);
	} else if (!strcmp(kw, "typedecl") || !strcmp(kw, "alias")) {
		d = new_decl(L, kw[0] == 't' ? D_TYPE : D_ALIAS);
		if (need(L, 4) < 0 || type_ref(L, 2, &d->type) < 0)
			return -1;
		d->name = str(L, 1);
		d->pos = str(L, 3);
	} else if (!strcmp(kw, "method")) {
		d = new_decl(L, D_METHOD);
		if (need(L, 7) < 0 || type_ref(L, 1, &d->recv) < 0 || type_ref(L, 3, &d->type) < 0 ||
		    flag(L, 4, &d->ptrrecv) < 0 || flag(L, 5, &d->promoted) < 0)
			return -1;
		d->name = str(L, 2);
		d->pos = str(L, 6);
	} else if (!strcmp(kw, "const")) {
		static const char *const ckinds[] = {"bool", "string", "int", "float", "complex"};
		int k;
		d = new_decl(L, D_CONST);
		if (need(L, 6) < 0 || type_ref(L, 2, &d->type) < 0)
			return -1;
		for (k = 0; k < 5; k++)
			if (!strcmp(str(L, 3), ckinds[k]))
				break;
		if (k == 5)
			return bad(L, "unknown constant kind");
		d->ckind = (model_constkind)k;
		d->name = str(L, 1);
		d->value = str(L, 4);
		d->valuelen = L->r.len[4];
		d->pos = str(L, 5);
	} else if (!strcmp(kw, "var")) {
		d = new_decl(L, D_VAR);
		if (need(L, 4) < 0 || type_ref(L, 2, &d->type) < 0)
			return -1;
		d->name = str(L, 1);
		d->pos = str(L, 3);
	} else {
		return bad(L, "unknown record");
	}
	return 0;
}

/* scope "PATH" [LISTED]: the declarations that follow are that package's;
 * LISTED 1: a package bound with the first, its whole API (and its doc). */
static int load_scope(loader *L)
{
	model *m = L->m;
	bool listed = false;

	if (L->r.n != 3 && need(L, 2) < 0)
		return -1;
	if (L->r.n == 3 && flag(L, 2, &listed) < 0)
		return -1;
	for (int i = 0; i < m->nimports; i++)
		if (!strcmp(m->imports[i].path, str(L, 1))) {
			if (!strcmp(m->imports[i].path, m->path) || m->imports[i].listed)
				break;
			L->scope = &m->imports[i];
			if (listed) {
				m->imports[i].listed = true;
				m->multi = true;
				L->doc_slot = &m->imports[i].doc;
			}
			return 0;
		}
	return bad(L, "scope of a package without an import record, or a second one");
}

static int load_record(loader *L)
{
	model *m = L->m;
	const char *kw = str(L, 0);

	if (L->open && !sub_records_pending(L))
		L->open = NULL;
	if (!strcmp(kw, "doc")) {
		if (need(L, 2) < 0)
			return -1;
		if (!L->doc_slot || *L->doc_slot)
			return bad(L, "doc record with nothing to attach to");
		*L->doc_slot = str(L, 1);
		return 0;
	}
	if (L->open)
		return load_sub(L, kw);
	L->doc_slot = NULL;
	if (!strcmp(kw, "package")) {
		if (need(L, 5) < 0)
			return -1;
		if (m->path)
			return bad(L, "second package record");
		m->path = str(L, 1);
		m->name = str(L, 2);
		m->dir = str(L, 3);
		m->goversion = str(L, 4);
		L->doc_slot = &m->doc;
		return 0;
	}
	if (!m->path)
		return bad(L, "records before the package record");
	if (!strcmp(kw, "stamp")) {
		if (need(L, 2) < 0)
			return -1;
		m->stamp = str(L, 1);
		L->doc_slot = &m->doc; /* the package doc follows the stamp */
		return 0;
	}
	if (!strcmp(kw, "import")) {
		if (L->r.n != 4 && need(L, 3) < 0)
			return -1;
		if (L->scope) /* the scopes point into the import table */
			return bad(L, "import record after a scope record");
		if (m->nimports == L->cap_imports) {
			L->cap_imports = L->cap_imports ? L->cap_imports * 2 : 8;
			m->imports = xrealloc(m->imports, sizeof *m->imports * (size_t)L->cap_imports);
		}
		memset(&m->imports[m->nimports], 0, sizeof m->imports[m->nimports]);
		m->imports[m->nimports].alias = str(L, 1);
		m->imports[m->nimports].path = str(L, 2);
		m->imports[m->nimports].name = L->r.n == 4 ? str(L, 3) : str(L, 1);
		m->nimports++;
		return 0;
	}
	if (!strcmp(kw, "type"))
		return load_type(L);
	if (!strcmp(kw, "scope"))
		return load_scope(L);
	return load_decl(L, kw);
}

/* Every referenced type id must be defined. */
static int check_refs(const model *m)
{
#define CHECK(id) \
	do { \
		if ((id) <= 0 || (id) >= m->ntypes || !m->types[(id)]) \
			return err_set("inspector output refers to undefined type %d", (id)); \
	} while (0)
	for (int i = 1; i < m->ntypes; i++) {
		const model_type *t = m->types[i];
		if (!t)
			continue;
		switch (t->kind) {
		case TK_NAMED: CHECK(t->underlying); break;
		case TK_POINTER: case TK_SLICE: case TK_ARRAY: case TK_CHAN: CHECK(t->elem); break;
		case TK_MAP: CHECK(t->key); CHECK(t->elem); break;
		default: break;
		}
		for (int j = 0; j < t->nfields; j++)
			CHECK(t->fields[j].type);
		for (int j = 0; j < t->nimethods; j++)
			CHECK(t->imethods[j].sig);
		for (int j = 0; j < t->nparams; j++)
			CHECK(t->params[j].type);
		for (int j = 0; j < t->nresults; j++)
			CHECK(t->results[j].type);
	}
	for (int i = 0; i < m->ndecls; i++) {
		CHECK(m->decls[i].type);
		if (m->decls[i].kind == D_METHOD)
			CHECK(m->decls[i].recv);
	}
	return 0;
#undef CHECK
}

static bool ident_byte(char c)
{
	return c == '_' || isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* The import whose alias is s[0:n], or NULL. */
static const model_import *import_aliased(const model *m, const char *s, size_t n)
{
	for (int i = 0; i < m->nimports; i++)
		if (strlen(m->imports[i].alias) == n && !strncmp(m->imports[i].alias, s, n))
			return &m->imports[i];
	return NULL;
}

/*
 * spell with every package qualifier (an identifier followed by '.' and a
 * name) turned from the glue's import alias back into the package's own
 * name: "*pkg_gopygc.Point" -> "*gopygc.Point", "template_1.Template" ->
 * "template.Template", as Go's %T prints them. Quoted struct tags are
 * copied as they are. spell itself when no alias differs from its name.
 */
static const char *shown_spelling(model *m, const char *spell)
{
	bool renamed = false;
	sb b = SB_INIT;
	const char *s = spell, *out;

	for (int i = 0; i < m->nimports; i++)
		renamed |= strcmp(m->imports[i].alias, m->imports[i].name) != 0;
	if (!renamed)
		return spell;
	while (*s) {
		if (*s == '"') { /* a tag, in strconv.Quote syntax */
			const char *q = s + 1;
			while (*q && *q != '"')
				q += q[0] == '\\' && q[1] ? 2 : 1;
			if (*q)
				q++;
			sb_addn(&b, s, (size_t)(q - s));
			s = q;
			continue;
		}
		if (!ident_byte(*s) || isdigit((unsigned char)*s)) {
			sb_addc(&b, *s++);
			continue;
		}
		const char *e = s;
		while (ident_byte(*e))
			e++;
		const model_import *imp = e[0] == '.' && ident_byte(e[1]) ? import_aliased(m, s, (size_t)(e - s)) : NULL;
		if (imp)
			sb_add(&b, imp->name);
		else
			sb_addn(&b, s, (size_t)(e - s));
		s = e;
	}
	out = arena_strdup(&m->arena, sb_str(&b));
	sb_free(&b);
	return out;
}

model *model_load(const char *text)
{
	model *m = xcalloc(1, sizeof *m);
	loader L = {0};
	size_t pos = 0;
	int line = 0, rc;

	L.m = m;
	rc = record_next(text, &pos, &line, &m->arena, &L.r);
	if (rc <= 0 || L.r.n != 2 || strcmp(L.r.f[0], "gopy-inspect") != 0) {
		err_set("inspector output does not start with a gopy-inspect header");
		goto fail;
	}
	if (strcmp(L.r.f[1], "1") != 0) {
		err_set("inspector output has version %s, this gopy reads version 1", L.r.f[1]);
		goto fail;
	}
	while ((rc = record_next(text, &pos, &line, &m->arena, &L.r)) > 0)
		if (load_record(&L) < 0)
			goto fail;
	if (rc < 0)
		goto fail;
	if (sub_records_pending(&L)) {
		err_set("inspector output ends inside a type record");
		goto fail;
	}
	if (!m->path) {
		err_set("inspector output has no package record");
		goto fail;
	}
	if (check_refs(m) < 0)
		goto fail;
	/* With several packages the first is one of them: its import too. */
	for (int i = 0; m->multi && i < m->nimports; i++)
		if (!strcmp(m->imports[i].path, m->path)) {
			m->imports[i].listed = true;
			m->imports[i].doc = m->doc;
		}
	if (m->multi && !model_main_import(m)) {
		err_set("inspector output binds several packages but has no import record of %s", m->path);
		goto fail;
	}
	for (int i = 1; i < m->ntypes; i++)
		if (m->types[i])
			m->types[i]->shown = shown_spelling(m, m->types[i]->spell);
	return m;
fail:
	model_free(m);
	return NULL;
}

void model_free(model *m)
{
	if (!m)
		return;
	free(m->types);
	free(m->decls);
	free(m->imports);
	arena_free(&m->arena);
	free(m);
}

model_type *model_type_at(const model *m, int id)
{
	if (id <= 0 || id >= m->ntypes || !m->types[id])
		BUG("no type with id %d", id);
	return m->types[id];
}

model_type *model_underlying(const model *m, const model_type *t)
{
	while (t->kind == TK_NAMED)
		t = model_type_at(m, t->underlying);
	return (model_type *)t;
}

bool model_not_in_heap(const model *m, const model_type *t)
{
	if (t->kind == TK_NAMED) {
		/* internal/runtime/sys since Go 1.23, runtime/internal/sys before */
		if (!strcmp(t->name, "NotInHeap") && (!strcmp(t->pkgpath, "internal/runtime/sys") ||
						       !strcmp(t->pkgpath, "runtime/internal/sys")))
			return true;
		t = model_underlying(m, t);
	}
	if (t->kind == TK_ARRAY)
		return model_not_in_heap(m, model_type_at(m, t->elem));
	for (int i = 0; t->kind == TK_STRUCT && i < t->nfields; i++)
		if (model_not_in_heap(m, model_type_at(m, t->fields[i].type)))
			return true;
	return false;
}

bool model_is_bound_pkg(const model *m, const char *pkgpath)
{
	if (!strcmp(pkgpath, m->path))
		return true;
	for (int i = 0; m->multi && i < m->nimports; i++)
		if (m->imports[i].listed && !strcmp(m->imports[i].path, pkgpath))
			return true;
	return false;
}

const model_import *model_main_import(const model *m)
{
	for (int i = 0; i < m->nimports; i++)
		if (!strcmp(m->imports[i].path, m->path))
			return &m->imports[i];
	return NULL;
}

bool model_is_error(const model_type *t)
{
	return t->kind == TK_NAMED && t->pkgpath[0] == '\0' && !strcmp(t->name, "error");
}
