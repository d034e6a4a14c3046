/*
 * pyname.h: how Go identifiers appear in Python. Go names are kept as they
 * are, except where Python cannot spell them: Python keywords get a
 * trailing underscore (PEP 8), unnamed and blank parameters become argN.
 * Every Python-facing emitter uses the names decided here (through the
 * binding plan), so the C-API module, cffi module and stubs agree.
 */
#ifndef GOPY_PYNAME_H
#define GOPY_PYNAME_H

#include <stdbool.h>

#include "arena.h"
#include "model.h"

/* 1 if s is a Python keyword (including soft keywords is not needed). */
bool pyname_is_keyword(const char *s);

/* The Python name for the Go identifier name (keywords get "_"). */
const char *pyname_ident(arena *a, const char *name);

/*
 * Python names for the parameters of signature sig, in order, unique:
 * arena-owned array of sig->nparams names.
 */
const char **pyname_params(arena *a, const model_type *sig);

#endif
