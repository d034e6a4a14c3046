/*
 * gopy_dyn.c: values of Go interface types, the CPython side. See
 * gopy_dyn.h for the interface and the rules; the Go side is
 * gopy_dyn.go (gopy_value_describe, gopy_error_is, gopy_ref_*).
 *
 * Go calls that may run user code (%v calls String and Error methods; a
 * Ref's value is any Go value) release the GIL like every other Go call.
 */
#include "gopy_dyn.h"
#include "gopy_io.h"
#include "gopy_rt_priv.h"
#include "gopy_std.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const gopy_val nil_val = {GOPY_VAL_NIL, -1, 0, 0, 0, {NULL, 0}, NULL, NULL};

static GoInt64 handle_of(PyObject *o)
{
	return gopy_handle_of(o);
}

/*
 * The module whose runtime made the class of t (or a base of it): the
 * first heap type in t's MRO made for a module (an interface class is
 * made by ABCMeta, over a base made for the module). Borrowed; NULL, with
 * an exception when raise is set.
 */
static PyObject *owner_module(PyTypeObject *t, int raise)
{
	PyObject *mro = t->tp_mro;
	Py_ssize_t i, n = mro ? PyTuple_GET_SIZE(mro) : 0;

	for (i = 0; i < n; i++) {
		PyTypeObject *b = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
		PyObject *m;

		if (!(b->tp_flags & Py_TPFLAGS_HEAPTYPE))
			continue;
		m = ((PyHeapTypeObject *)b)->ht_module;
		if (m && PyModule_Check(m))
			return m;
	}
	if (raise)
		PyErr_Format(PyExc_TypeError, "gopy: %.200s is not a class of a gopy module",
			     t->tp_name);
	return NULL;
}

/* The first class in t's MRO that module made, or NULL. */
static PyTypeObject *module_class(PyObject *module, PyTypeObject *t)
{
	PyObject *mro = t->tp_mro;
	Py_ssize_t i, n = mro ? PyTuple_GET_SIZE(mro) : 0;

	for (i = 0; i < n; i++) {
		PyTypeObject *b = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);

		if ((b->tp_flags & Py_TPFLAGS_HEAPTYPE) &&
		    ((PyHeapTypeObject *)b)->ht_module == module)
			return b;
	}
	return NULL;
}

/* The index of class b in the module state, or -1. */
static int class_index(const gopy_state *st, PyTypeObject *b)
{
	for (int i = 0; i < st->nclasses; i++)
		if (st->classes[i] == (PyObject *)b)
			return i;
	return -1;
}

static int is_view_class(const gopy_state *st, PyTypeObject *b)
{
	for (int k = 0; k < GOPY_VIEW_KINDS; k++)
		if (st->views[k] && PyType_IsSubtype(b, (PyTypeObject *)st->views[k]))
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Python -> gopy_val                                                  */
/* ------------------------------------------------------------------ */

static int to_val(gopy_frame *f, int idx, PyObject *o, gopy_val *out);

/* o as itself (PY), borrowed: the frame keeps it alive for the call. */
static int to_py(gopy_frame *f, PyObject *o, gopy_val *out)
{
	out->kind = GOPY_VAL_PY;
	out->py = o;
	Py_INCREF(o);
	return gopy_frame_keep(f, o);
}

/* The name of o's type as messages show it (a new reference, or NULL). */
static PyObject *type_name(PyObject *o)
{
	return o == Py_None ? PyUnicode_FromString("None") : gopy_priv_type_name(Py_TYPE(o));
}

/*
 * TypeError: "F() argument 'x' must be a value Go can hold (..., dict or
 * an instance of a class of NAME), not Foo"; in a callback's results
 * (f->py_ok) o goes as itself instead, and Go decides.
 */
static int not_holdable(gopy_frame *f, int idx, PyObject *o, gopy_val *out)
{
	const char *mod = f->module ? PyModule_GetName(f->module) : NULL;
	PyObject *got;

	if (f->py_ok)
		return to_py(f, o, out);
	if (!mod) {
		PyErr_Clear();
		mod = "gopy";
	}
	if ((got = type_name(o)))
		gopy_priv_arg_error(f, idx, PyExc_TypeError,
				    "must be a value Go can hold (None, bool, int, float, "
				    "complex, str, bytes, list, tuple, dict or an instance "
				    "of a class of %s), not %U", mod, got);
	Py_XDECREF(got);
	return -1;
}

/*
 * An int as INT; past int64 the int converters' OverflowError, except in
 * a callback's results, where it is a BIGINT (gopy_std.h), and except
 * that a named type's instance (out->cls set) may be a uint64 (UINT): Go
 * converts it to the class's type, which knows its range.
 */
static int to_int(gopy_frame *f, int idx, PyObject *o, gopy_val *out)
{
	int overflow;
	long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
	GoUint64 u;

	if (v == -1 && PyErr_Occurred())
		return -1;
	out->kind = GOPY_VAL_INT;
	if (!overflow) {
		out->i = v;
		return 0;
	}
	if (f->py_ok && out->cls < 0) /* a callback's result: Go may want a *big.Int */
		return gopy_std_bigint_val(f, o, out);
	if (overflow < 0 || out->cls < 0)
		return gopy_to_int64(f, idx, o, &out->i); /* raises the range error */
	if (gopy_to_uint64(f, idx, o, &u) < 0)
		return -1;
	out->kind = GOPY_VAL_UINT;
	out->i = (long long)u;
	return 0;
}

static int to_str(gopy_frame *f, int idx, PyObject *o, gopy_val *out)
{
	GoString s;

	if (gopy_to_string(f, idx, o, &s) < 0)
		return -1;
	out->kind = GOPY_VAL_STR;
	out->str.p = (char *)s.p; /* Go only reads it */
	out->str.n = (size_t)s.n;
	return 0;
}

/* bytes are immutable and kept alive by their container or the caller;
 * a bytearray or memoryview may change while Go runs, so it is copied. */
static int to_bytes(gopy_frame *f, PyObject *o, gopy_val *out)
{
	Py_buffer b;
	char *p;
	int r;

	out->kind = GOPY_VAL_BYTES;
	if (PyBytes_Check(o)) {
		out->str.p = PyBytes_AS_STRING(o);
		out->str.n = (size_t)PyBytes_GET_SIZE(o);
		return 0;
	}
	if (PyObject_GetBuffer(o, &b, PyBUF_FULL_RO) < 0)
		return -1;
	p = gopy_frame_alloc(f, b.len > 0 ? (size_t)b.len : 1);
	r = p ? PyBuffer_ToContiguous(p, &b, b.len, 'C') : -1;
	out->str.p = p;
	out->str.n = (size_t)b.len;
	PyBuffer_Release(&b);
	return r < 0 ? -1 : 0;
}

/* n zeroed vals in the frame (NULL for none, which is not an error). */
static gopy_val *alloc_vals(gopy_frame *f, Py_ssize_t n, int *err)
{
	gopy_val *items;

	*err = 0;
	if (n <= 0)
		return NULL;
	if ((size_t)n > SIZE_MAX / sizeof(gopy_val)) {
		PyErr_NoMemory();
		*err = 1;
		return NULL;
	}
	items = gopy_frame_alloc(f, (size_t)n * sizeof(gopy_val));
	*err = items == NULL;
	return items;
}

/*
 * A list or tuple: a tuple taken first (kept by the frame) holds the
 * elements, so neither Python code nor another thread can free one while
 * Go reads it. Messages name the element: 'x'[2].
 */
static int to_list(gopy_frame *f, int idx, PyObject *o, gopy_val *out)
{
	PyObject *t = PySequence_Tuple(o);
	Py_ssize_t i, n;
	gopy_val *items;
	int err;

	if (!t || gopy_frame_keep(f, t) < 0)
		return -1;
	n = PyTuple_GET_SIZE(t);
	if (!(items = alloc_vals(f, n, &err)) && err)
		return -1;
	for (i = 0; i < n; i++) {
		gopy_path node;
		int r;

		gopy_frame_push(f, &node, i, NULL, 0, "any");
		r = to_val(f, idx, PyTuple_GET_ITEM(t, i), &items[i]);
		gopy_frame_pop(f);
		if (r < 0)
			return -1;
	}
	out->kind = GOPY_VAL_LIST;
	out->i = n;
	out->items = items;
	return 0;
}

/* A dict, from a list of its items kept by the frame (see to_list): a
 * subclass's items(), as for map arguments (the Mapping protocol).
 * Messages name the key ('m' key 3) or the value ('m'['k']). */
static int to_dict(gopy_frame *f, int idx, PyObject *o, gopy_val *out)
{
	PyObject *pairs = PyDict_CheckExact(o) ? PyDict_Items(o) : PyMapping_Items(o);
	Py_ssize_t i, n;
	gopy_val *items;
	int err;

	if (!pairs || gopy_frame_keep(f, pairs) < 0)
		return -1;
	n = PyList_GET_SIZE(pairs);
	for (i = 0; i < n; i++)
		if (!PyTuple_Check(PyList_GET_ITEM(pairs, i)) || PyTuple_GET_SIZE(PyList_GET_ITEM(pairs, i)) != 2) {
			PyErr_SetString(PyExc_TypeError, "items() must give (key, value) pairs");
			return -1;
		}
	if (!(items = alloc_vals(f, 2 * n, &err)) && err)
		return -1;
	for (i = 0; i < n; i++) {
		PyObject *pair = PyList_GET_ITEM(pairs, i);
		PyObject *key = PyTuple_GET_ITEM(pair, 0);
		gopy_path node;
		int r;

		gopy_frame_push(f, &node, 0, key, 1, "any");
		r = to_val(f, idx, key, &items[2 * i]);
		gopy_frame_pop(f);
		if (r < 0)
			return -1;
		gopy_frame_push(f, &node, 0, key, 0, "any");
		r = to_val(f, idx, PyTuple_GET_ITEM(pair, 1), &items[2 * i + 1]);
		gopy_frame_pop(f);
		if (r < 0)
			return -1;
	}
	out->kind = GOPY_VAL_DICT;
	out->i = n;
	out->items = items;
	return 0;
}

/* A container, guarded against one that holds itself. */
static int to_container(gopy_frame *f, int idx, PyObject *o, gopy_val *out, int dict)
{
	int r;

	if (Py_EnterRecursiveCall(" while converting a value for Go"))
		return -1;
	r = dict ? to_dict(f, idx, o, out) : to_list(f, idx, o, out);
	Py_LeaveRecursiveCall();
	return r;
}

/*
 * The builtin kinds, also for subclasses (out->cls says which of the
 * module's named classes, if any). 1 when o was none of them.
 */
static int to_builtin(gopy_frame *f, int idx, PyObject *o, gopy_val *out)
{
	if (PyBool_Check(o)) {
		out->kind = GOPY_VAL_BOOL;
		out->i = o == Py_True;
		return 0;
	}
	if (PyLong_Check(o))
		return to_int(f, idx, o, out);
	if (PyFloat_Check(o)) {
		out->kind = GOPY_VAL_FLOAT;
		out->f = PyFloat_AS_DOUBLE(o);
		return 0;
	}
	if (PyComplex_Check(o)) {
		out->kind = GOPY_VAL_COMPLEX;
		out->f = PyComplex_RealAsDouble(o);
		out->f2 = PyComplex_ImagAsDouble(o);
		return 0;
	}
	if (PyUnicode_Check(o))
		return to_str(f, idx, o, out);
	if (PyBytes_Check(o) || PyByteArray_Check(o) || PyMemoryView_Check(o))
		return to_bytes(f, o, out);
	if (PyList_Check(o) || PyTuple_Check(o))
		return to_container(f, idx, o, out, 0);
	if (PyDict_Check(o))
		return to_container(f, idx, o, out, 1);
	return 1;
}

/*
 * An instance of a class b of f's module (see gopy_dyn.h). 1 for an
 * instance of a Python subclass of an interface class, which holds no Go
 * value (handle 0): it is a Python object like any other.
 */
static int to_module_value(gopy_frame *f, int idx, PyObject *o, PyTypeObject *b,
			   gopy_val *out)
{
	gopy_state *st = PyModule_GetState(f->module);
	int r;

	/* The interface base, or an interface class (which has the module
	 * too: gopy_add_iface_class). */
	int iface = st->Interface && PyType_IsSubtype(b, (PyTypeObject *)st->Interface);

	if (iface && !handle_of(o))
		return 1;

	out->py = o; /* borrowed: what keeps the handle valid (see gopy_dyn_result) */
	if ((PyObject *)b == st->GoValue || iface || is_view_class(st, b)) {
		out->kind = GOPY_VAL_GO;
		out->i = handle_of(o);
		return 0;
	}
	if ((PyObject *)b == st->Ref) {
		out->kind = GOPY_VAL_OBJ;
		out->i = handle_of(o);
		return 0;
	}
	if ((out->cls = class_index(st, b)) < 0)
		return not_holdable(f, idx, o, out);
	/* A named basic type's instance is a value of its builtin. */
	if ((r = to_builtin(f, idx, o, out)) <= 0) {
		out->py = NULL;
		return r;
	}
	out->kind = GOPY_VAL_OBJ; /* a struct: Go gets the *T */
	out->i = handle_of(o);
	return 0;
}

/* A GoError holding a Go error of this module: its GoValue, kept by the
 * frame, holds the handle Go gets. 1 when o is none. */
static int to_error_value(gopy_frame *f, PyObject *o, gopy_val *out)
{
	PyObject *keep = NULL;
	GoInt64 h;

	if (!PyExceptionInstance_Check(o) || !(h = gopy_priv_error_handle(f->module, o, &keep)))
		return 1;
	out->kind = GOPY_VAL_GO;
	out->i = h;
	out->py = keep;
	return gopy_frame_keep(f, keep);
}

static int to_val(gopy_frame *f, int idx, PyObject *o, gopy_val *out)
{
	PyTypeObject *b;
	PyObject *stream;
	int r;

	*out = nil_val;
	if (o == Py_None)
		return 0;
	/* Exact builtins first: the common values, without an MRO walk. */
	if (PyBool_Check(o) || PyLong_CheckExact(o) || PyFloat_CheckExact(o) ||
	    PyUnicode_CheckExact(o) || PyBytes_CheckExact(o) || PyList_CheckExact(o) ||
	    PyTuple_CheckExact(o) || PyDict_CheckExact(o))
		return to_builtin(f, idx, o, out);
	if (f->module && (stream = gopy_io_value_of(f->module, o))) /* a Go stream: its value */
		o = stream;
	if (f->module && (b = module_class(f->module, Py_TYPE(o))) &&
	    (r = to_module_value(f, idx, o, b, out)) <= 0)
		return r;
	if (f->module && (r = to_error_value(f, o, out)) <= 0)
		return r;
	if ((r = to_builtin(f, idx, o, out)) <= 0)
		return r;
	if ((r = gopy_std_to_val(f, idx, o, out)) <= 0) /* datetime, timedelta, Fraction */
		return r;
	return not_holdable(f, idx, o, out);
}

/* Python's own values, which implement no Go interface with methods. */
static int is_plain(PyObject *o)
{
	return PyBool_Check(o) || PyLong_Check(o) || PyFloat_Check(o) ||
	       PyComplex_Check(o) || PyUnicode_Check(o) || PyBytes_Check(o) ||
	       PyByteArray_Check(o) || PyMemoryView_Check(o) || PyList_Check(o) ||
	       PyTuple_Check(o) || PyDict_Check(o);
}

/* TypeError "F() argument 'x' must <what>, not Foo". */
static int must(gopy_frame *f, int idx, PyObject *o, const char *what)
{
	PyObject *got = type_name(o);

	if (got)
		gopy_priv_arg_error(f, idx, PyExc_TypeError, "must %s, not %U", what, got);
	Py_XDECREF(got);
	return -1;
}

/*
 * o, whose type defines every method of def, as itself; else TypeError
 * "F() argument 'x' must implement shapes.Shape: Foo has no method Area"
 * naming the first missing one in def's order.
 */
static int to_implementation(gopy_frame *f, int idx, PyObject *o, gopy_val *out,
			     const gopy_ifacedef *def)
{
	PyObject *got, *m;

	for (const char *const *name = def->methods; name && *name; name++) {
		if ((m = PyObject_GetAttrString((PyObject *)Py_TYPE(o), *name))) {
			Py_DECREF(m);
			continue;
		}
		if (!PyErr_ExceptionMatches(PyExc_AttributeError))
			return -1;
		PyErr_Clear();
		if ((got = type_name(o)))
			gopy_priv_arg_error(f, idx, PyExc_TypeError,
					    "must implement %s: %U has no method %s",
					    def->qualname, got, *name);
		Py_XDECREF(got);
		return -1;
	}
	return to_py(f, o, out);
}

/* ---- pointers to basic values ---- */

/* None and a Ref fill *out (0); 1: o is a value to convert. */
static int ptr_head(gopy_frame *f, PyObject *o, gopy_val *out)
{
	gopy_state *st = f->module ? PyModule_GetState(f->module) : NULL;

	*out = nil_val;
	if (o == Py_None)
		return 0;
	if (st && st->Ref && PyObject_TypeCheck(o, (PyTypeObject *)st->Ref)) {
		out->kind = GOPY_VAL_OBJ;
		out->i = handle_of(o);
		out->py = o; /* borrowed: the argument keeps the handle valid */
		return 0;
	}
	return 1;
}


#define PTR_CONVERTER(name, conv, ctype, valkind, set) \
	int gopy_to_ptr_##name(gopy_frame *f, int idx, PyObject *o, void *out) \
	{ \
		gopy_val *v = out; \
		ctype x; \
		int r = ptr_head(f, o, v); \
		if (r <= 0) \
			return r; \
		if (conv(f, idx, o, &x) < 0) \
			return -1; \
		v->kind = valkind; \
		set; \
		return 0; \
	}
#define PTR_INT(name, ctype) PTR_CONVERTER(name, gopy_to_##name, ctype, GOPY_VAL_INT, v->i = (long long)x)
#define PTR_UINT(name, ctype) PTR_CONVERTER(name, gopy_to_##name, ctype, GOPY_VAL_UINT, v->i = (long long)x)

PTR_CONVERTER(bool, gopy_to_bool, GoUint8, GOPY_VAL_BOOL, v->i = x)
PTR_CONVERTER(named_bool, gopy_to_named_bool, GoUint8, GOPY_VAL_BOOL, v->i = x)
PTR_CONVERTER(string, gopy_to_string, GoString, GOPY_VAL_STR,
	      (v->str.p = (char *)x.p, v->str.n = (size_t)x.n)) /* o's bytes, alive for the call */
PTR_INT(int, GoInt)
PTR_INT(int8, GoInt8)
PTR_INT(int16, GoInt16)
PTR_INT(int32, GoInt32)
PTR_INT(int64, GoInt64)
PTR_UINT(uint, GoUint)
PTR_UINT(uint8, GoUint8)
PTR_UINT(uint16, GoUint16)
PTR_UINT(uint32, GoUint32)
PTR_UINT(uint64, GoUint64)
PTR_UINT(uintptr, GoUintptr)
PTR_CONVERTER(float32, gopy_to_float32, GoFloat32, GOPY_VAL_FLOAT, v->f = x)
PTR_CONVERTER(float64, gopy_to_float64, GoFloat64, GOPY_VAL_FLOAT, v->f = x)
PTR_CONVERTER(complex64, gopy_to_complex64, GoComplex64, GOPY_VAL_COMPLEX,
	      (v->f = ((const float *)&x)[0], v->f2 = ((const float *)&x)[1]))
PTR_CONVERTER(complex128, gopy_to_complex128, GoComplex128, GOPY_VAL_COMPLEX,
	      (v->f = ((const double *)&x)[0], v->f2 = ((const double *)&x)[1]))

int gopy_to_val(gopy_frame *f, int idx, PyObject *o, gopy_val *out,
		const gopy_ifacedef *def)
{
	int methods;
	PyTypeObject *b;
	int r;

	/* An instance of the interface's own class (every method's receiver)
	 * holds the Go value: the fast path, before anything else (what
	 * to_val makes of it too). */
	if (def && def->cls >= 0 && f->module &&
	    (PyObject *)Py_TYPE(o) == (PyObject *)gopy_class(f->module, def->cls) && handle_of(o)) {
		*out = nil_val;
		out->kind = GOPY_VAL_GO;
		out->i = handle_of(o);
		out->py = o;
		return 0;
	}
	if (def && def->pykind >= GOPY_PY_READER && o != Py_None) { /* io's streams */
		PyObject *v = f->module ? gopy_io_value_of(f->module, o) : NULL;
		if (v)
			return to_val(f, idx, v, out);
		*out = nil_val;
		if (f->module && (b = module_class(f->module, Py_TYPE(o))) &&
		    (r = to_module_value(f, idx, o, b, out)) <= 0)
			return r;
		if (f->module && (r = to_error_value(f, o, out)) <= 0)
			return r;
		return gopy_io_to_val(f, idx, o, out, def->pykind);
	}
	methods = def && def->methods && def->methods[0];
	if (!def || (!methods && def->pykind == GOPY_PY_NONE) || o == Py_None)
		return to_val(f, idx, o, out);
	*out = nil_val;
	/* Go values first: Go checks that they implement def's interface
	 * (GOPY_FAIL_TYPE). */
	if (f->module && (b = module_class(f->module, Py_TYPE(o))) &&
	    (r = to_module_value(f, idx, o, b, out)) <= 0)
		return r;
	if (f->module && (r = to_error_value(f, o, out)) <= 0)
		return r;
	if (is_plain(o)) {
		PyObject *got;

		if (!methods && (def->pykind == GOPY_PY_NONE || def->pykind == GOPY_PY_METHODS))
			return to_val(f, idx, o, out);
		if (!methods) /* a func type: its own message below */
			goto by_kind;
		if ((got = type_name(o)))
			gopy_priv_arg_error(f, idx, PyExc_TypeError, "must be %s, not %U",
					    def->qualname, got);
		Py_XDECREF(got);
		return -1;
	}
by_kind:
	switch (def->pykind) {
	case GOPY_PY_METHODS:
		return to_implementation(f, idx, o, out, def);
	case GOPY_PY_EXCEPTION:
		if (PyExceptionInstance_Check(o))
			return to_py(f, o, out);
		return must(f, idx, o, "be an exception or None");
	case GOPY_PY_CALLABLE:
		if (PyCallable_Check(o))
			return to_py(f, o, out);
		return must(f, idx, o, "be callable");
	}
	return not_holdable(f, idx, o, out);
}

/* Frees a tree of gopy_dyn_result (malloc'd, with references). */
static void result_free(gopy_val *v)
{
	long long k, n;

	switch (v->kind) {
	case GOPY_VAL_STR:
	case GOPY_VAL_BYTES:
	case GOPY_VAL_TIME:
	case GOPY_VAL_BIGINT:
	case GOPY_VAL_RAT:
		free(v->str.p);
		break;
	case GOPY_VAL_LIST:
	case GOPY_VAL_DICT:
		n = v->kind == GOPY_VAL_DICT ? 2 * v->i : v->i;
		for (k = 0; v->items && k < n; k++)
			result_free(&v->items[k]);
		free(v->items);
		break;
	}
	Py_XDECREF((PyObject *)v->py);
	*v = nil_val;
}

/*
 * Copies the frame's tree src into malloc'd memory Go frees (gopyValFree),
 * with a new reference in each py (a PY's object, or the instance that
 * keeps an OBJ's or GO's handle valid). -1 with MemoryError; dst is then
 * NIL.
 */
static int result_copy(const gopy_val *src, gopy_val *dst)
{
	long long k, n;

	*dst = *src;
	dst->items = NULL;
	dst->str.p = NULL;
	Py_XINCREF((PyObject *)dst->py);
	switch (src->kind) {
	case GOPY_VAL_STR:
	case GOPY_VAL_BYTES:
	case GOPY_VAL_TIME:
	case GOPY_VAL_BIGINT:
	case GOPY_VAL_RAT:
		if (!(dst->str.p = malloc(src->str.n ? src->str.n : 1)))
			goto nomem;
		if (src->str.n)
			memcpy(dst->str.p, src->str.p, src->str.n);
		break;
	case GOPY_VAL_LIST:
	case GOPY_VAL_DICT:
		n = src->kind == GOPY_VAL_DICT ? 2 * src->i : src->i;
		if (n <= 0)
			break;
		if (!(dst->items = calloc((size_t)n, sizeof(gopy_val))))
			goto nomem;
		for (k = 0; k < n; k++)
			if (result_copy(&src->items[k], &dst->items[k]) < 0) {
				result_free(dst);
				return -1;
			}
		break;
	}
	return 0;
nomem:
	result_free(dst);
	PyErr_NoMemory();
	return -1;
}

int gopy_dyn_result(PyObject *module, const char *name, int k, int n, PyObject *o,
		    gopy_val *out)
{
	char what[32];
	const char *const params[] = {what};
	static const char *const types[] = {"any"};
	const gopy_sig sig = {name ? name : "callback", 1, params, types, 0, GOPY_SIG_ELEM};
	gopy_frame f = GOPY_FRAME_INIT(&sig, module);
	gopy_val v;
	int r;

	if (n > 1)
		snprintf(what, sizeof what, "result %d", k);
	else
		snprintf(what, sizeof what, "result");
	*out = nil_val;
	f.py_ok = 1;
	r = to_val(&f, 0, o, &v);
	if (r == 0)
		r = result_copy(&v, out);
	gopy_frame_release(&f);
	return r;
}

/* ------------------------------------------------------------------ */
/* gopy_val -> Python                                                  */
/* ------------------------------------------------------------------ */

void gopy_val_free(gopy_val *v)
{
	long long k, n;

	switch (v->kind) {
	case GOPY_VAL_STR:
	case GOPY_VAL_BYTES:
	case GOPY_VAL_TIME:
	case GOPY_VAL_BIGINT:
	case GOPY_VAL_RAT:
		free(v->str.p);
		break;
	case GOPY_VAL_LIST:
	case GOPY_VAL_DICT:
		n = v->kind == GOPY_VAL_DICT ? 2 * v->i : v->i;
		for (k = 0; v->items && k < n; k++)
			gopy_val_free(&v->items[k]);
		free(v->items);
		break;
	case GOPY_VAL_OBJ:
	case GOPY_VAL_GO:
	case GOPY_VAL_ERROR:
	case GOPY_VAL_VIEW:
	case GOPY_VAL_IO:
		if (v->i)
			gopy_release(v->i);
		break;
	case GOPY_VAL_PY:
		Py_XDECREF((PyObject *)v->py);
		break;
	}
	*v = nil_val;
}

/* gopy_dyn_set_views' table. */
static const gopy_viewdef *const *dyn_views;
static int dyn_nviews;

void gopy_dyn_set_views(const gopy_viewdef *const *views, int n)
{
	dyn_views = views;
	dyn_nviews = n;
}

/* VIEW: a new view of the module's container type number idx. */
static PyObject *from_view(PyObject *module, GoInt64 h, int idx)
{
	if (idx < 0 || idx >= dyn_nviews) {
		gopy_release(h);
		PyErr_Format(PyExc_SystemError, "gopy: no container type %d in the module", idx);
		return NULL;
	}
	return gopy_from_view(module, dyn_views[idx], h);
}

/* Converts and frees items[0..n); after a failure the rest is freed
 * unconverted. */
static PyObject *from_list(PyObject *module, gopy_val *items, long long n)
{
	PyObject *list = PyList_New(n > 0 ? (Py_ssize_t)n : 0), *x;
	long long k;

	for (k = 0; k < n; k++) {
		if (!list) {
			gopy_val_free(&items[k]);
			continue;
		}
		if (!(x = gopy_from_val(module, &items[k])))
			Py_CLEAR(list);
		else
			PyList_SET_ITEM(list, (Py_ssize_t)k, x);
	}
	free(items);
	return list;
}

/* Converts and frees the n pairs at items (see from_list). */
static PyObject *from_dict(PyObject *module, gopy_val *items, long long n)
{
	PyObject *dict = PyDict_New();
	long long k;

	for (k = 0; k < n; k++) {
		PyObject *key = NULL, *val = NULL;

		if (dict)
			key = gopy_from_val(module, &items[2 * k]);
		else
			gopy_val_free(&items[2 * k]);
		if (key)
			val = gopy_from_val(module, &items[2 * k + 1]);
		else
			gopy_val_free(&items[2 * k + 1]);
		if (dict && (!val || PyDict_SetItem(dict, key, val) < 0))
			Py_CLEAR(dict);
		Py_XDECREF(key);
		Py_XDECREF(val);
	}
	free(items);
	return dict;
}

/* The class in the state slot (GoValue, Ref), wrapping h. */
static PyObject *wrap_in(PyObject *cls, GoInt64 h)
{
	if (!cls) {
		gopy_release(h);
		PyErr_SetString(PyExc_SystemError, "gopy: interface classes not initialized");
		return NULL;
	}
	return gopy_object_wrap((PyTypeObject *)cls, h);
}

/* OBJ: a struct instance, a named container (its constructor knows its
 * viewdef) or, without a class, a Ref. */
static PyObject *from_obj(PyObject *module, GoInt64 h, int cls)
{
	gopy_state *st = PyModule_GetState(module);
	PyTypeObject *t;

	if (cls < 0)
		return wrap_in(st->Ref, h);
	if (!(t = gopy_class(module, cls))) {
		gopy_release(h);
		return NULL;
	}
	if (is_view_class(st, t))
		return gopy_view_adopt(module, cls, h);
	return gopy_from_handle(module, cls, h);
}

/* GO: an instance of interface class cls, or a GoValue. */
static PyObject *from_go(PyObject *module, GoInt64 h, int cls)
{
	gopy_state *st = PyModule_GetState(module);
	PyTypeObject *t;

	if (cls < 0)
		return wrap_in(st->GoValue, h);
	if (!(t = gopy_class(module, cls))) {
		gopy_release(h);
		return NULL;
	}
	return gopy_object_wrap(t, h);
}

/* %T and %v of the value handle h points to, as str (new references). */
static int describe(PyObject *module, GoInt64 h, PyObject **type, PyObject **value)
{
	gopy_str t = {NULL, 0}, v = {NULL, 0};
	gopy_fail_addr fail;

	*type = *value = NULL;
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(gopy_value_describe(h, &t, &v));
	Py_END_ALLOW_THREADS
	if (fail) {
		gopy_raise_fail(module, fail);
		return -1;
	}
	*type = gopy_from_str(t);
	*value = gopy_from_str(v);
	if (*type && *value)
		return 0;
	Py_CLEAR(*type);
	Py_CLEAR(*value);
	return -1;
}

/* ERROR: a GoError (not raised) holding the error. */
static PyObject *from_error(PyObject *module, GoInt64 h)
{
	PyObject *type, *msg, *e;

	if (describe(module, h, &type, &msg) < 0) {
		gopy_release(h);
		return NULL;
	}
	e = gopy_priv_go_error(module, msg, type, h);
	Py_DECREF(type);
	Py_DECREF(msg);
	return e;
}

/* The basic kinds; an instance of named class v->cls when set. */
static PyObject *from_basic(PyObject *module, gopy_val *v)
{
	PyObject *r;

	switch (v->kind) {
	case GOPY_VAL_BOOL: r = PyBool_FromLong(v->i != 0); break;
	case GOPY_VAL_INT: r = PyLong_FromLongLong(v->i); break;
	case GOPY_VAL_UINT: r = PyLong_FromUnsignedLongLong((unsigned long long)v->i); break;
	case GOPY_VAL_FLOAT: r = PyFloat_FromDouble(v->f); break;
	case GOPY_VAL_COMPLEX: r = PyComplex_FromDoubles(v->f, v->f2); break;
	default: r = gopy_from_str(v->str); break; /* STR: frees str.p */
	}
	if (v->cls >= 0)
		r = gopy_from_named(module, v->cls, r);
	return r;
}

PyObject *gopy_from_val(PyObject *module, gopy_val *v)
{
	gopy_val t = *v;

	*v = nil_val; /* taken: each case below consumes t */
	switch (t.kind) {
	case GOPY_VAL_NIL:
		Py_RETURN_NONE;
	case GOPY_VAL_BOOL:
	case GOPY_VAL_INT:
	case GOPY_VAL_UINT:
	case GOPY_VAL_FLOAT:
	case GOPY_VAL_COMPLEX:
	case GOPY_VAL_STR:
		return from_basic(module, &t);
	case GOPY_VAL_BYTES:
		return gopy_from_bytes(t.str);
	case GOPY_VAL_LIST:
		return from_list(module, t.items, t.i);
	case GOPY_VAL_DICT:
		return from_dict(module, t.items, t.i);
	case GOPY_VAL_OBJ:
		if (!t.i)
			Py_RETURN_NONE;
		return from_obj(module, t.i, t.cls);
	case GOPY_VAL_GO:
		if (!t.i)
			Py_RETURN_NONE;
		return from_go(module, t.i, t.cls);
	case GOPY_VAL_ERROR:
		if (!t.i)
			Py_RETURN_NONE;
		return from_error(module, t.i);
	case GOPY_VAL_VIEW:
		return from_view(module, t.i, t.cls);
	case GOPY_VAL_IO:
		if (!t.i)
			Py_RETURN_NONE;
		return gopy_io_from_val(module, t.i, t.cls);
	case GOPY_VAL_MEM: /* Go's memory, lent for the call: nothing to free */
		return gopy_io_mem(&t);
	case GOPY_VAL_PY: /* the object itself: Go's reference is taken over */
		if (!t.py)
			Py_RETURN_NONE;
		return t.py;
	case GOPY_VAL_TIME:
	case GOPY_VAL_DURATION:
	case GOPY_VAL_BIGINT:
	case GOPY_VAL_RAT:
		return gopy_std_from_val(&t);
	}
	PyErr_Format(PyExc_SystemError, "gopy: unknown value kind %d from Go", t.kind);
	gopy_val_free(&t);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* GoValue, Ref and the interface classes                              */
/* ------------------------------------------------------------------ */

/* tp_new of the classes Go makes the instances of. */
static PyObject *no_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)
{
	PyObject *name = gopy_priv_type_name(cls);

	(void)args;
	(void)kwargs;
	if (name)
		PyErr_Format(PyExc_TypeError, "cannot create '%U' instances", name);
	Py_XDECREF(name);
	return NULL;
}

/*
 * tp_new of the interface classes: Go makes their instances, but a Python
 * subclass (class Sub(mod.Shape)) makes Python objects, holding no Go
 * value (handle 0), which implement the interface by their methods.
 */
static PyObject *iface_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)
{
	PyTypeObject *b = cls->tp_base;
	PyObject *module = owner_module(cls, 1);
	gopy_state *st = module ? PyModule_GetState(module) : NULL;

	if (!st)
		return NULL;
	if ((PyObject *)cls == st->Interface || (b && (PyObject *)b == st->Interface))
		return no_new(cls, args, kwargs);
	return cls->tp_alloc(cls, 0);
}

/* GoValue and interface instances: "NAME.Class(<%T>, %v)"; an instance
 * of a Python subclass of an interface class as any object. */
static PyObject *value_repr(PyObject *self)
{
	PyObject *module = owner_module(Py_TYPE(self), 1);
	PyObject *name, *type = NULL, *value = NULL, *r = NULL;

	if (!handle_of(self))
		return PyBaseObject_Type.tp_repr(self);
	if (!module || !(name = gopy_priv_type_name(Py_TYPE(self))))
		return NULL;
	if (describe(module, handle_of(self), &type, &value) == 0)
		r = PyUnicode_FromFormat("%U(<%U>, %U)", name, type, value);
	Py_DECREF(name);
	Py_XDECREF(type);
	Py_XDECREF(value);
	return r;
}

static const gopy_ifacedef any_def = {"any", NULL, -1, GOPY_PY_NONE};
static const char *const ref_params[] = {"initial"};
static const char *const ref_types[] = {"any"};
static const gopy_sig ref_new_sig = {"Ref", 1, ref_params, ref_types, 0, GOPY_SIG_NEW};
static const gopy_sig ref_field_sig = {"Ref", 1, ref_params, ref_types, 0, GOPY_SIG_FIELD};

static PyObject *ref_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)
{
	PyObject *module = owner_module(cls, 1), *arg = NULL, *o = NULL;
	gopy_frame f = GOPY_FRAME_INIT(&ref_new_sig, module);
	gopy_val v = nil_val;
	gopy_fail_addr fail;
	GoInt64 h = 0;

	if (!module || gopy_bind_new(&f, args, kwargs, &arg) < 0 ||
	    (arg && gopy_to_val(&f, 0, arg, &v, &any_def) < 0))
		goto done;
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(gopy_ref_new(&v, &h));
	Py_END_ALLOW_THREADS
	if (fail)
		gopy_raise_fail(module, fail);
	else
		o = gopy_object_wrap(cls, h);
done:
	gopy_frame_release(&f);
	return o;
}

static PyObject *ref_get(PyObject *self, void *closure)
{
	PyObject *module = owner_module(Py_TYPE(self), 1);
	gopy_val v = nil_val;
	gopy_fail_addr fail;
	GoInt64 h = handle_of(self);

	(void)closure;
	if (!module)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(gopy_ref_get(h, &v));
	Py_END_ALLOW_THREADS
	if (fail)
		return gopy_raise_fail(module, fail);
	return gopy_from_val(module, &v);
}

static int ref_set(PyObject *self, PyObject *value, void *closure)
{
	PyObject *module = owner_module(Py_TYPE(self), 1);
	gopy_frame f = GOPY_FRAME_INIT(&ref_field_sig, module);
	gopy_val v;
	gopy_fail_addr fail;
	GoInt64 h = handle_of(self);
	int r = -1;

	(void)closure;
	if (!module)
		return -1;
	if (!value)
		return gopy_field_delete(&f);
	if (gopy_to_val(&f, 0, value, &v, &any_def) == 0) {
		Py_BEGIN_ALLOW_THREADS
		fail = GOPY_GO(gopy_ref_set(h, &v));
		Py_END_ALLOW_THREADS
		r = fail ? (gopy_raise_fail(module, fail), -1) : 0;
	}
	gopy_frame_release(&f);
	return r;
}

/* "NAME.Ref(<repr of value>)"; a Ref that holds itself recurses until
 * RecursionError, as its value is a new object each time. */
static PyObject *ref_repr(PyObject *self)
{
	PyObject *name, *value, *r = NULL;

	if (Py_EnterRecursiveCall(" in Ref.__repr__"))
		return NULL;
	name = gopy_priv_type_name(Py_TYPE(self));
	value = name ? ref_get(self, NULL) : NULL;
	if (value)
		r = PyUnicode_FromFormat("%U(%R)", name, value);
	Py_XDECREF(name);
	Py_XDECREF(value);
	Py_LeaveRecursiveCall();
	return r;
}

/*
 * Interface.__subclasshook__(C): True when C (through its MRO) defines
 * every name of cls._gopy_methods, none of them None; NotImplemented
 * otherwise, leaving the answer to the ABC's registry.
 */
static int defines(PyObject *mro, PyObject *name)
{
	Py_ssize_t i, n = PyTuple_GET_SIZE(mro);

	for (i = 0; i < n; i++) {
		PyObject *d = PyObject_GetAttrString(PyTuple_GET_ITEM(mro, i), "__dict__");
		PyObject *v = d ? PyObject_GetItem(d, name) : NULL;

		Py_XDECREF(d);
		if (v) {
			int found = v != Py_None;
			Py_DECREF(v);
			return found;
		}
		if (!PyErr_ExceptionMatches(PyExc_KeyError))
			return -1;
		PyErr_Clear();
	}
	return 0;
}

static PyObject *iface_subclasshook(PyObject *cls, PyObject *c)
{
	PyObject *names = PyObject_GetAttrString(cls, "_gopy_methods"), *mro;
	Py_ssize_t i, n;
	int ok = 1;

	if (!names) {
		PyErr_Clear();
		Py_RETURN_NOTIMPLEMENTED;
	}
	mro = PyType_Check(c) ? ((PyTypeObject *)c)->tp_mro : NULL;
	if (!PyTuple_Check(names) || !mro) {
		Py_DECREF(names);
		Py_RETURN_NOTIMPLEMENTED;
	}
	n = PyTuple_GET_SIZE(names);
	for (i = 0; ok == 1 && i < n; i++)
		ok = defines(mro, PyTuple_GET_ITEM(names, i));
	Py_DECREF(names);
	if (ok < 0)
		return NULL;
	if (ok)
		Py_RETURN_TRUE;
	Py_RETURN_NOTIMPLEMENTED;
}

/* A Go func's arguments: any object, which Go converts to the parameter's
 * type (a Python object becomes the interface or func value it stands
 * for), as the cffi runtime's GoValue does. */
static const gopy_ifacedef call_arg_def = {"any", NULL, -1, GOPY_PY_METHODS};

/* The results of gopy_value_call (a LIST) as a function's: None, the
 * value, or a tuple. */
static PyObject *call_results(PyObject *module, gopy_val *out)
{
	PyObject *list = gopy_from_val(module, out), *r;

	if (!list || !PyList_Check(list) || PyList_GET_SIZE(list) > 1) {
		r = list && PyList_Check(list) ? PyList_AsTuple(list) : list;
		if (r != list)
			Py_XDECREF(list);
		return r;
	}
	r = PyList_GET_SIZE(list) ? PyList_GET_ITEM(list, 0) : Py_None;
	Py_INCREF(r);
	Py_DECREF(list);
	return r;
}

/* GoValue.__call__: calls the Go func the value holds, converting args
 * to its parameters' types; a trailing error raises. */
static PyObject *value_call(PyObject *self, PyObject *args, PyObject *kwargs)
{
	static const char *const params[] = {"args"};
	static const char *const types[] = {"any"};
	PyObject *module = owner_module(Py_TYPE(self), 1), *r = NULL;
	const char *modname = module ? PyModule_GetName(module) : NULL;
	char name[256];
	const gopy_sig sig = {name, 0, params, types, 1, GOPY_SIG_CALL};
	gopy_frame f = GOPY_FRAME_INIT(&sig, module);
	gopy_val out = nil_val, *vals;
	Py_ssize_t i, n = PyTuple_GET_SIZE(args);
	gopy_fail_addr fail;
	GoInt64 h = handle_of(self);
	int err;

	if (!modname)
		return NULL;
	snprintf(name, sizeof name, "%s.GoValue", modname);
	if (kwargs && PyDict_GET_SIZE(kwargs)) {
		PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", name);
		return NULL;
	}
	if (!(vals = alloc_vals(&f, n, &err)) && err)
		goto done;
	for (i = 0; i < n; i++) {
		gopy_path node;

		gopy_frame_push(&f, &node, i, NULL, 0, "any");
		err = gopy_to_val(&f, 0, PyTuple_GET_ITEM(args, i), &vals[i], &call_arg_def);
		gopy_frame_pop(&f);
		if (err < 0)
			goto done;
	}
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(gopy_value_call(h, vals, (long long)n, &out));
	Py_END_ALLOW_THREADS
	if (fail)
		gopy_raise_fail(module, fail);
	else
		r = call_results(module, &out);
done:
	gopy_frame_release(&f);
	return r;
}

/* inspect.Parameter(name, kind, annotation=annotation). */
static PyObject *annotated(PyObject *P, PyObject *name, PyObject *kind, PyObject *annotation)
{
	PyObject *args = PyTuple_Pack(2, name, kind), *kw = Py_BuildValue("{sO}", "annotation", annotation);
	PyObject *p = args && kw ? PyObject_Call(P, args, kw) : NULL;

	Py_XDECREF(args);
	Py_XDECREF(kw);
	return p;
}

/*
 * GoValue.__signature__: for a Go func, an inspect.Signature of positional
 * parameters named by position (Go's types as their annotation, a
 * variadic one as *args), as the cffi runtime makes it; None otherwise.
 */
static PyObject *value_signature(PyObject *self, void *closure)
{
	PyObject *module = owner_module(Py_TYPE(self), 1), *gotype = NULL;
	PyObject *inspect = NULL, *P = NULL, *params = NULL, *r = NULL;
	gopy_str t = {NULL, 0};
	long long n = 0, k;
	unsigned char variadic = 0;
	gopy_fail_addr fail;

	(void)closure;
	if (!module)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(gopy_value_signature(handle_of(self), &t, &n, &variadic));
	Py_END_ALLOW_THREADS
	if (fail)
		return gopy_raise_fail(module, fail);
	if (!t.p)
		Py_RETURN_NONE;
	if (!(gotype = gopy_from_str(t)) || !(inspect = PyImport_ImportModule("inspect")) ||
	    !(P = PyObject_GetAttrString(inspect, "Parameter")) || !(params = PyList_New(0)))
		goto done;
	for (k = 0; k < n; k++) {
		PyObject *kind, *name, *p = NULL;
		int last = variadic && k == n - 1;

		kind = PyObject_GetAttrString(P, last ? "VAR_POSITIONAL" : "POSITIONAL_ONLY");
		name = last ? PyUnicode_FromString("args") : PyUnicode_FromFormat("arg%lld", k);
		if (kind && name)
			p = last ? PyObject_CallFunctionObjArgs(P, name, kind, NULL) : annotated(P, name, kind, gotype);
		Py_XDECREF(kind);
		Py_XDECREF(name);
		if (!p || PyList_Append(params, p) < 0) {
			Py_XDECREF(p);
			goto done;
		}
		Py_DECREF(p);
	}
	r = PyObject_CallMethod(inspect, "Signature", "O", params);
done:
	Py_XDECREF(gotype);
	Py_XDECREF(inspect);
	Py_XDECREF(P);
	Py_XDECREF(params);
	return r;
}

static PyGetSetDef go_value_getset[] = {
	{"__signature__", value_signature, NULL, "The signature of the Go func it holds, or None.", NULL},
	{NULL, NULL, NULL, NULL, NULL}
};

static const char go_value_doc[] =
	"An opaque Go value: returned where Go gives a value that has no Python "
	"form, and passed back to Go as it is. A Go func can be called.";

static PyType_Slot go_value_slots[] = {
	{Py_tp_doc, (void *)go_value_doc},
	{Py_tp_new, no_new},
	{Py_tp_call, value_call},
	{Py_tp_getset, go_value_getset},
	{Py_tp_dealloc, gopy_object_dealloc},
	{Py_tp_repr, value_repr},
	{0, NULL}
};

static const char ref_doc[] =
	"Ref(initial=None)\n--\n\n"
	"A Go variable of type any: Go functions taking any get a pointer to it "
	"(json.Unmarshal(data, ref) fills it). ref.value reads and writes it.";

static PyGetSetDef ref_getset[] = {
	{"value", ref_get, ref_set, "The Go value the Ref holds.", NULL},
	{NULL, NULL, NULL, NULL, NULL}
};

static PyType_Slot ref_slots[] = {
	{Py_tp_doc, (void *)ref_doc},
	{Py_tp_new, ref_new},
	{Py_tp_dealloc, gopy_object_dealloc},
	{Py_tp_repr, ref_repr},
	{Py_tp_getset, ref_getset},
	{0, NULL}
};

static PyMethodDef iface_methods[] = {
	{"__subclasshook__", iface_subclasshook, METH_CLASS | METH_O, NULL},
	{NULL, NULL, 0, NULL}
};

static PyType_Slot iface_slots[] = {
	{Py_tp_doc, (void *)"The base of the classes of Go interface types."},
	{Py_tp_new, iface_new},
	{Py_tp_dealloc, gopy_object_dealloc},
	{Py_tp_repr, value_repr},
	{Py_tp_methods, iface_methods},
	{0, NULL}
};

/*
 * A class of the module from spec, named "MODNAME.<name>". The name is
 * kept for the process: before Python 3.12 the class's tp_name points
 * into it.
 */
static PyObject *new_class(PyObject *module, const char *name, unsigned long flags,
			   PyType_Slot *slots)
{
	const char *modname = PyModule_GetName(module);
	PyType_Spec spec = {NULL, sizeof(gopy_object), 0, (unsigned int)flags, slots};
	size_t n;
	char *full;

	if (!modname)
		return NULL;
	n = strlen(modname) + strlen(name) + 2;
	if (!(full = malloc(n)))
		return PyErr_NoMemory();
	snprintf(full, n, "%s.%s", modname, name);
	spec.name = full;
	return PyType_FromModuleAndSpec(module, &spec, NULL);
}

/* Adds obj to module as name; does not steal the caller's reference. */
static int add_ref(PyObject *module, const char *name, PyObject *obj)
{
	Py_INCREF(obj);
	if (PyModule_AddObject(module, name, obj) < 0) {
		Py_DECREF(obj);
		return -1;
	}
	return 0;
}

int gopy_dyn_init(PyObject *module)
{
	gopy_state *st = PyModule_GetState(module);

	if (!st)
		return -1;
	st->GoValue = new_class(module, "GoValue", Py_TPFLAGS_DEFAULT, go_value_slots);
	if (!st->GoValue)
		return -1;
	st->Ref = new_class(module, "Ref", Py_TPFLAGS_DEFAULT, ref_slots);
	if (!st->Ref)
		return -1;
	st->Interface = new_class(module, "Interface",
				  Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, iface_slots);
	if (!st->Interface)
		return -1;
	if (add_ref(module, "GoValue", st->GoValue) < 0 ||
	    add_ref(module, "Ref", st->Ref) < 0)
		return -1;
	return 0;
}

/* The class dict of an interface class: its module, doc, no instance
 * dict, the methods (descriptors of the base, whose instances they take)
 * and _gopy_methods, their names. */
static PyObject *iface_dict(const char *qualname, PyObject *base, const char *doc,
			    PyMethodDef *methods)
{
	PyObject *dict = PyDict_New(), *names = PyList_New(0), *x;
	const char *dot = strrchr(qualname, '.');
	PyMethodDef *m;
	int r = -1;

	if (!dict || !names)
		goto done;
	/* "mod.Name" or "mod.sub.Name": its module is what precedes Name. */
	x = PyUnicode_FromStringAndSize(qualname, dot ? (Py_ssize_t)(dot - qualname) : 0);
	if (!x || PyDict_SetItemString(dict, "__module__", x) < 0)
		goto done_x;
	Py_DECREF(x);
	x = doc ? PyUnicode_FromString(doc) : Py_None;
	if (!doc)
		Py_INCREF(x);
	if (!x || PyDict_SetItemString(dict, "__doc__", x) < 0)
		goto done_x;
	Py_DECREF(x);
	x = PyTuple_New(0);
	if (!x || PyDict_SetItemString(dict, "__slots__", x) < 0)
		goto done_x;
	Py_DECREF(x);
	for (m = methods; m && m->ml_name; m++) {
		x = PyDescr_NewMethod((PyTypeObject *)base, m);
		if (!x || PyDict_SetItemString(dict, m->ml_name, x) < 0)
			goto done_x;
		Py_DECREF(x);
		x = PyUnicode_FromString(m->ml_name);
		if (!x || PyList_Append(names, x) < 0)
			goto done_x;
		Py_DECREF(x);
	}
	x = PyList_AsTuple(names);
	if (!x || PyDict_SetItemString(dict, "_gopy_methods", x) < 0)
		goto done_x;
	r = 0;
done_x:
	Py_XDECREF(x);
done:
	Py_XDECREF(names);
	if (r < 0)
		Py_CLEAR(dict);
	return dict;
}

/*
 * The methods again, as descriptors of cls itself rather than of the base
 * the class dict had to name before cls existed: CPython's specialized
 * call of a method descriptor (3.11's PRECALL_METHOD_DESCRIPTOR_FAST*)
 * wants self's exact type to be the descriptor's, and otherwise takes
 * the generic call with a subtype check, every time.
 */
static int own_methods(PyObject *cls, PyMethodDef *methods)
{
	for (PyMethodDef *m = methods; m && m->ml_name; m++) {
		PyObject *d = PyDescr_NewMethod((PyTypeObject *)cls, m);
		int r = d ? PyObject_SetAttrString(cls, m->ml_name, d) : -1;

		Py_XDECREF(d);
		if (r < 0)
			return -1;
	}
	return 0;
}

int gopy_add_iface_class(PyObject *module, int idx, const char *qualname,
			 const char *doc, PyMethodDef *methods)
{
	gopy_state *st = PyModule_GetState(module);
	const char *dot = strrchr(qualname, '.'), *name = dot ? dot + 1 : qualname;
	PyObject *abc, *meta = NULL, *dict = NULL, *cls = NULL;

	if (!st || idx < 0 || idx >= st->nclasses || st->classes[idx] || !st->Interface) {
		if (!PyErr_Occurred())
			PyErr_Format(PyExc_SystemError,
				     "gopy: cannot add interface class %d (%s) to the module state",
				     idx, qualname);
		return -1;
	}
	if ((abc = PyImport_ImportModule("abc"))) {
		meta = PyObject_GetAttrString(abc, "ABCMeta");
		Py_DECREF(abc);
	}
	if (meta)
		dict = iface_dict(qualname, st->Interface, doc, methods);
	if (dict)
		cls = PyObject_CallFunction(meta, "s(O)O", name, st->Interface, dict);
	Py_XDECREF(meta);
	Py_XDECREF(dict);
	if (!cls || own_methods(cls, methods) < 0) {
		Py_XDECREF(cls);
		return -1;
	}
#if !defined(PYPY_VERSION)
	/* Made by its metaclass, the class has no module of its own: give it
	 * this one, as a spec's class has, so that its methods find the
	 * module at the first step of their MRO walk (gopy_module_of). The
	 * type's dealloc drops the reference. */
	if (PyType_HasFeature((PyTypeObject *)cls, Py_TPFLAGS_HEAPTYPE) &&
	    !((PyHeapTypeObject *)cls)->ht_module) {
		Py_INCREF(module);
		((PyHeapTypeObject *)cls)->ht_module = module;
	}
#endif
	st->classes[idx] = cls; /* the state owns the class */
	return gopy_place(module, qualname, cls);
}

int gopy_iface_register(PyObject *module, int iface_idx, int cls_idx)
{
	PyTypeObject *iface = gopy_class(module, iface_idx);
	PyTypeObject *cls = iface ? gopy_class(module, cls_idx) : NULL;
	PyObject *r;

	if (!cls)
		return -1;
	r = PyObject_CallMethod((PyObject *)iface, "register", "O", (PyObject *)cls);
	Py_XDECREF(r);
	return r ? 0 : -1;
}
