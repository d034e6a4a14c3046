/*
 * src/cffi/emit_class.h: the classes of a cffi module's named types, the
 * counterpart of the class parts of src/capi/emit_module.c. A layer above
 * the views (emit_view.h: a named container's class is a view's) and the
 * pieces (emit_pieces.h); the package (emit_package.c) calls it.
 */
#ifndef GOPY_EMIT_CLASS_H
#define GOPY_EMIT_CLASS_H

#include "emit.h"
#include "printer.h"

/* Converters first, then the classes, so that the module's Sig tables can
 * name the converters. */
void emit_py_class_converters(printer *pr, const plan *p, const plan_class *c);
void emit_py_class(printer *pr, const plan *p, const plan_class *c);

/* An interface type's description and converter (before the Sig tables). */
void emit_py_iface(printer *pr, const plan *p, const plan_iface *i);

/* After every class: the class table (gopy_val.cls) and the interfaces'
 * virtual subclasses. */
void emit_py_class_table(printer *pr, const plan *p);

#endif
