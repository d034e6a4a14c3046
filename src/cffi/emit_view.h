/*
 * src/cffi/emit_view.h: the container views of a cffi module, the
 * counterpart of src/capi/emit_module.c's gopy_viewdef. A layer above the
 * pieces (emit_pieces.h); the classes (emit_class.h) and the package
 * (emit_package.c) call it.
 */
#ifndef GOPY_EMIT_VIEW_H
#define GOPY_EMIT_VIEW_H

#include "emit.h"
#include "printer.h"

/* Each view's description and converters (_to_view_X, _from_view_X). */
void emit_py_view(printer *pr, const plan *p, const plan_view *v);
/* The class of a named container type (CLASS_VIEW). */
void emit_py_view_class(printer *pr, const plan *p, const plan_class *c);

#endif
