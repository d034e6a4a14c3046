/*
 * src/capi/emit_view.h: the views of slices, arrays and maps in module.c
 * (runtime/capi/gopy_view.h): each view's element converters, signatures
 * and gopy_viewdef. Above emit_pieces.h; emit_class.c and emit_module.c
 * call it.
 */
#ifndef GOPY_CAPI_EMIT_VIEW_H
#define GOPY_CAPI_EMIT_VIEW_H

#include "emit_pieces.h"

/* The runtime's kind of a view (gopy_viewdef.kind): "GOPY_VIEW_MAP". */
const char *view_kind_name(const plan_view *v);

/* Everything module.c defines for view v: element converters, signatures,
 * operations and its gopy_viewdef. */
void emit_view(printer *pr, const plan *p, const plan_view *v);

#endif
