/*
 * support.h: the support rules, the one place that decides what gopy binds
 * and why not. support_check marks every declaration of the model bound or
 * skipped (with a one-line reason) and returns the binding plan: the bound
 * declarations with everything the emitters need already decided (Python
 * names, the conversion of each parameter and result). Emitters read the
 * plan and never re-decide support.
 */
#ifndef GOPY_SUPPORT_H
#define GOPY_SUPPORT_H

#include <stdbool.h>

#include "convtab.h"
#include "model.h"

typedef struct plan_sub plan_sub;

typedef struct plan_value {
	const char *goname;  /* Go parameter name ("" when unnamed) */
	const char *pyname;  /* Python name (parameters only; pyname.h) */
	int type;            /* type id; for the variadic parameter, the element type */
	const conv *cv;
	bool lend;           /* Go's escape analysis proved the call keeps no reference
				to this slice: the glue may lend it the caller's memory
				(set by escape_mark; parameters only) */
} plan_value;

typedef struct plan_func {
	const model_decl *decl;
	const model_type *sig;
	const plan_class *recv; /* the class of a method; NULL for a function */
	const char *pyname;     /* Python name of the function or method (pyname.h) */
	const plan_sub *sub;    /* a function's submodule (several packages bound), or NULL */
	const char *sym;        /* names its generated symbols: the Go name, or in a
				   submodule "_SUB__Name" (support.c: decl_sym) */
	plan_value *params;     /* nparams; the variadic one last */
	int nparams;
	bool variadic;          /* the last parameter is ...T */
	plan_value *results;    /* nresults, a trailing error excluded */
	int nresults;
	bool returns_error;     /* the last Go result is error */
	bool direct;            /* the export returns its one result itself, not
				 * through an out-pointer (convtab.h: conv_ret) */
	int ctx_param;          /* the first context.Context parameter (CK_CONTEXT),
				 * or -1: the call runs interruptibly (gopy_ctx.go) */
	const char *timeout;    /* ctx_param >= 0: the Python name of the keyword-only
				 * timeout ("timeout", "timeout_" beside a parameter
				 * of that name) */
} plan_func;

typedef enum plan_class_kind {
	CLASS_STRUCT,       /* instances hold a handle to a *T */
	CLASS_NAMED_BASIC,  /* subclass of a Python builtin; instances are values */
	CLASS_VIEW,         /* named slice, array or map: a view class (view set) */
	CLASS_IFACE         /* named interface: instances hold a handle to a *any (iface set) */
} plan_class_kind;

typedef struct plan_view plan_view;

/*
 * Another package whose types the bound API reaches: a submodule of the
 * module (NAME.io), holding the classes of those types.
 */
struct plan_sub {
	const model_import *pkg; /* pkg->listed: one of the packages bound (its
				    whole API is in the submodule) */
	const char *pyname;   /* the attribute: the package name, or on a clash of
				 names, one derived from the import path
				 ("math_rand"); pyname.h rules apply */
	int nclasses;
};

/* An exported field reachable as an attribute (direct or promoted). */
typedef struct plan_field {
	const char *name;     /* Go name */
	const char *pyname;   /* the attribute name (pyname.h) */
	const char *doc;      /* NULL when undocumented */
	int type;
	const conv *cv;
	bool promoted;        /* reached through an embedded field */
	bool ctor;            /* a constructor parameter (direct, within the first 64) */
} plan_field;

/* A bound named type: a Python class. */
struct plan_class {
	int index;                 /* index in the module's class table */
	const model_decl *decl;    /* its typedecl */
	const model_type *named;
	plan_class_kind kind;
	const char *pyname;        /* names its generated symbols, and in the cffi
				      module the global holding it: the Python name
				      for a type of the bound package, "_SUB__NAME"
				      for another package's */
	const char *pyshort;       /* its Python name within its module ("Reader") */
	const plan_sub *sub;       /* another package's type: its submodule; else NULL */
	int depth;                 /* another package's type: how many types away
				      from the bound package's API (1: used by it) */
	const conv *value;         /* how a T crosses */
	const conv *underlying;    /* CLASS_NAMED_BASIC: the basic kind's conversion */
	const plan_view *view;     /* CLASS_VIEW: the container type */
	const plan_iface *iface;   /* CLASS_IFACE: the interface type */
	const plan_class **implementers; /* CLASS_IFACE: the bound classes whose Python
					    values implement it (virtual subclasses) */
	int nimplementers;
	plan_field *fields;        /* CLASS_STRUCT: attributes, declaration order, then promoted */
	int nfields;
	plan_func *methods;        /* sorted by name */
	int nmethods;
	const plan_func *string;   /* what str() calls: Error() for an error class,
				      else a String() string method; or NULL */
	const plan_func *error;    /* CLASS_STRUCT: an Error() string method, which
				      makes the class an error class: Python's class
				      derives from NAME.GoError, and Go errors whose
				      dynamic type is T or *T are its instances */
	bool error_by_value;       /* Error has a value receiver: T itself is an error */
	bool comparable;
	const char **skips;        /* skip lines of fields that are not bound */
	int nskips;
};

/*
 * A slice, array or map type whose values cross as views (runtime
 * gopy_view.h): one per such type the bound API uses, named or not.
 * Element views are registered before the views containing them.
 */
struct plan_view {
	int index;               /* in plan.views */
	int type;                /* the container's type id (named or not) */
	const model_type *u;     /* its underlying slice, array or map type */
	const char *name;        /* identifier part of generated names: "slice_float64", "Vector" */
	const plan_class *cls;   /* CLASS_VIEW of a named type, else NULL */
	int elem, key;           /* element (map: value) and key type ids; key 0 unless a map */
	const conv *ecv, *kcv;   /* their conversions */
	bool flat;               /* numbers or bools: C reads the elements in place */
	const conv *cv;          /* how values of the container cross */
};

/* Which Python objects that are no Go value an interface or func type
 * takes; the same numbers as gopy_abi.h's GOPY_PY_*. */
typedef enum plan_pykind {
	PY_NONE,      /* none (any): TypeError */
	PY_METHODS,   /* an object defining every method: a proxy calls them */
	PY_EXCEPTION, /* an exception (error) */
	PY_CALLABLE,  /* a callable (func types) */
	PY_READER,    /* io streams (plan_iface.io): a binary file object, */
	PY_WRITER,    /* or bytes-like for a reader */
	PY_READWRITER
} plan_pykind;

/* "GOPY_PY_METHODS": the runtime's name of k. */
const char *plan_pykind_name(plan_pykind k);

/*
 * An interface type whose values cross as gopy_val records (runtime
 * gopy_dyn.go): any, error, and every other interface the bound API uses,
 * named or not. One per such type; a named interface of the package also
 * has a class (CLASS_IFACE).
 */
struct plan_iface {
	int index;               /* in plan.ifaces */
	int type;                /* the interface's type id */
	const char *name;        /* identifier part of generated names: "any", "error", "Shape" */
	const char *shown;       /* Go's name for messages: "any", "error", "shapes.Shape" */
	const plan_class *cls;   /* CLASS_IFACE of a named interface of the package, or NULL */
	bool is_error;           /* the predeclared error */
	const model_type *func;  /* a func type (named or not): its signature; NULL
				    for an interface */
	const char **methods;    /* an interface's exported methods' Go names, sorted */
	const model_type **sigs; /* their signatures */
	int nmethods;
	plan_pykind pykind;      /* the Python objects it takes (and Go makes into values
				    that call back) */
	int io;                  /* io's stream interfaces: IO_READ | IO_WRITE |
				    IO_CLOSE (convtab_io); 0 otherwise */
	const conv *cv;          /* how its values cross */
};

/* A package constant: a module attribute holding its exact value. */
typedef struct plan_const {
	const model_decl *decl;
	const plan_class *cls;  /* the class of its named type, or NULL: a plain value */
	const char *pyname;     /* the module attribute (pyname.h) */
	const plan_sub *sub;    /* its submodule (several packages bound), or NULL */
	const char *sym;        /* names its generated symbols (as plan_func's) */
} plan_const;

/* A type alias of a bound class (type PathError = fs.PathError): a module
 * attribute naming the same class. */
typedef struct plan_alias {
	const model_decl *decl;
	const plan_sub *sub;    /* one of several packages bound: its submodule */
	const plan_class *cls;
	const char *pyname;     /* the module attribute (pyname.h) */
} plan_alias;

/* A package variable: a module attribute that reads and writes Go's. */
typedef struct plan_var {
	const model_decl *decl;
	const conv *cv;
	const char *pyname;     /* the module attribute (pyname.h) */
	const plan_sub *sub;    /* its submodule (several packages bound), or NULL */
	const char *sym;        /* names its generated symbols (as plan_func's) */
} plan_var;

typedef struct plan {
	model *m;
	const char *modname;    /* Python module name */
	plan_class *classes;    /* struct and basic classes sorted by Go name, then
				   named containers as found; index i is classes[i] */
	int nclasses;
	plan_class **class_of;  /* by type id: the class of a named type, or NULL */
	plan_func *funcs;       /* sorted by Go name */
	int nfuncs;
	plan_const *consts;     /* sorted by Go name */
	int nconsts;
	plan_var *vars;         /* sorted by Go name */
	int nvars;
	plan_alias *aliases;    /* sorted by Go name */
	int naliases;
	const char **skips;     /* "skipped: ..." lines, in declaration order */
	int nskips;
	const conv **convs;     /* convtab's per-type cache, by type id (2 per id) */
	plan_view **views;      /* container types, element types first */
	int nviews;
	const char **view_skip; /* by type id: why a container type cannot cross */
	plan_iface **ifaces;    /* interface types, in order of first use */
	int nifaces;
	const char **decl_pyname; /* by declaration index: the Python name of a
				     package-level declaration (pyname.h) */
	plan_sub **subs;        /* the submodules: other packages with bound types,
				   and with several packages each of those, by
				   import path */
	int nsubs;
	const plan_sub *main_sub; /* several packages: the first one's submodule;
				     else NULL (its API is the module's) */
	int *reach;             /* by type id: for another package's named type the
				   API reaches, its depth (1: the API uses it); 0 if
				   unreached */
	int depth;              /* the limit on those depths; 0 for none */
	int nforeign;           /* other packages' types reached within the limit */
	int nbeyond;            /* those reached beyond it (not bound) */
} plan;

/* Options of the support rules. */
typedef struct support_opts {
	int depth; /* bind other packages' types at most this many types away
		      from the API (1: only those it uses); 0 for no limit */
} support_opts;

/*
 * Applies the rules to every declaration of m (setting bound/skip) and
 * returns the plan for module modname. The plan lives in m's arena.
 * Fails (NULL + err_msg) only for packages that cannot be bound at all,
 * such as a main package.
 */
plan *support_check(model *m, const char *modname);
plan *support_check_opts(model *m, const char *modname, const support_opts *opts);

/* "NAME.io.Reader": the class's name as Python shows it (lives in the
 * plan's arena). */
const char *plan_class_qualname(const plan *p, const plan_class *c);
/* "Point", or "io.Reader" for another package's type: how the stubs
 * (which import every submodule) spell the class. */
const char *plan_class_pyref(const plan *p, const plan_class *c);

/* Whether submodule s exists: it holds classes, or is a package bound. */
static inline bool plan_sub_present(const plan_sub *s)
{
	return s->nclasses > 0 || s->pkg->listed;
}

/* "NAME.sub", or NAME for sub NULL: the module a declaration lives in
 * (plan's arena). */
const char *plan_modname(const plan *p, const plan_sub *sub);

/* "2 functions, 1 class, 1 constant and 0 variables bound, 3 skipped"
 * (lives in the plan's arena). */
const char *support_summary(const plan *p);


#endif
