/*
 * gopy_rt.c: the CPython side of the gopy runtime. See gopy_rt.h for the
 * interface, the calling pattern and the exact error messages.
 *
 * Only long-standing public C-API is used so that the same file compiles
 * against CPython 3.9+ and PyPy3's cpyext. Where a newer CPython deprecates
 * an older call, a small shim picks the right one at compile time.
 */
#include "gopy_rt.h"
#include "gopy_rt_priv.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(GoInt64) == sizeof(long long), "GoInt64 is long long");
_Static_assert(sizeof(GoInt) <= sizeof(long long), "GoInt fits long long");
_Static_assert(sizeof(GoUintptr) <= sizeof(unsigned long long), "GoUintptr fits");
_Static_assert(sizeof(GoComplex64) == 2 * sizeof(float), "complex64 is float[2]");
_Static_assert(sizeof(GoComplex128) == 2 * sizeof(double), "complex128 is double[2]");

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

/*
 * The Go type named in messages: while an element is being converted, the
 * element's; else the one the generator recorded for the parameter (it may
 * be a named type such as "pkg.Celsius"); else the kind. The receiver
 * (idx -1) has no recorded type.
 */
static const char *go_type_of(const gopy_frame *f, int idx, const char *kind)
{
	const gopy_sig *sig = f->sig;

	if (f->path)
		return f->path->gotype ? f->path->gotype : kind;
	if (sig && sig->gotypes && idx >= 0 && sig->gotypes[idx])
		return sig->gotypes[idx];
	return kind;
}

void gopy_frame_push(gopy_frame *f, gopy_path *node, Py_ssize_t index, PyObject *key,
		     int is_key, const char *gotype)
{
	*node = (gopy_path){f->path, index, key, is_key, gotype};
	f->path = node;
}

void gopy_frame_pop(gopy_frame *f)
{
	if (f->path)
		f->path = f->path->up;
}

/* Appends the element path from p outwards to subject (stolen), outermost
 * first: "[2]", "['a']", " key 3". */
static PyObject *add_path(const gopy_path *p, PyObject *subject)
{
	PyObject *s;

	if (!p || !subject)
		return subject;
	if (!(subject = add_path(p->up, subject)))
		return NULL;
	if (p->key && p->is_key)
		s = PyUnicode_FromFormat("%U key %R", subject, p->key);
	else if (p->key)
		s = PyUnicode_FromFormat("%U[%R]", subject, p->key);
	else
		s = PyUnicode_FromFormat("%U[%zd]", subject, p->index);
	Py_DECREF(subject);
	return s;
}

/*
 * The one place that spells the subject of a conversion error:
 * "F() argument 'a'" (GOPY_SIG_CALL, GOPY_SIG_NEW), "T.M() argument 'self'"
 * for the receiver (idx -1), "pkg.T field 'X'" (GOPY_SIG_FIELD),
 * "variable pkg.V" (GOPY_SIG_VAR), "[]int element" (GOPY_SIG_ELEM), each
 * followed by the element path ("[2]", "['a']") while an element of a
 * container is being converted. A frame without a signature (a conversion
 * outside a call) says "value".
 */
PyObject *gopy_priv_subject(const gopy_frame *f, int idx)
{
	const gopy_sig *sig = f->sig;
	const char *param;
	PyObject *subject;

	if (!sig)
		return add_path(f->path, PyUnicode_FromString("value"));
	param = idx < 0 ? "self" : sig->params[idx];
	if (sig->kind == GOPY_SIG_FIELD)
		subject = PyUnicode_FromFormat("%s field '%s'", sig->name, param);
	else if (sig->kind == GOPY_SIG_VAR)
		subject = PyUnicode_FromFormat("variable %s.%s", sig->name, param);
	else if (sig->kind == GOPY_SIG_ELEM)
		subject = PyUnicode_FromFormat("%s %s", sig->name, param);
	else
		subject = PyUnicode_FromFormat("%s() argument '%s'", sig->name, param);
	return add_path(f->path, subject);
}

/*
 * Whether t is an interface class (gopy_dyn.h): made by abc.ABCMeta, so
 * without a module of its own, directly over a module's interface base.
 */
static int is_interface_class(PyTypeObject *t)
{
	PyTypeObject *b = t->tp_base;
	PyObject *m;
	gopy_state *st;

	if (!b || !(b->tp_flags & Py_TPFLAGS_HEAPTYPE))
		return 0;
	m = ((PyHeapTypeObject *)b)->ht_module;
	st = m && PyModule_Check(m) ? PyModule_GetState(m) : NULL;
	return st && st->Interface == (PyObject *)b;
}

PyObject *gopy_priv_type_name(PyTypeObject *t)
{
	PyObject *mod, *name;

	if (strchr(t->tp_name, '.') || !(t->tp_flags & Py_TPFLAGS_HEAPTYPE) ||
	    (!((PyHeapTypeObject *)t)->ht_module && !is_interface_class(t)))
		return PyUnicode_FromString(t->tp_name);
	/* PyPy: a class from PyType_FromModuleAndSpec named without its
	 * module; an interface class, made by ABCMeta, everywhere */
	if (!(mod = PyObject_GetAttrString((PyObject *)t, "__module__")))
		return NULL;
	name = PyUnicode_FromFormat("%S.%s", mod, t->tp_name);
	Py_DECREF(mod);
	return name;
}

/* Raises exc with "<subject> <fmt...>". Always returns -1. */
int gopy_priv_arg_error(const gopy_frame *f, int idx, PyObject *exc,
			const char *fmt, ...)
{
	PyObject *subject, *detail;
	va_list ap;

	subject = gopy_priv_subject(f, idx);
	if (!subject)
		return -1;
	va_start(ap, fmt);
	detail = PyUnicode_FromFormatV(fmt, ap);
	va_end(ap);
	if (detail)
		PyErr_Format(exc, "%U %U", subject, detail);
	Py_DECREF(subject);
	Py_XDECREF(detail);
	return -1;
}

/* TypeError: "F() argument 'a' must be int (Go int8), not float". */
static int type_error(const gopy_frame *f, int idx, PyObject *o,
		      const char *pykind, const char *kind)
{
	return gopy_priv_arg_error(f, idx, PyExc_TypeError,
				   "must be %s (Go %s), not %.200s", pykind,
				   go_type_of(f, idx, kind), Py_TYPE(o)->tp_name);
}

/*
 * The repr of a number as its builtin type prints it: "1000", not the
 * "pkg.Level(1000)" of a named type's class.
 */
static PyObject *plain_repr(PyObject *value)
{
	if (PyLong_Check(value))
		return PyLong_Type.tp_repr(value);
	if (PyFloat_Check(value))
		return PyFloat_Type.tp_repr(value);
	if (PyComplex_Check(value))
		return PyComplex_Type.tp_repr(value);
	return PyObject_Repr(value);
}

/*
 * OverflowError: "F() argument 'a' out of range for Go int8: 300"; for a
 * named type the kind, which sets the range, follows the name:
 * "... out of range for Go pkg.Level (int8): 300".
 * Expects no exception to be set. repr() itself can fail (CPython refuses
 * to print ints of more than 4300 digits); the message then says so.
 */
static int range_error(const gopy_frame *f, int idx, PyObject *value,
		       const char *kind)
{
	PyObject *repr = plain_repr(value);
	const char *gotype;
	int r;

	if (!repr) {
		PyErr_Clear();
		repr = PyUnicode_FromFormat("<%.200s too large to print>",
					    Py_TYPE(value)->tp_name);
		if (!repr)
			return -1;
	}
	gotype = go_type_of(f, idx, kind);
	if (strcmp(gotype, kind) == 0)
		r = gopy_priv_arg_error(f, idx, PyExc_OverflowError,
					"out of range for Go %s: %U", kind, repr);
	else
		r = gopy_priv_arg_error(f, idx, PyExc_OverflowError,
					"out of range for Go %s (%s): %U",
					gotype, kind, repr);
	Py_DECREF(repr);
	return r;
}

/* Replaces a pending OverflowError with range_error; keeps other errors. */
static int overflow_to_range_error(const gopy_frame *f, int idx,
				   PyObject *value, const char *kind)
{
	if (!PyErr_ExceptionMatches(PyExc_OverflowError))
		return -1;
	PyErr_Clear();
	return range_error(f, idx, value, kind);
}

/* Does o's type define the special method name (e.g. "__float__")? */
static int type_has(PyObject *o, const char *name)
{
	return PyObject_HasAttrString((PyObject *)Py_TYPE(o), name);
}

/* ------------------------------------------------------------------ */
/* Frames                                                              */
/* ------------------------------------------------------------------ */

/* A gopy_frame_alloc block; data is aligned for any C type. */
typedef struct frame_block {
	struct frame_block *next;
	max_align_t data[];
} frame_block;

int gopy_frame_keep(gopy_frame *f, PyObject *owned)
{
	int r;

	if (f->nkeep < GOPY_FRAME_KEEP) {
		f->keep[f->nkeep++] = owned;
		return 0;
	}
	/* Rare: more than GOPY_FRAME_KEEP objects; spill into a list. */
	if (!f->more && !(f->more = PyList_New(0))) {
		Py_DECREF(owned);
		return -1;
	}
	r = PyList_Append(f->more, owned);
	Py_DECREF(owned);
	return r;
}

void *gopy_frame_alloc(gopy_frame *f, size_t size)
{
	frame_block *b;

	if (size > SIZE_MAX - sizeof(frame_block)) {
		PyErr_NoMemory();
		return NULL;
	}
	/* Plain calloc: Go reads the block while the GIL is released. */
	b = calloc(1, sizeof(frame_block) + size);
	if (!b) {
		PyErr_NoMemory();
		return NULL;
	}
	b->next = f->mem;
	f->mem = b;
	return b->data;
}

void gopy_frame_release_slow(gopy_frame *f)
{
	frame_block *b = f->mem;

	while (f->nkeep > 0) {
		f->nkeep--;
		Py_CLEAR(f->keep[f->nkeep]);
	}
	Py_CLEAR(f->more);
	while (b) {
		frame_block *next = b->next;
		free(b);
		b = next;
	}
	f->mem = NULL;
	f->path = NULL;
}

/* ------------------------------------------------------------------ */
/* Argument binding                                                    */
/* ------------------------------------------------------------------ */

/* Index of the fixed parameter whose name equals the str key, or -1. */
static int find_param(const gopy_sig *sig, PyObject *key)
{
	Py_ssize_t len;
	const char *s;
	int j;

	/* Compare as UTF-8: Go identifiers need not be ASCII. */
	s = PyUnicode_AsUTF8AndSize(key, &len);
	if (!s) {
		PyErr_Clear(); /* not a valid name, so not one of ours */
		return -1;
	}
	for (j = 0; j < sig->nparams; j++) {
		const char *p = sig->params[j];
		if (strlen(p) == (size_t)len && memcmp(p, s, (size_t)len) == 0)
			return j;
	}
	return -1;
}

/*
 * The matching rules shared by gopy_bind_args and gopy_bind_new, one step
 * each: positional arguments, one keyword argument, required parameters.
 */

/*
 * Copies the first min(nargs, nparams) arguments into argv and sets the
 * other parameters to NULL. Extra arguments go to *va and *nva when the
 * signature is variadic and va is given; otherwise they are an error.
 */
int gopy_priv_bind_positional(const gopy_sig *sig, PyObject *const *args,
			   Py_ssize_t nargs, PyObject **argv,
			   PyObject *const **va, Py_ssize_t *nva)
{
	Py_ssize_t np = sig->nparams;
	Py_ssize_t npos = nargs < np ? nargs : np;
	Py_ssize_t i;

	if (va) {
		*va = NULL;
		*nva = 0;
	}
	if (nargs > np) {
		if (!sig->variadic || !va) {
			PyErr_Format(PyExc_TypeError,
				     "%s() takes %zd positional argument%s but %zd %s given",
				     sig->name, np, np == 1 ? "" : "s", nargs,
				     nargs == 1 ? "was" : "were");
			return -1;
		}
		*va = args + np;
		*nva = nargs - np;
	}
	if (npos > 0)
		memcpy(argv, args, (size_t)npos * sizeof *argv);
	for (i = npos; i < np; i++)
		argv[i] = NULL;
	return 0;
}

/* Binds one keyword argument by name (never to the variadic parameter). */
int gopy_priv_bind_keyword(const gopy_sig *sig, PyObject **argv, PyObject *key,
			PyObject *value)
{
	int j = find_param(sig, key);

	if (j < 0) {
		PyErr_Format(PyExc_TypeError,
			     "%s() got an unexpected keyword argument %R",
			     sig->name, key);
		return -1;
	}
	if (argv[j]) {
		PyErr_Format(PyExc_TypeError,
			     "%s() got multiple values for argument '%s'",
			     sig->name, sig->params[j]);
		return -1;
	}
	argv[j] = value;
	return 0;
}

/* Every parameter from index `from` on must have been given. */
int gopy_priv_bind_required(const gopy_sig *sig, PyObject **argv, Py_ssize_t from)
{
	Py_ssize_t i;

	for (i = from; i < sig->nparams; i++) {
		if (!argv[i]) {
			PyErr_Format(PyExc_TypeError,
				     "%s() missing required argument '%s' (Go %s)",
				     sig->name, sig->params[i],
				     sig->gotypes ? sig->gotypes[i] : "?");
			return -1;
		}
	}
	return 0;
}

int gopy_bind_args_slow(gopy_frame *f, PyObject *const *args, Py_ssize_t nargs,
			PyObject *kwnames, PyObject **argv,
			PyObject *const **va, Py_ssize_t *nva)
{
	const gopy_sig *sig = f->sig;
	Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
	Py_ssize_t i;

	if (gopy_priv_bind_positional(sig, args, nargs, argv, va, nva) < 0)
		return -1;
	if (nargs >= sig->nparams && nkw == 0)
		return 0; /* the common case: everything positional */
	/* Keyword arguments: vectorcall puts their values after args[nargs). */
	for (i = 0; i < nkw; i++)
		if (gopy_priv_bind_keyword(sig, argv, PyTuple_GET_ITEM(kwnames, i),
				 args[nargs + i]) < 0)
			return -1;
	return gopy_priv_bind_required(sig, argv, nargs);
}

int gopy_bind_new(gopy_frame *f, PyObject *args, PyObject *kwargs, PyObject **argv)
{
	const gopy_sig *sig = f->sig;
	PyObject *key, *value;
	Py_ssize_t pos = 0;

	/* args is NULL when a subclass's own __init__ takes the arguments. */
	if (gopy_priv_bind_positional(sig, args ? PySequence_Fast_ITEMS(args) : NULL,
			    args ? PyTuple_GET_SIZE(args) : 0, argv, NULL, NULL) < 0)
		return -1;
	if (kwargs)
		while (PyDict_Next(kwargs, &pos, &key, &value))
			if (gopy_priv_bind_keyword(sig, argv, key, value) < 0)
				return -1;
	return 0; /* every field is optional */
}

/* ------------------------------------------------------------------ */
/* Python -> C: integers                                               */
/* ------------------------------------------------------------------ */

/* Largest and smallest values of a C integer type that is `size` bytes. */
#define SIGNED_MAX(size) ((long long)((1ULL << ((size) * CHAR_BIT - 1)) - 1))
#define SIGNED_MIN(size) (-SIGNED_MAX(size) - 1)
#define UNSIGNED_MAX(size) (ULLONG_MAX >> ((sizeof(long long) - (size)) * CHAR_BIT))

/*
 * o as a Python int (new reference): an int (bool included) as is, or the
 * result of __index__. Floats, str, None... are a TypeError naming the
 * parameter.
 */
static PyObject *as_int(const gopy_frame *f, int idx, PyObject *o,
			const char *kind)
{
	PyObject *n;

	if (PyLong_Check(o)) {
		Py_INCREF(o);
		return o;
	}
	if (!PyIndex_Check(o)) {
		type_error(f, idx, o, "int", kind);
		return NULL;
	}
	n = PyNumber_Index(o);
	/* __index__ may refuse (a numpy array of more than one element). */
	if (!n && PyErr_ExceptionMatches(PyExc_TypeError)) {
		PyErr_Clear();
		type_error(f, idx, o, "int", kind);
	}
	return n;
}

/*
 * Stores the low `size` bytes' worth of bits into the Go integer at out.
 * memcpy from a fixed-width local avoids aliasing GoInt64 (long long) as
 * int64_t (long). Callers have checked that the value fits.
 */
static void store_int(void *out, size_t size, unsigned long long bits)
{
	uint8_t v8 = (uint8_t)bits;
	uint16_t v16 = (uint16_t)bits;
	uint32_t v32 = (uint32_t)bits;

	switch (size) {
	case 1: memcpy(out, &v8, 1); break;
	case 2: memcpy(out, &v16, 2); break;
	case 4: memcpy(out, &v32, 4); break;
	default: memcpy(out, &bits, 8); break;
	}
}

/*
 * The value of an exact int that CPython stores in a single digit (at
 * most 30 bits), read in place: the integer arguments of most calls. 0
 * when o is anything else (PyPy and older CPythons always say 0), and
 * the callers take the general path.
 */
static inline int compact_int(PyObject *o, long long *v)
{
#if defined(PYPY_VERSION) || PY_VERSION_HEX < 0x030B0000
	(void)o;
	(void)v;
	return 0;
#elif PY_VERSION_HEX >= 0x030C0000
	if (!PyLong_CheckExact(o) || !PyUnstable_Long_IsCompact((PyLongObject *)o))
		return 0;
	*v = (long long)PyUnstable_Long_CompactValue((PyLongObject *)o);
	return 1;
#else
	Py_ssize_t size;

	if (!PyLong_CheckExact(o))
		return 0;
	size = Py_SIZE(o);
	if (size < -1 || size > 1)
		return 0;
	*v = size * (long long)((PyLongObject *)o)->ob_digit[0];
	return 1;
#endif
}

/* to_signed for everything but a small int. */
static int to_signed_general(const gopy_frame *f, int idx, PyObject *o, void *out,
			     size_t size, const char *kind)
{
	PyObject *n;
	long long v;
	int overflow;

	/* A plain int in range, without new references. */
	if (PyLong_CheckExact(o)) {
		v = PyLong_AsLongLongAndOverflow(o, &overflow);
		if (!overflow && v >= SIGNED_MIN(size) && v <= SIGNED_MAX(size)) {
			store_int(out, size, (unsigned long long)v);
			return 0;
		}
	}
	if (!(n = as_int(f, idx, o, kind)))
		return -1;
	v = PyLong_AsLongLongAndOverflow(n, &overflow);
	if (v == -1 && PyErr_Occurred()) {
		Py_DECREF(n);
		return -1;
	}
	if (overflow || v < SIGNED_MIN(size) || v > SIGNED_MAX(size)) {
		range_error(f, idx, n, kind);
		Py_DECREF(n);
		return -1;
	}
	Py_DECREF(n);
	store_int(out, size, (unsigned long long)v);
	return 0;
}

/* to_unsigned for everything but a small int. */
static int to_unsigned_general(const gopy_frame *f, int idx, PyObject *o, void *out,
			       size_t size, const char *kind)
{
	PyObject *n;
	unsigned long long v;

	if (!(n = as_int(f, idx, o, kind)))
		return -1;
	/* Raises OverflowError for negative values and for > ULLONG_MAX. */
	v = PyLong_AsUnsignedLongLong(n);
	if (v == (unsigned long long)-1 && PyErr_Occurred()) {
		overflow_to_range_error(f, idx, n, kind);
		Py_DECREF(n);
		return -1;
	}
	if (v > UNSIGNED_MAX(size)) {
		range_error(f, idx, n, kind);
		Py_DECREF(n);
		return -1;
	}
	Py_DECREF(n);
	store_int(out, size, v);
	return 0;
}

/*
 * Converts o to a signed Go integer of `size` bytes; never wraps. Inline,
 * so that each sized converter below checks a small int in a few
 * instructions, with its own constant bounds.
 */
static inline int to_signed(const gopy_frame *f, int idx, PyObject *o, void *out,
			    size_t size, const char *kind)
{
	long long v;

	if (compact_int(o, &v) && v >= SIGNED_MIN(size) && v <= SIGNED_MAX(size)) {
		store_int(out, size, (unsigned long long)v);
		return 0;
	}
	return to_signed_general(f, idx, o, out, size, kind);
}

/* Converts o to an unsigned Go integer of `size` bytes; negative fails. */
static inline int to_unsigned(const gopy_frame *f, int idx, PyObject *o, void *out,
			      size_t size, const char *kind)
{
	long long v;

	if (compact_int(o, &v) && v >= 0 && (unsigned long long)v <= UNSIGNED_MAX(size)) {
		store_int(out, size, (unsigned long long)v);
		return 0;
	}
	return to_unsigned_general(f, idx, o, out, size, kind);
}

int gopy_to_int(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_signed(f, idx, o, out, sizeof(GoInt), "int");
}

int gopy_to_int8(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_signed(f, idx, o, out, sizeof(GoInt8), "int8");
}

int gopy_to_int16(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_signed(f, idx, o, out, sizeof(GoInt16), "int16");
}

int gopy_to_int32(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_signed(f, idx, o, out, sizeof(GoInt32), "int32");
}

int gopy_to_int64(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_signed(f, idx, o, out, sizeof(GoInt64), "int64");
}

int gopy_to_uint(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_unsigned(f, idx, o, out, sizeof(GoUint), "uint");
}

int gopy_to_uint8(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_unsigned(f, idx, o, out, sizeof(GoUint8), "uint8");
}

int gopy_to_uint16(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_unsigned(f, idx, o, out, sizeof(GoUint16), "uint16");
}

int gopy_to_uint32(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_unsigned(f, idx, o, out, sizeof(GoUint32), "uint32");
}

int gopy_to_uint64(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_unsigned(f, idx, o, out, sizeof(GoUint64), "uint64");
}

int gopy_to_uintptr(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_unsigned(f, idx, o, out, sizeof(GoUintptr), "uintptr");
}

/* ------------------------------------------------------------------ */
/* Python -> C: bool, floats, complex                                  */
/* ------------------------------------------------------------------ */

int gopy_to_bool(gopy_frame *f, int idx, PyObject *o, void *out)
{
	/* Strict: 0, 1, None or "" are not Go bools. */
	if (!PyBool_Check(o))
		return type_error(f, idx, o, "bool", "bool");
	*(GoUint8 *)out = o == Py_True;
	return 0;
}

int gopy_to_named_bool(gopy_frame *f, int idx, PyObject *o, void *out)
{
	long v;

	if (PyBool_Check(o))
		return gopy_to_bool(f, idx, o, out);
	/*
	 * bool cannot be subclassed, so a named bool type's class subclasses
	 * int; its instances (never a plain int) are accepted when 0 or 1.
	 */
	if (!PyLong_Check(o) || PyLong_CheckExact(o))
		return type_error(f, idx, o, "bool", "bool");
	v = PyLong_AsLong(o);
	if (v == -1 && PyErr_Occurred()) {
		if (!PyErr_ExceptionMatches(PyExc_OverflowError))
			return -1;
		PyErr_Clear();
	}
	if (v != 0 && v != 1)
		return range_error(f, idx, o, "bool");
	*(GoUint8 *)out = (GoUint8)v;
	return 0;
}

/*
 * The smallest magnitude that rounds (to nearest, ties to even) past
 * FLT_MAX to float infinity: FLT_MAX plus half an ulp.
 */
#define FLOAT32_OVERFLOW 0x1.ffffffp+127

/*
 * Narrows d to float as Go's float32(d) does, except that a finite d that
 * would become infinite is an error (-1). inf and nan pass through.
 */
static int narrow_float32(double d, float *r)
{
	if (isfinite(d) && (d > FLT_MAX || d < -FLT_MAX)) {
		if (d >= FLOAT32_OVERFLOW || d <= -FLOAT32_OVERFLOW)
			return -1;
		/* Rounds to +-FLT_MAX; say so rather than cast out of range. */
		*r = d > 0 ? FLT_MAX : -FLT_MAX;
		return 0;
	}
	*r = (float)d;
	return 0;
}

/* Accepts float, int, and objects with __float__ or __index__. */
static int to_double(const gopy_frame *f, int idx, PyObject *o, double *d,
		     const char *kind)
{
	if (!PyFloat_Check(o) && !PyLong_Check(o)) {
		/* complex had a __float__ that always raised before 3.10. */
		if (PyComplex_Check(o) ||
		    !(PyIndex_Check(o) || type_has(o, "__float__")))
			return type_error(f, idx, o, "float", kind);
	}
	*d = PyFloat_AsDouble(o);
	if (*d == -1.0 && PyErr_Occurred()) {
		/* __float__ may refuse (a numpy array of more than one element). */
		if (PyErr_ExceptionMatches(PyExc_TypeError)) {
			PyErr_Clear();
			return type_error(f, idx, o, "float", kind);
		}
		return overflow_to_range_error(f, idx, o, kind); /* an int past DBL_MAX */
	}
	return 0;
}

int gopy_to_float64(gopy_frame *f, int idx, PyObject *o, void *out)
{
	double d;

	if (to_double(f, idx, o, &d, "float64") < 0)
		return -1;
	*(GoFloat64 *)out = d;
	return 0;
}

int gopy_to_float32(gopy_frame *f, int idx, PyObject *o, void *out)
{
	double d;
	float r;

	if (to_double(f, idx, o, &d, "float32") < 0)
		return -1;
	if (narrow_float32(d, &r) < 0) {
		PyObject *v = PyFloat_FromDouble(d);
		if (v) {
			range_error(f, idx, v, "float32");
			Py_DECREF(v);
		}
		return -1;
	}
	*(GoFloat32 *)out = r;
	return 0;
}

/* Accepts complex, float, int, and __complex__, __float__ or __index__. */
static int to_ccomplex(const gopy_frame *f, int idx, PyObject *o,
		       Py_complex *c, const char *kind)
{
	if (!PyComplex_Check(o) && !PyFloat_Check(o) && !PyLong_Check(o) &&
	    !PyIndex_Check(o) && !type_has(o, "__complex__") &&
	    !type_has(o, "__float__"))
		return type_error(f, idx, o, "complex", kind);
	*c = PyComplex_AsCComplex(o);
	if (c->real == -1.0 && PyErr_Occurred())
		return overflow_to_range_error(f, idx, o, kind);
	return 0;
}

/* C11: a complex type has the representation of an array of two reals. */
int gopy_to_complex128(gopy_frame *f, int idx, PyObject *o, void *out)
{
	Py_complex c;
	double parts[2];

	if (to_ccomplex(f, idx, o, &c, "complex128") < 0)
		return -1;
	parts[0] = c.real;
	parts[1] = c.imag;
	memcpy(out, parts, sizeof parts);
	return 0;
}

int gopy_to_complex64(gopy_frame *f, int idx, PyObject *o, void *out)
{
	Py_complex c;
	float parts[2];

	if (to_ccomplex(f, idx, o, &c, "complex64") < 0)
		return -1;
	if (narrow_float32(c.real, &parts[0]) < 0 ||
	    narrow_float32(c.imag, &parts[1]) < 0) {
		PyObject *v = PyComplex_FromCComplex(c);
		if (v) {
			range_error(f, idx, v, "complex64");
			Py_DECREF(v);
		}
		return -1;
	}
	memcpy(out, parts, sizeof parts);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Python -> C: strings                                                */
/* ------------------------------------------------------------------ */

/* Takes the pending exception, normalized, and clears it (new reference). */
static PyObject *take_exception(void)
{
#if PY_VERSION_HEX >= 0x030C0000
	return PyErr_GetRaisedException();
#else
	PyObject *type, *value, *tb;

	/* The traceback is dropped: callers only read the exception. */
	PyErr_Fetch(&type, &value, &tb);
	PyErr_NormalizeException(&type, &value, &tb);
	Py_XDECREF(type);
	Py_XDECREF(tb);
	return value;
#endif
}

/*
 * With a UnicodeEncodeError pending for str o, raises it again with the
 * parameter added to the reason:
 *   'utf-8' codec can't encode character '\ud800' in position 0:
 *   surrogates not allowed (Concat() argument 'a', Go string)
 * Returns -1.
 */
static int string_encode_error(const gopy_frame *f, int idx, PyObject *o)
{
	PyObject *exc = take_exception();
	PyObject *start = NULL, *end = NULL, *reason = NULL, *subject = NULL;
	PyObject *why = NULL, *err = NULL;

	if (exc) {
		start = PyObject_GetAttrString(exc, "start");
		end = start ? PyObject_GetAttrString(exc, "end") : NULL;
		reason = end ? PyObject_GetAttrString(exc, "reason") : NULL;
	}
	if (!reason) {
		/* Not the UnicodeEncodeError we expected; say what we know. */
		PyErr_Clear();
		gopy_priv_arg_error(f, idx, PyExc_ValueError,
				    "cannot be encoded as UTF-8 for Go %s",
				    go_type_of(f, idx, "string"));
		goto done;
	}
	subject = gopy_priv_subject(f, idx);
	if (subject)
		why = PyUnicode_FromFormat("%S (%U, Go %s)", reason, subject,
					   go_type_of(f, idx, "string"));
	if (why)
		err = PyObject_CallFunction(PyExc_UnicodeEncodeError, "sOOOO",
					    "utf-8", o, start, end, why);
	if (err)
		PyErr_SetObject((PyObject *)Py_TYPE(err), err);
done:
	Py_XDECREF(exc);
	Py_XDECREF(start);
	Py_XDECREF(end);
	Py_XDECREF(reason);
	Py_XDECREF(subject);
	Py_XDECREF(why);
	Py_XDECREF(err);
	return -1;
}

int gopy_to_string(gopy_frame *f, int idx, PyObject *o, void *out)
{
	GoString *s = out;
	const char *p;
	Py_ssize_t n;
	PyObject *b;

	if (!PyUnicode_Check(o))
		return type_error(f, idx, o, "str", "string");

	/* Fast path: the str's own cached UTF-8; the caller keeps o alive. */
	p = PyUnicode_AsUTF8AndSize(o, &n);
	if (p) {
		s->p = p;
		s->n = n;
		return 0;
	}
	if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
		return -1;
	PyErr_Clear();

	/*
	 * Lone surrogates: a str decoded from invalid UTF-8 with
	 * surrogateescape (as gopy_from_str does) encodes back to the
	 * original bytes, so Go strings round-trip through Python.
	 */
	b = PyUnicode_AsEncodedString(o, "utf-8", "surrogateescape");
	if (!b) {
		if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
			return string_encode_error(f, idx, o);
		return -1;
	}
	s->p = PyBytes_AS_STRING(b);
	s->n = PyBytes_GET_SIZE(b);
	return gopy_frame_keep(f, b);
}

int gopy_to_varargs(gopy_frame *f, int idx, PyObject *const *items,
		    Py_ssize_t n, size_t elemsize, gopy_conv_fn conv, void **buf)
{
	char *p;
	Py_ssize_t i;

	*buf = NULL;
	if (n <= 0)
		return 0;
	if (elemsize > SIZE_MAX / (size_t)n) {
		PyErr_NoMemory();
		return -1;
	}
	p = gopy_frame_alloc(f, (size_t)n * elemsize);
	if (!p)
		return -1;
	for (i = 0; i < n; i++) {
		gopy_path node; /* messages say 'nums'[i] */
		int r;

		gopy_frame_push(f, &node, i, NULL, 0, go_type_of(f, idx, NULL));
		r = conv(f, idx, items[i], p + (size_t)i * elemsize);
		gopy_frame_pop(f);
		if (r < 0)
			return -1;
	}
	*buf = p;
	return 0;
}

/* ------------------------------------------------------------------ */
/* C -> Python                                                         */
/* ------------------------------------------------------------------ */

PyObject *gopy_from_bool(GoUint8 v) { return PyBool_FromLong(v != 0); }
PyObject *gopy_from_int(GoInt v) { return PyLong_FromLongLong(v); }
PyObject *gopy_from_int8(GoInt8 v) { return PyLong_FromLong(v); }
PyObject *gopy_from_int16(GoInt16 v) { return PyLong_FromLong(v); }
PyObject *gopy_from_int32(GoInt32 v) { return PyLong_FromLong(v); }
PyObject *gopy_from_int64(GoInt64 v) { return PyLong_FromLongLong(v); }
PyObject *gopy_from_uint(GoUint v) { return PyLong_FromUnsignedLongLong(v); }
PyObject *gopy_from_uint8(GoUint8 v) { return PyLong_FromLong(v); }
PyObject *gopy_from_uint16(GoUint16 v) { return PyLong_FromLong(v); }
PyObject *gopy_from_uint32(GoUint32 v) { return PyLong_FromUnsignedLong(v); }
PyObject *gopy_from_uint64(GoUint64 v) { return PyLong_FromUnsignedLongLong(v); }
PyObject *gopy_from_uintptr(GoUintptr v) { return PyLong_FromSize_t(v); }
PyObject *gopy_from_float32(GoFloat32 v) { return PyFloat_FromDouble(v); }
PyObject *gopy_from_float64(GoFloat64 v) { return PyFloat_FromDouble(v); }

PyObject *gopy_from_complex64(GoComplex64 v)
{
	float parts[2];

	memcpy(parts, &v, sizeof parts);
	return PyComplex_FromDoubles(parts[0], parts[1]);
}

PyObject *gopy_from_complex128(GoComplex128 v)
{
	double parts[2];

	memcpy(parts, &v, sizeof parts);
	return PyComplex_FromDoubles(parts[0], parts[1]);
}

PyObject *gopy_from_str(gopy_str s)
{
	PyObject *r;

	if (s.n == 0)
		r = PyUnicode_FromStringAndSize("", 0);
	else if (s.n > (size_t)PY_SSIZE_T_MAX)
		r = PyErr_NoMemory();
	else
		r = PyUnicode_DecodeUTF8(s.p, (Py_ssize_t)s.n, "surrogateescape");
	free(s.p);
	return r;
}

/* ------------------------------------------------------------------ */
/* Failures and the module's exception classes                         */
/* ------------------------------------------------------------------ */

static gopy_state *module_state(PyObject *module)
{
	return (gopy_state *)PyModule_GetState(module);
}

PyObject *gopy_raise_forked(void)
{
	PyErr_SetString(PyExc_RuntimeError, gopy_forked_fail.message.p);
	return NULL;
}

int gopy_priv_is_error_class(PyTypeObject *cls)
{
#ifdef PYPY_VERSION
	return PyType_IsSubtype(cls, (PyTypeObject *)PyExc_BaseException);
#else
	return PyType_FastSubclass(cls, Py_TPFLAGS_BASE_EXC_SUBCLASS); /* a flag test */
#endif
}

PyObject *gopy_priv_wrap(PyTypeObject *cls, GoInt64 h)
{
	static PyObject *no_args;
	PyObject *o;

	if (!gopy_priv_is_error_class(cls))
		o = cls->tp_alloc(cls, 0);
	else if (no_args || (no_args = PyTuple_New(0)))
		/* BaseException's tp_new sets up the exception's fields; args
		 * is (), so str(e) is the class's tp_str: Go's Error(). */
		o = ((PyTypeObject *)PyExc_BaseException)->tp_new(cls, no_args, NULL);
	else
		o = NULL;
	if (!o) {
		gopy_release(h);
		return NULL;
	}
	*gopy_priv_handle_at(o) = h;
	return o;
}

PyObject *gopy_priv_go_error(PyObject *module, PyObject *msg, PyObject *go_type,
			     GoInt64 h)
{
	gopy_state *st = module_state(module);
	PyObject *exc, *v;

	if (!st || !st->GoError) {
		gopy_release(h);
		PyErr_Format(PyExc_SystemError,
			     "gopy: module exceptions not initialized: %U", msg);
		return NULL;
	}
	/* Calling the class keeps e.args == (message,) as for any exception. */
	exc = PyObject_CallFunctionObjArgs(st->GoError, msg, NULL);
	if (!exc || PyObject_SetAttrString(exc, "go_type", go_type) < 0)
		goto fail;
	if (!h)
		return exc;
	if (!st->GoValue) { /* a failure before the runtime was up */
		gopy_release(h);
		return exc;
	}
	v = gopy_priv_wrap((PyTypeObject *)st->GoValue, h);
	h = 0;
	if (!v || PyObject_SetAttrString(exc, "_gopy_err", v) < 0) {
		Py_XDECREF(v);
		goto fail;
	}
	Py_DECREF(v);
	return exc;
fail:
	if (h)
		gopy_release(h);
	Py_XDECREF(exc);
	return NULL;
}

/*
 * The module whose error class t is (or derives from): a class made from
 * a spec for a module (ht_module) whose base is that module's GoError.
 * NULL if none.
 */
static PyObject *error_class_module(PyTypeObject *t)
{
	PyObject *mro = t->tp_mro;
	Py_ssize_t n = mro ? PyTuple_GET_SIZE(mro) : 0;

	for (Py_ssize_t i = 0; i < n; i++) {
		PyTypeObject *b = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
		PyObject *m;
		gopy_state *st;

		if (!(b->tp_flags & Py_TPFLAGS_HEAPTYPE))
			continue;
		m = ((PyHeapTypeObject *)b)->ht_module;
		st = m && PyModule_Check(m) ? module_state(m) : NULL;
		if (st && st->GoError && (PyObject *)b->tp_base == st->GoError)
			return m;
	}
	return NULL;
}

/*
 * The handle of e's Go error and *module its module (see
 * gopy_priv_error_handle): e's _gopy_err when it is a genuine
 * NAME.GoValue, or the handle of an error class's instance. 0 with no
 * exception when e holds none.
 */
static GoInt64 error_handle(PyObject *e, PyObject **module, PyObject **keep)
{
	PyObject *v, *m = NULL;
	PyTypeObject *t;
	gopy_state *st;

	if (!PyExceptionInstance_Check(e))
		return 0;
	if ((m = error_class_module(Py_TYPE(e)))) {
		GoInt64 h = *gopy_priv_handle_at(e);

		if (!h)
			return 0;
		Py_INCREF(e);
		*keep = e;
		*module = m;
		return h;
	}
	if (!(v = PyObject_GetAttrString(e, "_gopy_err"))) {
		PyErr_Clear();
		return 0;
	}
	t = Py_TYPE(v);
	m = NULL;
	if (t->tp_flags & Py_TPFLAGS_HEAPTYPE)
		m = ((PyHeapTypeObject *)t)->ht_module;
	st = m && PyModule_Check(m) ? module_state(m) : NULL;
	if (!st || st->GoValue != (PyObject *)t) {
		PyErr_Clear();
		Py_DECREF(v);
		return 0;
	}
	*module = m;
	*keep = v;
	return ((gopy_priv_handle *)v)->handle;
}

GoInt64 gopy_priv_error_handle(PyObject *module, PyObject *e, PyObject **keep)
{
	PyObject *m = NULL;
	GoInt64 h = error_handle(e, &m, keep);

	if (h && m != module) {
		Py_CLEAR(*keep);
		return 0;
	}
	return h;
}

/* GoError.__eq__ (an error class's too): errors.Is(self, other) when both
 * hold Go errors of one module; otherwise NotImplemented, which makes ==
 * identity. */
static PyObject *go_error_eq(PyObject *self, PyObject *other)
{
	PyObject *ma = NULL, *mb = NULL, *ka = NULL, *kb = NULL;
	GoInt64 a, b = 0;
	GoUint8 is = 0;

	a = error_handle(self, &ma, &ka);
	if (a)
		b = error_handle(other, &mb, &kb);
	if (!b || ma != mb) {
		Py_XDECREF(ka);
		Py_XDECREF(kb);
		Py_RETURN_NOTIMPLEMENTED;
	}
	if (!GOPY_FORKED()) {
		/* An Is method is user code: it runs without the GIL, while
		 * ka and kb keep both handles alive. */
		Py_BEGIN_ALLOW_THREADS
		is = gopy_error_is(a, b);
		Py_END_ALLOW_THREADS
	}
	Py_DECREF(ka);
	Py_DECREF(kb);
	if (GOPY_FORKED())
		return gopy_raise_forked();
	return PyBool_FromLong(is != 0);
}

/*
 * Adds note to exc as BaseException.add_note does; where add_note is
 * missing (before 3.11, PyPy), appends it to __notes__ directly, which
 * traceback printing reads the same way. -1 with an exception.
 */
static int add_note(PyObject *exc, PyObject *note)
{
	PyObject *r, *notes;
	int ok;

	if (PyObject_HasAttrString(exc, "add_note")) {
		r = PyObject_CallMethod(exc, "add_note", "O", note);
		Py_XDECREF(r);
		return r ? 0 : -1;
	}
	notes = PyObject_GetAttrString(exc, "__notes__");
	if (!notes) {
		if (!PyErr_ExceptionMatches(PyExc_AttributeError))
			return -1;
		PyErr_Clear();
		if (!(notes = PyList_New(0)) ||
		    PyObject_SetAttrString(exc, "__notes__", notes) < 0) {
			Py_XDECREF(notes);
			return -1;
		}
	}
	ok = PyList_Check(notes) ? PyList_Append(notes, note) : 0;
	Py_DECREF(notes);
	return ok;
}

/*
 * GOPY_FAIL_PYEXC: raises exc (a Python exception a Go callback raised;
 * the reference is taken) again as itself, with its Python traceback,
 * and tb, the Go stack between, as the note "Go traceback:\n...".
 */
static void raise_python_exception(PyObject *exc, PyObject *tb)
{
	PyObject *note, *ptb;

	if (!PyExceptionInstance_Check(exc)) {
		PyErr_Format(PyExc_SystemError, "gopy: a Go callback failed with %R", exc);
		Py_DECREF(exc);
		return;
	}
	if (PyUnicode_GetLength(tb) > 0) {
		note = PyUnicode_FromFormat("Go traceback:\n%U", tb);
		if (!note || add_note(exc, note) < 0) {
			Py_XDECREF(note);
			Py_DECREF(exc);
			return;
		}
		Py_DECREF(note);
	}
	/* Restored with its own traceback, so the callback's Python frames
	 * stay in it below the caller's. */
	ptb = PyException_GetTraceback(exc);
	Py_INCREF(Py_TYPE(exc));
	PyErr_Restore((PyObject *)Py_TYPE(exc), exc, ptb);
}

PyObject *gopy_raise_fail(PyObject *module, gopy_fail_addr addr)
{
	gopy_fail *fail = (gopy_fail *)addr;
	gopy_state *st;
	int kind, errcls;
	GoInt64 err;
	PyObject *cls, *msg, *go_type = NULL, *tb = NULL, *exc = NULL, *py;

	if (fail->kind == GOPY_FAIL_FORKED) /* static: not freed */
		return gopy_raise_forked();
	st = module_state(module);
	kind = fail->kind;
	err = kind == GOPY_FAIL_ERROR ? fail->error : 0;
	errcls = kind == GOPY_FAIL_ERROR ? fail->cls : -1;
	py = kind == GOPY_FAIL_PYEXC ? fail->py : NULL; /* taken */
	cls = st ? (kind == GOPY_FAIL_PANIC ? st->GoPanic : st->GoError) : NULL;

	/*
	 * Decode first and free fail at once. gopy_from_str frees its buffer
	 * even when it fails; after a failure, the rest are freed unread
	 * (no Python calls with an exception pending).
	 */
	msg = gopy_from_str(fail->message);
	if (msg)
		go_type = gopy_from_str(fail->go_type);
	else
		free(fail->go_type.p);
	if (go_type)
		tb = gopy_from_str(fail->traceback);
	else
		free(fail->traceback.p);
	free(fail);
	if (!tb)
		goto done;

	if (kind == GOPY_FAIL_TYPE) {
		PyErr_SetObject(PyExc_TypeError, msg);
		goto done;
	}
	if (py) {
		raise_python_exception(py, tb);
		py = NULL; /* taken */
		goto done;
	}
	if (!cls) {
		PyErr_Format(PyExc_SystemError,
			     "gopy: module exceptions not initialized: %U", msg);
		goto done;
	}
	if (kind != GOPY_FAIL_PANIC && errcls >= 0) {
		/* An instance of the error's class, with its own %T. */
		exc = errcls < st->nclasses && st->classes[errcls]
			      ? gopy_priv_wrap((PyTypeObject *)st->classes[errcls], err)
			      : PyErr_Format(PyExc_SystemError, "gopy: no error class %d", errcls);
		err = 0; /* taken (released by gopy_priv_wrap on failure) */
		if (exc && PyObject_SetAttrString(exc, "go_type", go_type) == 0)
			PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
		goto done;
	}
	if (kind != GOPY_FAIL_PANIC) {
		exc = gopy_priv_go_error(module, msg, go_type, err);
		err = 0; /* taken */
		if (exc)
			PyErr_SetObject(cls, exc);
		goto done;
	}
	exc = PyObject_CallFunctionObjArgs(cls, msg, NULL);
	if (!exc || PyObject_SetAttrString(exc, "go_type", go_type) < 0 ||
	    PyObject_SetAttrString(exc, "value", msg) < 0 ||
	    PyObject_SetAttrString(exc, "traceback", tb) < 0)
		goto done;
	PyErr_SetObject(cls, exc);
done:
	if (err)
		gopy_release(err);
	Py_XDECREF(py);
	Py_XDECREF(msg);
	Py_XDECREF(go_type);
	Py_XDECREF(tb);
	Py_XDECREF(exc);
	return NULL;
}

static const char go_error_doc[] =
	"A Go function returned a non-nil error. str(e) is err.Error(); "
	"e.go_type is the error's dynamic Go type. e1 == e2 is Go's "
	"errors.Is(e1, e2) when both hold Go errors.";

static const char go_panic_doc[] =
	"Go code panicked; the panic was recovered and the interpreter keeps "
	"running. str(e) and e.value are the panic value formatted with %v; "
	"e.go_type is its dynamic Go type; e.traceback is the Go stack of the "
	"panicking goroutine.";

/* Adds obj to module as name; does not steal the caller's reference. */
static int add_ref(PyObject *module, const char *name, PyObject *obj)
{
#if PY_VERSION_HEX >= 0x030A0000 && !defined(PYPY_VERSION)
	return PyModule_AddObjectRef(module, name, obj);
#else
	Py_INCREF(obj);
	if (PyModule_AddObject(module, name, obj) < 0) {
		Py_DECREF(obj);
		return -1;
	}
	return 0;
#endif
}

/*
 * Creates MODNAME.<name>, an Exception subclass whose listed attributes
 * default to None on the class, so e.go_type works even on an instance
 * raised from Python.
 */
/*
 * GoError's __eq__, a method descriptor of BaseException so that it can
 * go into the class's dict before the class exists.
 */
static PyMethodDef go_error_methods[] = {
	{"__eq__", go_error_eq, METH_O, NULL},
	{NULL, NULL, 0, NULL}
};

/*
 * Adds the methods to dict and keeps __hash__ the identity hash, which a
 * class defining __eq__ would otherwise lose.
 */
static int add_exception_methods(PyObject *dict, PyMethodDef *methods)
{
	PyObject *m;
	int r;

	for (; methods && methods->ml_name; methods++) {
		m = PyDescr_NewMethod((PyTypeObject *)PyExc_BaseException, methods);
		r = m ? PyDict_SetItemString(dict, methods->ml_name, m) : -1;
		Py_XDECREF(m);
		if (r < 0)
			return -1;
	}
	m = PyObject_GetAttrString(PyExc_BaseException, "__hash__");
	r = m ? PyDict_SetItemString(dict, "__hash__", m) : -1;
	Py_XDECREF(m);
	return r;
}

static PyObject *new_exception(const char *modname, const char *name,
			       const char *doc, const char *const *attrs,
			       PyMethodDef *methods)
{
	PyObject *qualname, *dict, *slots = NULL, *cls = NULL;
	const char *name_utf8;

	qualname = PyUnicode_FromFormat("%s.%s", modname, name);
	dict = PyDict_New();
	if (!qualname || !dict)
		goto done;
	for (; *attrs; attrs++)
		if (PyDict_SetItemString(dict, *attrs, Py_None) < 0)
			goto done;
	/* No __weakref__ slot, which a class statement would add after
	 * BaseException's fields: the error classes' instances keep their
	 * handle there (gopy_obj.h: gopy_errobject). */
	slots = PyTuple_New(0);
	if (!slots || PyDict_SetItemString(dict, "__slots__", slots) < 0)
		goto done;
	if (methods && add_exception_methods(dict, methods) < 0)
		goto done;
	name_utf8 = PyUnicode_AsUTF8(qualname);
	if (name_utf8)
		cls = PyErr_NewExceptionWithDoc(name_utf8, doc, NULL, dict);
done:
	Py_XDECREF(qualname);
	Py_XDECREF(dict);
	Py_XDECREF(slots);
	return cls;
}

int gopy_rt_init(PyObject *module, int nclasses)
{
	static const char *const error_attrs[] = {"go_type", "_gopy_err", NULL};
	static const char *const panic_attrs[] = {"value", "go_type",
						  "traceback", NULL};
	gopy_state *st = module_state(module);
	const char *modname = PyModule_GetName(module);

	if (!modname)
		return -1;
	if (GOPY_FORKED()) {
		gopy_raise_forked();
		return -1;
	}
	/*
	 * A c-shared library starts Go on a thread of its own when it is loaded,
	 * and the package's init functions run there: without waiting, import
	 * would return before they have run. cgo holds the first export called
	 * on a thread that is not running Go until the runtime and every init
	 * function are done (runtime.cgocallbackg waits for main_init_done), so
	 * any export is the wait; this one only reads a counter.
	 */
	Py_BEGIN_ALLOW_THREADS
	(void)gopy_handle_live();
	Py_END_ALLOW_THREADS
	if (!st || nclasses < 0) {
		PyErr_SetString(PyExc_SystemError,
				"gopy: module has no state (m_size too small?)");
		return -1;
	}
	st->nclasses = nclasses; /* the classes[] slots are zeroed by CPython */
	st->GoError = new_exception(modname, "GoError", go_error_doc, error_attrs,
				    go_error_methods);
	if (!st->GoError)
		return -1;
	st->GoPanic = new_exception(modname, "GoPanic", go_panic_doc, panic_attrs, NULL);
	if (!st->GoPanic)
		return -1;
	if (add_ref(module, "GoError", st->GoError) < 0 ||
	    add_ref(module, "GoPanic", st->GoPanic) < 0)
		return -1;
	return 0;
}

int gopy_module_traverse(PyObject *module, visitproc visit, void *arg)
{
	gopy_state *st = module_state(module);

	if (st) {
		Py_VISIT(st->GoError);
		Py_VISIT(st->GoPanic);
		Py_VISIT(st->GoValue);
		Py_VISIT(st->Ref);
		Py_VISIT(st->Interface);
		Py_VISIT(st->Stream);
		for (int i = 0; i < GOPY_VIEW_KINDS; i++)
			Py_VISIT(st->views[i]);
		for (int i = 0; i < st->nclasses; i++)
			Py_VISIT(st->classes[i]);
	}
	return 0;
}

int gopy_module_clear(PyObject *module)
{
	gopy_state *st = module_state(module);

	if (st) {
		Py_CLEAR(st->GoError);
		Py_CLEAR(st->GoPanic);
		Py_CLEAR(st->GoValue);
		Py_CLEAR(st->Ref);
		Py_CLEAR(st->Interface);
		Py_CLEAR(st->Stream);
		for (int i = 0; i < GOPY_VIEW_KINDS; i++)
			Py_CLEAR(st->views[i]);
		for (int i = 0; i < st->nclasses; i++)
			Py_CLEAR(st->classes[i]);
	}
	return 0;
}

void gopy_module_free(void *module)
{
	gopy_module_clear((PyObject *)module);
}

PyObject *gopy_tuple(PyObject **items, int n)
{
	PyObject *t = NULL;
	int ok = 1;

	for (int i = 0; i < n; i++)
		if (!items[i])
			ok = 0;
	if (ok)
		t = PyTuple_New(n);
	for (int i = 0; i < n; i++) {
		if (t)
			PyTuple_SET_ITEM(t, i, items[i]);
		else
			Py_XDECREF(items[i]);
	}
	return t;
}

/* ------------------------------------------------------------------ */
/* Package constants and variables                                     */
/* ------------------------------------------------------------------ */

PyObject *gopy_const_value(int kind, const char *text, Py_ssize_t len)
{
	PyObject *s, *v;

	switch (kind) {
	case GOPY_CONST_BOOL:
		return PyBool_FromLong(strcmp(text, "true") == 0);
	case GOPY_CONST_STRING:
		return PyUnicode_DecodeUTF8(text, len, "surrogateescape");
	case GOPY_CONST_INT:
		return PyLong_FromString(text, NULL, 10); /* any size, exactly */
	case GOPY_CONST_FLOAT:
		/* float() reads Go's shortest repr and "+Inf"/"-Inf". */
		if (!(s = PyUnicode_FromString(text)))
			return NULL;
		v = PyFloat_FromString(s);
		Py_DECREF(s);
		return v;
	case GOPY_CONST_COMPLEX: {
		/* "re im" */
		const char *sp = strchr(text, ' ');
		PyObject *re, *im;
		if (!sp) {
			PyErr_Format(PyExc_ValueError, "malformed complex constant %s", text);
			return NULL;
		}
		s = PyUnicode_FromStringAndSize(text, sp - text);
		re = s ? PyFloat_FromString(s) : NULL;
		Py_XDECREF(s);
		s = re ? PyUnicode_FromString(sp + 1) : NULL;
		im = s ? PyFloat_FromString(s) : NULL;
		Py_XDECREF(s);
		v = im ? PyComplex_FromDoubles(PyFloat_AS_DOUBLE(re), PyFloat_AS_DOUBLE(im)) : NULL;
		Py_XDECREF(re);
		Py_XDECREF(im);
		return v;
	}
	}
	PyErr_Format(PyExc_SystemError, "gopy: unknown constant kind %d", kind);
	return NULL;
}

int gopy_add_const(PyObject *module, const char *name, PyObject *value)
{
	int rc;

	if (!value)
		return -1;
	rc = PyObject_SetAttrString(module, name, value);
	Py_DECREF(value);
	return rc;
}

int gopy_set_module_type(PyObject *module, PyType_Spec *spec)
{
	/* bases as a tuple: PyPy does not take a single type there. */
	PyObject *bases = PyTuple_Pack(1, (PyObject *)&PyModule_Type);
	PyObject *type = bases ? PyType_FromModuleAndSpec(module, spec, bases) : NULL;
	int rc;

	Py_XDECREF(bases);
	if (!type)
		return -1;
	rc = PyObject_SetAttrString(module, "__class__", type);
	Py_DECREF(type);
	return rc;
}

PyObject *gopy_module_dir(PyObject *module, PyObject *unused)
{
	PyObject *names, *dict = PyModule_GetDict(module); /* borrowed */
	PyObject *type, *keys, *it = NULL, *key;

	(void)unused;
	if (!(names = PyDict_Keys(dict)))
		return NULL;
	/*
	 * The variables: the names in the module type's __dict__ that do not
	 * start with '_' (its other entries are __dir__, __doc__, __module__
	 * and the like; a Go variable's name starts with a capital). Not
	 * tp_getset, which PyPy leaves NULL in a class made from a spec, and
	 * PyObject_Type, not Py_TYPE: PyPy does not update ob_type when
	 * __class__ is assigned (gopy_set_module_type).
	 */
	type = PyObject_Type(module);
	keys = type ? PyObject_GetAttrString(type, "__dict__") : NULL;
	Py_XDECREF(type);
	it = keys ? PyObject_GetIter(keys) : NULL;
	Py_XDECREF(keys);
	if (!it)
		goto fail;
	while ((key = PyIter_Next(it)) != NULL) {
		int skip = !PyUnicode_Check(key) || PyUnicode_GetLength(key) == 0 ||
			   PyUnicode_ReadChar(key, 0) == '_';
		int rc = skip ? 0 : PyList_Append(names, key);
		Py_DECREF(key);
		if (rc < 0)
			goto fail;
	}
	Py_CLEAR(it);
	if (PyErr_Occurred() || PyList_Sort(names) < 0)
		goto fail;
	return names;
fail:
	Py_XDECREF(it);
	Py_DECREF(names);
	return NULL;
}

int gopy_var_delete(const gopy_sig *sig)
{
	PyErr_Format(PyExc_TypeError, "cannot delete variable %s.%s: Go variables always exist",
		     sig->name, sig->params[0]);
	return -1;
}
