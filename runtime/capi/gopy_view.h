/*
 * gopy_view.h: Go slices, arrays and maps as Python objects
 * (runtime/capi/gopy_view.c, with the Go side in runtime/go/gopy_views.go).
 *
 * Layer: above gopy_obj.h (views are objects holding handles) and
 * gopy_rt.h, which are all it includes and calls; only gopy_capi.h builds
 * on it (gopy_capi.h lists the layers).
 *
 * A view is a Python object holding a handle (gopy_obj.h) to a Go slice,
 * array or map: a result, or the field, variable or element it aliases.
 * Reads and writes go to Go's memory; nothing is copied into Python.
 *
 *  - Slices and arrays are sequences (len, indexing, slicing, assignment,
 *    iteration, in, == with any sequence). Slicing a slice with step 1 is
 *    Go's s[a:b]: a new view sharing the elements. Other slices are lists.
 *  - Slices grow as Go's append does (append, extend, +=): every value is
 *    converted before Go appends, so a bad one leaves the view as it was;
 *    within the capacity the backing array is shared, beyond it Go
 *    allocates a new one, and the new header is stored where the view's
 *    lives (the field, variable or element it aliases, or a result's own
 *    copy). A slice view with a live buffer export refuses to grow
 *    (BufferError), as a bytearray does.
 *  - When the elements are numbers or bools ("flat": the Go element and
 *    the C value have the same bytes) C reads and writes them in place,
 *    without calling Go, and the view exports them through the buffer
 *    protocol (memoryview, numpy) writable and zero-copy. The export
 *    holds its own handle (gopy_view_pin), so the memory stays valid
 *    while any export lives.
 *  - Other elements (strings, structs, nested containers) go through the
 *    generated per-type exports, one Go call per operation; bulk
 *    operations (list(), iteration, ==) take one Go call for all elements.
 *  - Maps are mutable mappings; every operation is one Go call, and
 *    iteration, keys(), values() and items() work on a snapshot taken in
 *    one call.
 *
 * Named container classes are constructed from any iterable or mapping,
 * always into a new Go value (Vector(v) copies v, as list(v) would).
 *
 * Arguments of container type (gopy_to_view) accept the matching view
 * (Go receives the same value: no copy), for flat elements any contiguous
 * buffer of the same item type (one memcpy, by Go), and any iterable
 * (maps: any mapping), converted element by element in C into memory that
 * Go copies in one call.
 *
 * Every module has three generic view classes (gopy.Slice, gopy.Array,
 * gopy.Map; NAME._gopy lists them), registered as collections.abc
 * Sequence and MutableMapping. A named container type (type Vector
 * []float64) is a subclass of one of them carrying its Go methods.
 */
#ifndef GOPY_VIEW_H
#define GOPY_VIEW_H

#include "gopy_obj.h"

/* How one element (or key) crosses, for the generic view code. */
typedef struct gopy_elem {
	const char *gotype;   /* "float64", "calc.Point": messages */
	const char *format;   /* flat elements: the buffer format ("d", "n", "?"); else NULL */
	size_t csize;         /* size of the C value to_c writes (flat: the Go element's) */
	size_t outsize;       /* size of the C value Go returns and to_py reads */
	gopy_conv_fn to_c;    /* Python -> C */
	/* C -> Python (a new reference); takes over what *p owns (a string's
	 * bytes, a handle) and releases it also when it fails. */
	PyObject *(*to_py)(PyObject *module, const void *p);
} gopy_elem;

/* Everything the runtime needs to know about one container type; the
 * generator emits one per slice, array and map type the module uses. */
typedef struct gopy_viewdef {
	PyModuleDef *def;          /* the module's definition (finds the module) */
	const char *gotype;        /* "[]float64", "calc.Vector": repr and messages */
	const char *underlying;    /* the underlying type's spelling: views of
				      types with the same one pass without a copy */
	int kind;                  /* GOPY_VIEW_SLICE, _ARRAY or _MAP */
	Py_ssize_t len;            /* arrays: the length */
	int classidx;              /* a named type's class, or -1 (the generic class) */
	const gopy_sig *elemsig;   /* GOPY_SIG_ELEM: params {"element", "key"} */
	const gopy_sig *newsig;    /* the constructor of a named type's class, or NULL */
	gopy_elem elem;            /* the elements; a map's values */
	gopy_elem key;             /* a map's keys */

	/* Go exports of the generated glue. A new value from an argument: */
	gopy_fail_addr (*make)(gopy_seq a, GoInt64 *out);
	/* Slices and arrays whose elements are not flat (NULL when flat): */
	gopy_fail_addr (*get)(GoInt64 h, GoInt i, void *out);
	/* writes elements start, start+step, ... from n C values */
	gopy_fail_addr (*set)(GoInt64 h, GoInt start, GoInt step, GoInt n, void *in);
	gopy_fail_addr (*items)(GoInt64 h, void **out, GoInt *n);
	/* Maps: */
	gopy_fail_addr (*map_len)(GoInt64 h, GoInt *n);
	gopy_fail_addr (*map_get)(GoInt64 h, void *key, void *out, GoUint8 *found);
	gopy_fail_addr (*map_set)(GoInt64 h, void *key, void *value);
	gopy_fail_addr (*map_del)(GoInt64 h, void *key, GoUint8 *found);
	gopy_fail_addr (*map_items)(GoInt64 h, void **keys, void **values, GoInt *n);
	gopy_fail_addr (*map_clear)(GoInt64 h);
} gopy_viewdef;

/* The instance layout of every view class (a gopy_object with more). */
typedef struct gopy_view {
	PyObject_HEAD
	GoInt64 handle;            /* of a *S; never 0 once constructed */
	const gopy_viewdef *def;
	void *addr;                /* slices and arrays: the Go slice header or
				      array, looked up on first use */
	Py_ssize_t exports;        /* live buffer exports: a slice with any does
				      not grow (bytearray's rule) */
} gopy_view;

/*
 * Converter for a parameter of container type d (see above); *out is a
 * gopy_seq. Messages: "F() argument 'xs' must be an iterable (Go []int),
 * not int", "F() argument 'xs'[2] must be int (Go int), not str",
 * "F() argument 'a' must have 3 elements (Go [3]int), not 2".
 */
int gopy_to_view(gopy_frame *f, int idx, PyObject *o, void *out,
		 const gopy_viewdef *d);

/* A new view of handle h (owned; released on failure) of type d; None for
 * 0 (a nil *S). */
PyObject *gopy_from_view(PyObject *module, const gopy_viewdef *d, GoInt64 h);

/*
 * A new instance of the named container class classidx holding handle h
 * (owned; released on failure), made by the class's own constructor,
 * which knows its gopy_viewdef: for a value whose class is known only by
 * index (gopy_dyn.h).
 */
PyObject *gopy_view_adopt(PyObject *module, int classidx, GoInt64 h);

/* []byte: accepts any contiguous buffer (bytes, bytearray, memoryview,
 * array.array, numpy...); *out is a gopy_seq of its bytes. */
int gopy_to_bytes(gopy_frame *f, int idx, PyObject *o, void *out);
/* A []byte result as bytes; frees s.p. */
PyObject *gopy_from_bytes(gopy_str s);

/* tp_new of a named container class: Vector(iterable) or Counts(mapping),
 * an empty one without an argument. */
PyObject *gopy_view_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs,
			const gopy_viewdef *d);

/* The module's generic view class of a kind (borrowed), the base of the
 * named container classes. */
PyObject *gopy_view_class(PyObject *module, int kind);

/* Creates the generic view classes into classes[GOPY_VIEW_KINDS] and
 * registers them with collections.abc (gopy_capi.h: gopy_module_init). */
int gopy_view_init(PyObject *module, PyObject **classes);

#endif
