/*
 * src/capi/emit_class.h: the classes of module.c (runtime/capi/gopy_obj.h):
 * struct, named basic, named container and interface types, one table of
 * what each kind emits; the converters of interface types. Above emit_view.h and emit_pieces.h; emit_module.c calls it.
 */
#ifndef GOPY_CAPI_EMIT_CLASS_H
#define GOPY_CAPI_EMIT_CLASS_H

#include "emit_pieces.h"
#include "emit_view.h"

/* The converters of c's values that some wrapper calls (u). */
void emit_class_converters(printer *pr, const plan *p, const plan_class *c, const used_set *u);

/* module_exec's call that makes class c and adds it to the module, ending
 * in "< 0" (gopy_add_class with the class's base, or gopy_add_iface_class). */
void emit_class_add(printer *pr, const plan *p, const plan_class *c);

/* The converter of interface i's values and its description, if used (u). */
void emit_iface(printer *pr, const plan *p, const plan_iface *i, const used_set *u);

/* from_iface, the converter of every interface result, if used (u). */
void emit_iface_results(printer *pr, const used_set *u);

/* Class c: its members, methods, slots and PyType_Spec. */
void emit_class(printer *pr, const plan *p, const plan_class *c);

#endif
