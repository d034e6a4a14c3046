/*
 * gopy_dyn.h: values of Go interface types (any, error, the package's
 * interfaces) as Python values, the CPython side (runtime/capi/gopy_dyn.c,
 * with the Go side in runtime/go/gopy_dyn.go).
 *
 * Layer: above gopy_view.h (a view passed as `any` is its Go value, and a
 * named container class is made through its constructor), gopy_obj.h and
 * gopy_rt.h, which are all it includes and calls; gopy_pyapi.h and
 * gopy_capi.h build on it (gopy_capi.h lists the layers).
 *
 * An interface value crosses as a gopy_val tree (gopy_abi.h): Python's
 * None, bool, int, float, complex, str, bytes-likes, lists, tuples and
 * dicts are copied into one, recursively; instances of the module's
 * classes pass their handle. Go's values come back as Python values the
 * same way, and what has no Python form comes back as an object holding
 * a handle: an instance of one of the module's classes, of an interface
 * class, or of NAME.GoValue (an opaque Go value).
 *
 * Ownership. gopy_to_val allocates the tree in the frame, which frees it
 * at release; Go copies what it keeps. A tree from Go is consumed by
 * gopy_from_val or gopy_val_free: its malloc'd strings and item arrays
 * are freed and its handles go to new objects or are released.
 *
 * Classes made here, per module (their references are in the module
 * state, gopy_rt.h):
 *  - NAME.GoValue: an opaque Go value; repr NAME.GoValue(<%T>, %v).
 *  - NAME.Ref: a Go *any, Ref() or Ref(initial), with a `value` property;
 *    Go functions taking any get the pointer (json.Unmarshal fills it).
 *  - the base of the interface classes (not in the module): a gopy_object
 *    holding a handle to a *I, with __subclasshook__ by _gopy_methods.
 *    Each interface class is made by abc.ABCMeta over it, so classes that
 *    implement the interface can be registered as its virtual subclasses.
 */
#ifndef GOPY_DYN_H
#define GOPY_DYN_H

#include "gopy_view.h"

/* What the generator knows about one interface type. */
typedef struct gopy_ifacedef {
	const char *qualname;        /* "any", "error", "shapes.Shape": messages */
	const char *const *methods;  /* Python method names, NULL-terminated; NULL for any/error */
	int cls;                     /* the interface's class index, or -1 */
	int pykind;                  /* GOPY_PY_*: the Python objects it takes besides
					Go values (gopy_abi.h) */
} gopy_ifacedef;

/*
 * Converter for an interface-typed argument, field value or variadic
 * element: fills *out from o, allocating what it points to in the frame
 * (gopy_frame_alloc, gopy_frame_keep), so it lives until the frame is
 * released. Go values first (None, Python's values for any, this
 * module's instances, a GoError holding a Go error); then, by
 * def->pykind, Python objects as themselves (PY, borrowed: the frame
 * keeps them for the call): an object whose type defines every method
 * (METHODS), an exception (EXCEPTION), a callable (CALLABLE). Messages
 * name the element:
 *   TypeError: F() argument 'x'[2] must be a value Go can hold (None,
 *     bool, int, float, complex, str, bytes, list, tuple, dict or an
 *     instance of a class of NAME), not Foo
 *   TypeError: F() argument 's' must be shapes.Shape, not int
 *   TypeError: F() argument 's' must implement shapes.Shape: Foo has no
 *     method Area
 *   TypeError: F() argument 'err' must be an exception or None, not int
 *   TypeError: F() argument 'less' must be callable, not int
 *   OverflowError: F() argument 'x' out of range for Go any (int64): ...
 * 0, or -1 with an exception.
 */
int gopy_to_val(gopy_frame *f, int idx, PyObject *o, gopy_val *out,
		const gopy_ifacedef *def);

/*
 * Converters for a pointer to a basic value (*int, *string, *Celsius): a
 * record holding None (nil), a NAME.Ref's handle (Go gets a pointer into
 * the Ref, gopy_dyn.go: gopyPtrIn), or the value as the kind's own
 * converter takes it (its messages and range checks: "F() argument 'n'
 * must be int, not str"), which Go copies. out is a gopy_val.
 */
#define GOPY_PTR_CONVERTERS(X) \
	X(bool) X(named_bool) X(string) X(int) X(int8) X(int16) X(int32) X(int64) \
	X(uint) X(uint8) X(uint16) X(uint32) X(uint64) X(uintptr) X(float32) \
	X(float64) X(complex64) X(complex128)
#define GOPY_PTR_CONVERTER_DECL(kind) int gopy_to_ptr_##kind(gopy_frame *f, int idx, PyObject *o, void *out);
GOPY_PTR_CONVERTERS(GOPY_PTR_CONVERTER_DECL)
#undef GOPY_PTR_CONVERTER_DECL

/* The Python value of v (consumes v: frees its Go memory, hands its
 * handles to new objects or releases them; a PY record's reference is
 * returned as the object itself). NULL with an exception. */
PyObject *gopy_from_val(PyObject *module, gopy_val *v);

/*
 * The module's container types by number (the generator's plan_view.index),
 * for VIEW records: a callback's slice, array or map argument. module.c
 * registers its table at exec; the table is static data, the same for
 * every instance of the module.
 */
void gopy_dyn_set_views(const gopy_viewdef *const *views, int n);

/* Frees a tree from Go that is not converted (releases its handles and
 * references). v itself is the caller's; it is left NIL. */
void gopy_val_free(gopy_val *v);

/*
 * A callback's result for Go (gopy_pyapi.h): o by the rules of `any`, in
 * malloc'd memory Go frees, except that an object that is no Go value
 * goes as itself (PY); each record's py is a new reference, to a PY's
 * object or to the instance whose handle an OBJ or GO record names.
 * Messages name result k of n of the method name, or of a callable:
 * "Area result", "callback result 1". 0, or -1 with an exception (*out
 * NIL).
 */
int gopy_dyn_result(PyObject *module, const char *name, int k, int n, PyObject *o,
		    gopy_val *out);

/*
 * Creates interface class idx of the module, qualified name qualname
 * ("shapes.Shape", or "shapes.io.Reader" for another package's type: its
 * module is what precedes the last dot), with doc and the generated
 * methods (NULL-terminated; their self is a gopy_object holding a handle
 * to a *I), by abc.ABCMeta over the interface base class; stores it in the
 * module state like gopy_add_class and places it (gopy_place).
 * 0, or -1 with an exception.
 */
int gopy_add_iface_class(PyObject *module, int idx, const char *qualname,
			 const char *doc, PyMethodDef *methods);

/* Registers class cls_idx as a virtual subclass of interface class
 * iface_idx. 0, or -1 with an exception. */
int gopy_iface_register(PyObject *module, int iface_idx, int cls_idx);

/* Module exec, this layer's part (gopy_capi.h: gopy_module_init): creates
 * GoValue, Ref and the interface base class, and adds GoValue and Ref to
 * the module. */
int gopy_dyn_init(PyObject *module);

#endif
