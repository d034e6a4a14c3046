/*
 * capi.h: the C-API backend, a CPython extension module written against
 * the C-API (module.c) over the C runtime in runtime/capi/.
 *
 *   emit_capi  module.c: the CPython C-API module; one METH_FASTCALL |
 *              METH_KEYWORDS wrapper per function (runtime/capi/gopy_capi.h).
 */
#ifndef GOPY_CAPI_H
#define GOPY_CAPI_H

#include "backend.h"
#include "sb.h"
#include "support.h"

void emit_capi(const plan *p, sb *out);

/* The descriptor (src/capi/backend.c). */
extern const backend backend_capi;

#endif
