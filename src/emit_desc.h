/*
 * emit_desc.h: the descriptors each backend hands its runtime, described
 * once from the plan and rendered for either backend, so the C-API module
 * and the cffi package cannot drift apart:
 *
 *   desc_sig   how messages name a callable and its parameters:
 *              module.c's gopy_sig tables, the package's _rt.Sig(...)
 *   desc_elem  a view's element or key: module.c's gopy_elem initializer,
 *              the package's _view.Elem(...)
 *   desc_view  a slice, array or map type: module.c's gopy_viewdef, the
 *              package's _view.ViewDef(...)
 *
 * A description points into the plan and owns only its arrays
 * (desc_sig_free).
 */
#ifndef GOPY_EMIT_DESC_H
#define GOPY_EMIT_DESC_H

#include "printer.h"
#include "sb.h"
#include "support.h"

typedef enum desc_sig_kind {
	DS_CALL,  /* a function or method */
	DS_NEW,   /* a class's constructor */
	DS_FIELD, /* a struct field's setter */
	DS_VAR,   /* a package variable's setter */
	DS_COUNT
} desc_sig_kind;

typedef struct desc_sig {
	const char *name;       /* how messages name the callable: "Point.Move" */
	int nparams;
	const char **params;    /* the parameters' Python names */
	const char **gotypes;   /* their Go types, as shown */
	const conv **convs;     /* their conversions */
	int nfixed;             /* parameters before the variadic one */
	bool variadic;
	desc_sig_kind kind;
} desc_sig;

/* The signature of params; name is not escaped (a Go or Python identifier,
 * possibly qualified). */
desc_sig desc_sig_of(const plan *p, const char *name, const plan_value *params, int nparams,
		     bool variadic, desc_sig_kind kind);
void desc_sig_free(desc_sig *s);
/* The kind the Python runtime spells py ("_rt.CALL"). */
desc_sig_kind desc_sig_kind_of_py(const char *py);

/* C: static CNAME_params, CNAME_gotypes and CNAME_sig (a gopy_sig). */
void desc_sig_c(sb *out, const desc_sig *s, const char *cname);
/* Python: INDENT VAR = _rt.Sig(...). */
void desc_sig_py(sb *out, const plan *p, const desc_sig *s, const char *indent, const char *var);

typedef struct desc_elem {
	const plan_view *view;
	const char *which;      /* "elem" or "key" */
	const char *gotype;     /* the Go type, as shown */
	const char *format;     /* the buffer format when the view is flat; NULL */
	const conv *cv;         /* C types and converters, per backend */
} desc_elem;

/* The element (key false) or key of view v. */
desc_elem desc_elem_of(const plan *p, const plan_view *v, bool key);

/* C: a gopy_elem initializer, "{...}" (no trailing comma or newline). */
void desc_elem_c(sb *out, const plan *p, const desc_elem *e);
/* Python: _view.Elem(...). */
void desc_elem_py(sb *out, const plan *p, const desc_elem *e);

typedef struct desc_view {
	const plan_view *view;
	const char *gotype;      /* the container type, as shown: "calc.Vector" */
	const char *spell;       /* its underlying type as Go spells it: "[]float64" */
	conv_kind kind;          /* CK_SLICE, CK_ARRAY or CK_MAP */
	long long len;           /* an array's length; 0 otherwise */
	desc_elem elem;
	bool keyed;              /* a map: key holds the key */
	desc_elem key;
	/* The Go exports of its element operations (runtime/go/gopy_views.go):
	 * a map's, a slice's or array's, or none for flat ones, whose elements
	 * C reads and writes in place. NULL-terminated, in gopy_viewdef's order. */
	const char *const *ops;
	bool map_ops;            /* ops are a map's */
} desc_view;

desc_view desc_view_of(const plan *p, const plan_view *v);
/* The C runtime's name of v's kind: "GOPY_VIEW_MAP". */
const char *desc_view_kind_c(const plan_view *v);

/* C: the body of a gopy_viewdef, after its module_def; every operation
 * slot, NULL where the view has none. */
void desc_view_c(printer *pr, const plan *p, const desc_view *d);
/* Python: VAR = _view.ViewDef(...), its arguments one level deeper. */
void desc_view_py(printer *pr, const plan *p, const desc_view *d, const char *var);

#endif
