/*
 * gopy_rt.h: the CPython side of the gopy runtime, compiled into every
 * generated module (runtime/capi/gopy_rt.c). Generated code (module.c)
 * stays thin and calls these functions; nothing here depends on the
 * package being bound.
 *
 * Layer: the bottom of the C runtime. It includes and calls only Python,
 * gopy_abi.h and the Go exports; gopy_obj.h, gopy_view.h and gopy_capi.h
 * build on it (gopy_capi.h lists the layers).
 *
 * A wrapper for a Go function F follows one pattern:
 *
 *     gopy_frame f = GOPY_FRAME_INIT(&F_sig, module);
 *     if (gopy_bind_args(&f, args, nargs, kwnames, argv, NULL, NULL) < 0 ||
 *         gopy_to_int(&f, 0, argv[0], &a) < 0) goto done;
 *     Py_BEGIN_ALLOW_THREADS
 *     fail = GOPY_GO(gopy_fn_F(a, &r0)); // the one cgo crossing
 *     Py_END_ALLOW_THREADS
 *     if (fail) { gopy_raise_fail(module, fail); goto done; }
 *     res = gopy_from_int(r0);
 *   done:
 *     gopy_frame_release(&f);
 *
 * The matching Go export in glue.go takes Go types directly, returns the
 * failure, and hands results back through out-pointers:
 *
 *     //export gopy_fn_F
 *     func gopy_fn_F(a int8, r0 *int8) (fail C.gopy_fail_addr) {
 *         defer gopyRecover(&fail)           // panic -> GOPY_FAIL_PANIC
 *         *r0 = pkg.F(a)
 *         return 0                           // or gopyError(err)
 *     }
 *
 * cgo spells the Go types in C as: bool -> GoUint8 (also *bool -> GoUint8*),
 * int... -> GoInt..., complex128 -> GoComplex128 (double _Complex),
 * string -> GoString (Go must copy it: gopyString), *T -> T*. A string
 * result is an out-pointer *C.gopy_str filled with gopyCStr; ...T is a
 * pointer and a count (nums *int, nnums int) copied with gopySlice or
 * gopyStrings (see runtime/go/gopy_rt.go).
 *
 * Ownership:
 *  - argument objects are borrowed from the caller for the whole call;
 *  - anything a converter must keep alive until the Go call returns (an
 *    encoded bytes object, a buffer for variadic arguments) is owned by the
 *    frame and released by gopy_frame_release;
 *  - gopy_str and gopy_fail values received from Go are owned by the C side
 *    and freed by gopy_from_str / gopy_raise_fail.
 *
 * Error messages name the function, the parameter and the Go type, e.g.
 *   TypeError:     Add() argument 'a' must be int (Go int), not str
 *   OverflowError: Add() argument 'a' out of range for Go int8: 300
 *   TypeError:     Sum() argument 'nums'[2] must be int (Go int), not str
 *   TypeError:     Add() missing required argument 'b' (Go int)
 *   TypeError:     Add() takes 2 positional arguments but 3 were given
 *   TypeError:     Add() got an unexpected keyword argument 'c'
 *   TypeError:     Add() got multiple values for argument 'a'
 */
#ifndef GOPY_RT_H
#define GOPY_RT_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "gopy_abi.h"
#include "_cgo_export.h" /* GoInt, GoString, ... and the glue's exports */

/*
 * Per-module state: m_size is sizeof(gopy_state) + nclasses * sizeof(PyObject *)
 * (GOPY_STATE_SIZE).
 */
/* Marks generated per-type helpers that a module may not call. */
#define GOPY_MAYBE_UNUSED __attribute__((unused))

/* The kinds of container views (gopy_view.h). */
enum { GOPY_VIEW_SLICE, GOPY_VIEW_ARRAY, GOPY_VIEW_MAP, GOPY_VIEW_KINDS };

typedef struct gopy_state {
	PyObject *GoError;    /* NAME.GoError: a Go function returned an error */
	PyObject *GoPanic;    /* NAME.GoPanic: Go code panicked */
	PyObject *views[GOPY_VIEW_KINDS]; /* the generic view classes (gopy_view.h) */
	PyObject *GoValue;    /* NAME.GoValue: an opaque Go value (gopy_dyn.h) */
	PyObject *Ref;        /* NAME.Ref: a Go *any (gopy_dyn.h) */
	PyObject *Interface;  /* the base of the interface classes (gopy_dyn.h) */
	PyObject *Stream;     /* the class of Go's io streams (gopy_io.h) */
	int nclasses;
	PyObject *classes[];  /* the module's classes by index (gopy_obj.h) */
} gopy_state;

#define GOPY_STATE_SIZE(nclasses) (sizeof(gopy_state) + (nclasses) * sizeof(PyObject *))

/* Static description of a callable, generated once per wrapper. */
typedef struct gopy_sig {
	const char *name;             /* Python name used in messages: "Add" */
	int nparams;                  /* fixed parameters (the variadic one excluded) */
	const char *const *params;    /* Python parameter names; nparams + variadic */
	const char *const *gotypes;   /* Go type of each; for the variadic one, the element type */
	int variadic;                 /* 1: extra positional arguments go to ...T */
	int kind;                     /* GOPY_SIG_CALL, _NEW or _FIELD: how messages name things */
} gopy_sig;

/*
 * How messages name the value being converted (index -1 is the receiver):
 *   GOPY_SIG_CALL   "Add() argument 'a'"; receiver: "Point.Scale() argument 'self'"
 *   GOPY_SIG_NEW    the same, for a constructor (all parameters optional)
 *   GOPY_SIG_FIELD  name is the qualified type, params[0] the field:
 *                   "calc.Point field 'X'"
 *   GOPY_SIG_VAR    name is the package, params[0] the variable:
 *                   "variable calc.Counter"
 *   GOPY_SIG_ELEM   name is a container's Go type, params[idx] what is
 *                   stored: "[]int element", "map[string]int key"
 */
enum { GOPY_SIG_CALL = 0, GOPY_SIG_NEW = 1, GOPY_SIG_FIELD = 2, GOPY_SIG_VAR = 3,
       GOPY_SIG_ELEM = 4 };

/* Package constants: the exact Python value of a Go constant from its
 * inspector text (docs/records.md: "const"), a new reference or NULL. */
enum { GOPY_CONST_BOOL, GOPY_CONST_STRING, GOPY_CONST_INT, GOPY_CONST_FLOAT, GOPY_CONST_COMPLEX };
PyObject *gopy_const_value(int kind, const char *text, Py_ssize_t len);

/* Adds value (stolen; NULL propagates the error) to module as name. */
int gopy_add_const(PyObject *module, const char *name, PyObject *value);

/*
 * Package variables are properties of the module's own type, a subclass of
 * ModuleType made from spec (its getset holds one property per variable),
 * so each read and write reaches the Go variable. Sets module.__class__.
 */
int gopy_set_module_type(PyObject *module, PyType_Spec *spec);

/* __dir__ of such a module: its dict plus the variables. */
PyObject *gopy_module_dir(PyObject *module, PyObject *unused);

/* Setter for deletion: TypeError "cannot delete variable calc.Counter". */
int gopy_var_delete(const gopy_sig *sig);

/*
 * Per-call scratch state; lives on the wrapper's C stack. Converters may
 * also be used outside a call with sig == NULL: messages then start with
 * "value" instead of "F() argument 'a'".
 *
 * path says which element of the argument is being converted, for
 * messages ("F() argument 'xs'[2]", "'m'['a']", "'m' key 3"): a chain of
 * nodes on the C stack of the container converters, innermost first.
 */
#define GOPY_FRAME_KEEP 4
typedef struct gopy_path {
	const struct gopy_path *up; /* the enclosing element, or NULL */
	Py_ssize_t index;      /* element index, when key is NULL */
	PyObject *key;         /* borrowed: the map key whose value (or itself) is converted */
	int is_key;            /* converting the key itself */
	const char *gotype;    /* the element's Go type */
} gopy_path;

typedef struct gopy_frame {
	const gopy_sig *sig;
	PyObject *module;
	int nkeep;
	PyObject *keep[GOPY_FRAME_KEEP];   /* references held until the call returns */
	PyObject *more;                    /* list of further references, or NULL */
	void *mem;                         /* chain of gopy_frame_alloc blocks */
	const gopy_path *path;             /* the element being converted, or NULL */
	int py_ok;                         /* a callback's results (gopy_dyn.c): an object
					      that is no Go value goes as itself */
} gopy_frame;

#define GOPY_FRAME_INIT(sig, module) {(sig), (module), 0, {NULL}, NULL, NULL, NULL, 0}

/* Enter an element of the value being converted: node (on the caller's
 * stack) is filled and becomes the innermost; pop leaves it again. */
void gopy_frame_push(gopy_frame *f, gopy_path *node, Py_ssize_t index, PyObject *key,
		     int is_key, const char *gotype);
void gopy_frame_pop(gopy_frame *f);

/*
 * Matches positional and keyword arguments to parameters by Go name
 * (exact UTF-8 comparison of the keyword with sig->params). argv receives
 * nparams borrowed references (argv may be NULL when nparams is 0). When
 * sig->variadic, *va and *nva receive the extra positional arguments
 * (never by keyword; *va points into args, *nva is 0 when there are none);
 * otherwise va and nva may be NULL. Returns 0, or -1 with TypeError set.
 */
int gopy_bind_args_slow(gopy_frame *f, PyObject *const *args, Py_ssize_t nargs,
			PyObject *kwnames, PyObject **argv,
			PyObject *const **va, Py_ssize_t *nva);
static inline int gopy_bind_args(gopy_frame *f, PyObject *const *args, Py_ssize_t nargs,
				 PyObject *kwnames, PyObject **argv,
				 PyObject *const **va, Py_ssize_t *nva)
{
	Py_ssize_t i;

	/*
	 * Most calls pass exactly the parameters, positionally. sig is a
	 * constant of the wrapper, so this compiles to a few moves.
	 */
	if (!kwnames && nargs == f->sig->nparams) {
		for (i = 0; i < nargs; i++)
			argv[i] = args[i];
		if (va) {
			*va = NULL;
			*nva = 0;
		}
		return 0;
	}
	return gopy_bind_args_slow(f, args, nargs, kwnames, argv, va, nva);
}

/*
 * Binds tp_new's (args, kwargs) to f->sig's parameters, all optional:
 * argv[i] is NULL for a field not given; args and kwargs may be NULL
 * (nothing given). Same messages as gopy_bind_args
 * ("Point() got an unexpected keyword argument 'Z'").
 */
int gopy_bind_new(gopy_frame *f, PyObject *args, PyObject *kwargs, PyObject **argv);

/* Frees what the frame holds. Safe to call on a frame that holds nothing. */
void gopy_frame_release_slow(gopy_frame *f);
static inline void gopy_frame_release(gopy_frame *f)
{
	/* Most calls hold nothing: no function call for them. */
	if (f->nkeep || f->more || f->mem)
		gopy_frame_release_slow(f);
	f->path = NULL;
}

/* Keeps a new reference alive until release (steals it). -1 on failure. */
int gopy_frame_keep(gopy_frame *f, PyObject *owned);

/* Zeroed memory freed at release; NULL with MemoryError set on failure. */
void *gopy_frame_alloc(gopy_frame *f, size_t size);

/*
 * Converters from Python to C, one per Go basic kind. All share this
 * signature so tables and generic helpers can use them; `out` points to
 * the C type named in the comment. idx is the parameter index in f->sig;
 * messages use sig->params[idx] and sig->gotypes[idx] (falling back to the
 * kind when gotypes is NULL). Return 0, or -1 with an exception set.
 *
 * gopy_to_string stores a pointer into o's cached UTF-8 or, for strs with
 * lone surrogates, into a frame-owned bytes object (surrogateescape); it
 * is valid until gopy_frame_release. A str with surrogates that
 * surrogateescape cannot encode raises UnicodeEncodeError naming the
 * argument.
 */
typedef int (*gopy_conv_fn)(gopy_frame *f, int idx, PyObject *o, void *out);

int gopy_to_bool(gopy_frame *f, int idx, PyObject *o, void *out);       /* GoUint8: exactly True/False */
int gopy_to_int(gopy_frame *f, int idx, PyObject *o, void *out);        /* GoInt */
int gopy_to_int8(gopy_frame *f, int idx, PyObject *o, void *out);       /* GoInt8 */
int gopy_to_int16(gopy_frame *f, int idx, PyObject *o, void *out);      /* GoInt16 */
int gopy_to_int32(gopy_frame *f, int idx, PyObject *o, void *out);      /* GoInt32 */
int gopy_to_int64(gopy_frame *f, int idx, PyObject *o, void *out);      /* GoInt64 */
int gopy_to_uint(gopy_frame *f, int idx, PyObject *o, void *out);       /* GoUint */
int gopy_to_uint8(gopy_frame *f, int idx, PyObject *o, void *out);      /* GoUint8 */
int gopy_to_uint16(gopy_frame *f, int idx, PyObject *o, void *out);     /* GoUint16 */
int gopy_to_uint32(gopy_frame *f, int idx, PyObject *o, void *out);     /* GoUint32 */
int gopy_to_uint64(gopy_frame *f, int idx, PyObject *o, void *out);     /* GoUint64 */
int gopy_to_uintptr(gopy_frame *f, int idx, PyObject *o, void *out);    /* GoUintptr */
int gopy_to_float32(gopy_frame *f, int idx, PyObject *o, void *out);    /* GoFloat32: OverflowError past FLT_MAX (inf/nan pass) */
int gopy_to_float64(gopy_frame *f, int idx, PyObject *o, void *out);    /* GoFloat64 */
int gopy_to_complex64(gopy_frame *f, int idx, PyObject *o, void *out);  /* GoComplex64 */
int gopy_to_complex128(gopy_frame *f, int idx, PyObject *o, void *out); /* GoComplex128 */
int gopy_to_string(gopy_frame *f, int idx, PyObject *o, void *out);     /* GoString: UTF-8, surrogateescape */
/* GoUint8 for a named bool type: True/False, or an instance of an int
 * subclass (the named type's class) whose value is 0 or 1. */
int gopy_to_named_bool(gopy_frame *f, int idx, PyObject *o, void *out);

/*
 * Converts the variadic arguments items[0..n) with conv into a frame-owned
 * array of n elements of elemsize bytes; *buf is NULL when n is 0.
 * idx is the variadic parameter's index (sig->nparams).
 */
int gopy_to_varargs(gopy_frame *f, int idx, PyObject *const *items,
		    Py_ssize_t n, size_t elemsize, gopy_conv_fn conv, void **buf);

/* Converters from C to Python: a new reference, or NULL with an exception. */
PyObject *gopy_from_bool(GoUint8 v);
PyObject *gopy_from_int(GoInt v);
PyObject *gopy_from_int8(GoInt8 v);
PyObject *gopy_from_int16(GoInt16 v);
PyObject *gopy_from_int32(GoInt32 v);
PyObject *gopy_from_int64(GoInt64 v);
PyObject *gopy_from_uint(GoUint v);
PyObject *gopy_from_uint8(GoUint8 v);
PyObject *gopy_from_uint16(GoUint16 v);
PyObject *gopy_from_uint32(GoUint32 v);
PyObject *gopy_from_uint64(GoUint64 v);
PyObject *gopy_from_uintptr(GoUintptr v);
PyObject *gopy_from_float32(GoFloat32 v);
PyObject *gopy_from_float64(GoFloat64 v);
PyObject *gopy_from_complex64(GoComplex64 v);
PyObject *gopy_from_complex128(GoComplex128 v);
PyObject *gopy_from_str(gopy_str s); /* decodes UTF-8 with surrogateescape; frees s.p */

/*
 * Packs n converted results into a tuple, stealing the references in items.
 * If any item is NULL (its conversion failed) the others are released and
 * NULL is returned with that exception set.
 */
PyObject *gopy_tuple(PyObject **items, int n);

/*
 * Turns a failure from Go into NAME.GoError (go_type set; when the record
 * carries the error's handle, _gopy_err holds it as a NAME.GoValue) or
 * NAME.GoPanic (value, go_type and traceback set), or, for
 * GOPY_FAIL_TYPE, TypeError(message), or, for GOPY_FAIL_PYEXC, the
 * Python exception a callback raised, itself (the record's py), with the
 * Go stack added as the note "Go traceback:\n..."; frees the record at
 * addr, and returns NULL. The static record of a call refused in a forked child
 * (gopy_forked_fail) is RuntimeError.
 */
PyObject *gopy_raise_fail(PyObject *module, gopy_fail_addr addr);

/* Releases the handle h. In a forked child, where Go cannot run, the
 * value is left to the process's end instead (gopy_abi.h: gopy_forked). */
static inline void gopy_release(GoInt64 h)
{
	if (!GOPY_FORKED())
		gopy_handle_release(h);
}

/* The RuntimeError of Go called in a forked child (gopy_abi.h: gopy_forked); returns NULL. */
PyObject *gopy_raise_forked(void);

/* Module lifecycle, this layer's part (gopy_capi.h: gopy_module_init):
 * refuses a forked child, waits for Go's initialization (the package's
 * init functions included), creates GoError and GoPanic and adds them to
 * module; records nclasses (the state was sized with GOPY_STATE_SIZE).
 * traverse, clear and free cover the whole state, every layer's classes
 * included. */
int gopy_rt_init(PyObject *module, int nclasses);
int gopy_module_traverse(PyObject *module, visitproc visit, void *arg);
int gopy_module_clear(PyObject *module);
void gopy_module_free(void *module);

#endif
