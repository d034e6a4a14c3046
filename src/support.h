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

typedef struct plan_value {
	const char *goname;  /* Go parameter name ("" when unnamed) */
	const char *pyname;  /* Python name (parameters only) */
	int type;            /* type id; for the variadic parameter, the element type */
	const conv *cv;
} plan_value;

typedef struct plan_func {
	const model_decl *decl;
	const model_type *sig;
	const char *pyname;     /* Python name of the function */
	plan_value *params;     /* nparams; the variadic one last */
	int nparams;
	bool variadic;          /* the last parameter is ...T */
	plan_value *results;    /* nresults, a trailing error excluded */
	int nresults;
	bool returns_error;     /* the last Go result is error */
} plan_func;

typedef struct plan {
	const model *m;
	const char *modname;    /* Python module name */
	plan_func *funcs;       /* sorted by Go name */
	int nfuncs;
	int nskipped;
} plan;

/*
 * Applies the rules to every declaration of m (setting bound/skip) and
 * returns the plan for module modname. The plan lives in m's arena.
 * Fails (NULL + err_msg) only for packages that cannot be bound at all,
 * such as a main package.
 */
plan *support_check(model *m, const char *modname);

/* "skipped: pkg.Name (file.go:12): reason" for a skipped declaration. */
char *support_skip_line(const model *m, const model_decl *d);

#endif
