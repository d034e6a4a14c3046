/*
 * model.h: the language-neutral model of one Go package's exported API,
 * read from the inspector's records (docs/records.md). It holds Go facts
 * only; what is bindable is decided by support.h, how each kind crosses
 * the boundary by convtab.h.
 *
 * Ownership: a model and everything it points to lives in its arena and is
 * freed by model_free. Types refer to each other by id (index into types),
 * so recursive types need no fix-up.
 */
#ifndef GOPY_MODEL_H
#define GOPY_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef enum model_kind {
	TK_BASIC,
	TK_NAMED,
	TK_POINTER,
	TK_SLICE,
	TK_ARRAY,
	TK_MAP,
	TK_CHAN,
	TK_STRUCT,
	TK_INTERFACE,
	TK_SIGNATURE,
	TK_TYPEPARAM,
	TK_OTHER
} model_kind;

/* Basic kinds, in the order of the inspector's names (model_basic_name). */
typedef enum model_basic {
	B_BOOL,
	B_STRING,
	B_INT,
	B_INT8,
	B_INT16,
	B_INT32,
	B_INT64,
	B_UINT,
	B_UINT8,
	B_UINT16,
	B_UINT32,
	B_UINT64,
	B_UINTPTR,
	B_FLOAT32,
	B_FLOAT64,
	B_COMPLEX64,
	B_COMPLEX128,
	B_UNSAFE_POINTER,
	B_UNTYPED_BOOL,
	B_UNTYPED_INT,
	B_UNTYPED_RUNE,
	B_UNTYPED_FLOAT,
	B_UNTYPED_COMPLEX,
	B_UNTYPED_STRING,
	B_UNTYPED_NIL,
	B_COUNT
} model_basic;

typedef struct model_field {
	const char *name;
	int type;
	bool embedded, exported;
	const char *tag, *pos, *doc; /* doc may be NULL */
} model_field;

typedef struct model_param {
	const char *name; /* Go name; "" when unnamed */
	int type;
} model_param;

typedef struct model_imethod {
	const char *name;
	int sig;
} model_imethod;

typedef struct model_type {
	int id;
	model_kind kind;
	const char *spell; /* Go spelling using the import aliases: for generated code */
	const char *shown; /* the same with the packages' own names: for text a user reads */
	bool comparable;

	model_basic basic;       /* TK_BASIC */
	int elem;                /* pointer, slice, array, map value, chan */
	int key;                 /* map */
	long long len;           /* array */
	const char *chandir;     /* chan: "both", "send", "recv" */

	int underlying;          /* TK_NAMED */
	const char *pkgpath;     /* TK_NAMED: "" for error */
	const char *name;        /* TK_NAMED */
	bool generic;            /* TK_NAMED: uninstantiated generic type */

	model_field *fields;     /* TK_STRUCT */
	int nfields;

	model_imethod *imethods; /* TK_INTERFACE */
	int nimethods;
	bool constraint;

	model_param *params;     /* TK_SIGNATURE */
	model_param *results;
	int nparams, nresults;
	bool variadic;
} model_type;

typedef enum model_declkind {
	D_FUNC,
	D_TYPE,
	D_ALIAS,
	D_METHOD,
	D_CONST,
	D_VAR
} model_declkind;

typedef enum model_constkind {
	C_BOOL,
	C_STRING,
	C_INT,
	C_FLOAT,
	C_COMPLEX
} model_constkind;

typedef struct model_import model_import;

typedef struct model_decl {
	model_declkind kind;
	const model_import *pkg; /* the package declaring it: NULL for the bound
				    package (the first, with several), else a
				    package bound with it (pkg->listed) or another
				    package whose types the API reaches (a scope
				    record) */
	const char *name;
	int type;           /* func/method: signature; type/alias/const/var: the type */
	const char *pos;    /* "file.go:12" */
	const char *doc;    /* NULL when undocumented */
	bool generic;       /* D_FUNC */

	int recv;           /* D_METHOD: the named type */
	bool ptrrecv;       /* D_METHOD: only in the method set of *T */
	bool promoted;      /* D_METHOD: from an embedded field */

	model_constkind ckind; /* D_CONST */
	const char *value;     /* D_CONST, see docs/records.md */
	size_t valuelen;

	/* Set by support_check. */
	bool bound;
	const char *skip;   /* reason, when !bound */
} model_decl;

struct model_import {
	const char *alias, *path;
	const char *name; /* the package's own name (the alias when the record has none) */
	bool listed;      /* a package bound with the first, whole API (scope "PATH" 1);
			     with several, the first's own import is marked too */
	const char *doc;  /* a listed package's doc; NULL if none */
};

typedef struct model {
	arena arena;
	const char *path;       /* import path of the bound package */
	const char *name;       /* Go package name */
	const char *dir;        /* absolute directory */
	const char *goversion;  /* "go1.26.8" */
	const char *stamp;      /* digest of everything the package builds from */
	const char *doc;        /* package doc; NULL if none */
	bool multi;             /* several packages bound as one module: the first
				   (path, name) and the listed imports */

	model_import *imports;
	int nimports;

	model_type **types;     /* indexed by id; types[0] is NULL */
	int ntypes;             /* highest id + 1 */

	model_decl *decls;      /* in record order: the bound package's sorted, methods
				   after their type, then other packages' types */
	int ndecls;
} model;

/*
 * Reads records into a new model. Returns NULL with a message in err_msg()
 * if the text is malformed or refers to undefined types.
 */
model *model_load(const char *text);
void model_free(model *m);

/* The type with this id; BUG() if it does not exist. */
model_type *model_type_at(const model *m, int id);
/* The underlying type of t (t itself unless named). */
model_type *model_underlying(const model *m, const model_type *t);
/* The inspector's name for a basic kind ("int64", "untyped-int"). */
const char *model_basic_name(model_basic b);
/* 1 if pkgpath is a package bound (the first or one listed with it):
 * its types are the binding's own, not another package's. */
bool model_is_bound_pkg(const model *m, const char *pkgpath);
/* The import record of the bound (first) package, or NULL. */
const model_import *model_main_import(const model *m);
/* 1 if t is the predeclared error type. */
bool model_is_error(const model_type *t);
/* 1 if Go cannot allocate values of t on its heap: t is, or holds by value
 * (struct fields, array elements), the runtime's sys.NotInHeap marker
 * (runtime/cgo.Incomplete does). Such a type cannot be a type argument,
 * new(T) or a composite literal. */
bool model_not_in_heap(const model *m, const model_type *t);
/* Short description of a kind for messages ("channel", "map"). */
const char *model_kind_desc(model_kind k);

#endif
