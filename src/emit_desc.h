/*
 * emit_desc.h: the descriptors each backend hands its runtime, described
 * once from the plan and rendered for either backend, so the C-API module
 * and the cffi package cannot drift apart:
 *
 *   desc_sig   how messages name a callable and its parameters:
 *              module.c's gopy_sig tables, the package's _rt.Sig(...)
 *   desc_elem  a view's element or key: module.c's gopy_elem initializer,
 *              the package's _view.Elem(...)
 *
 * A description points into the plan and owns only its arrays
 * (desc_sig_free).
 */
#ifndef GOPY_EMIT_DESC_H
#define GOPY_EMIT_DESC_H

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

#endif
