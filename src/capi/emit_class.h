/*
 * src/capi/emit_class.h: the classes of module.c (runtime/capi/gopy_obj.h):
 * struct, named basic and named container types, one table of what each
 * kind emits. Above emit_view.h and emit_pieces.h; emit_module.c calls it.
 */
#ifndef GOPY_CAPI_EMIT_CLASS_H
#define GOPY_CAPI_EMIT_CLASS_H

#include "emit_pieces.h"
#include "emit_view.h"

/* The converters of c's values that some wrapper calls (u). */
void emit_class_converters(printer *pr, const plan *p, const plan_class *c, const used_set *u);

/* The base class module_exec gives c's type: "(PyObject *)&PyLong_Type". */
void emit_class_base(sb *out, const plan *p, const plan_class *c);

/* Class c: its members, methods, slots and PyType_Spec. */
void emit_class(printer *pr, const plan *p, const plan_class *c);

#endif
