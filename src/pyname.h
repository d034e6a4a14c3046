/*
 * pyname.h: how Go identifiers appear in Python. Go names are kept as they
 * are, except where Python cannot spell them or they would meet a name
 * Python already gives a meaning to in that place:
 *
 *   - a Python keyword (None, True, False for any declaration or member;
 *     also from, lambda, ... for parameters) gets a trailing underscore
 *     (PEP 8), whatever it names: constant, variable, function, type,
 *     field, method or parameter;
 *   - a method's parameter named self gets one too (self_): the receiver
 *     keeps self;
 *   - an unnamed or blank parameter becomes argN (N its position);
 *   - a parameter beginning with an underscore gets the prefix "arg"
 *     (_rt is arg_rt): every name the generated cffi code uses inside a
 *     function besides its parameters begins with an underscore, so no
 *     parameter can shadow one of them.
 *
 * A renamed name that meets a name already taken in its scope (another Go
 * name, spelled that way: from beside from_) gets the first free number
 * (from_2); a Go name kept as it is never changes. A scope is a module
 * (constants, variables, functions and types together), a class (fields
 * and methods) or a parameter list.
 *
 * Every Python-facing emitter uses the names decided here (through the
 * binding plan), so the C-API module, the cffi module and the stubs agree.
 */
#ifndef GOPY_PYNAME_H
#define GOPY_PYNAME_H

#include <stdbool.h>

#include "arena.h"
#include "model.h"

/* 1 if s is a Python keyword (soft keywords are valid names). */
bool pyname_is_keyword(const char *s);

/* The Python name for the Go identifier name alone (keywords get "_"),
 * before the scope's numbering. */
const char *pyname_ident(arena *a, const char *name);

/* What a scope holds: parameters follow the parameter rules above. */
typedef enum pyname_kind {
	PYNAME_DECLS,         /* package declarations, or a class's members */
	PYNAME_PARAMS,        /* a function's parameters */
	PYNAME_METHOD_PARAMS  /* a method's parameters: self is the receiver's */
} pyname_kind;

/*
 * Python names for the n Go names of one scope, in order, unique among
 * themselves and distinct from the NULL-terminated reserved names (may be
 * NULL): arena-owned array of n names.
 */
const char **pyname_scope(arena *a, pyname_kind kind, const char *const *go, int n,
			  const char *const *reserved);

/* pyname_scope for the parameters of signature sig (of a method when
 * method is set). */
const char **pyname_params(arena *a, const model_type *sig, bool method);

#endif
