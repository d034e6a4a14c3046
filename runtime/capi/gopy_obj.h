/*
 * gopy_obj.h: Go values as Python objects (runtime/capi/gopy_obj.c, with
 * the Go side in runtime/go/gopy_handles.go).
 *
 * Layer: above gopy_rt.h, which is all it includes and calls; gopy_view.h
 * and gopy_capi.h build on it (gopy_capi.h lists the layers).
 *
 * Handles. C never holds a Go pointer. Every Go value a Python object
 * refers to is a *T registered in the Go handle table; the object holds
 * its handle, a non-zero int64. The table entry keeps the Go value alive
 * for Go's garbage collector; when the Python object is deallocated it
 * releases its handle (gopy_handle_release, one cgo call) and Go may then
 * collect the value. 0 is never a handle: it stands for a nil pointer.
 *
 * Views. A struct-typed field, read from Python, is a handle to the
 * field's address inside its parent (&p.Max). Go's collector keeps a whole
 * object alive while any pointer into it exists, so a view keeps its
 * parent alive with no bookkeeping here, and writes through the view are
 * writes to the parent.
 *
 * Ownership of handles crossing into C: a handle returned by Go through an
 * out-pointer is owned by the C side; gopy_from_handle hands it to the new
 * Python object, or releases it if the object cannot be made. Handles
 * passed from C to Go (arguments) are borrowed: the argument object keeps
 * them alive for the call.
 *
 * Classes. Each bound named type of the package is a heap type created at
 * module exec from a PyType_Spec (PyType_FromModuleAndSpec), stored in the
 * module state by class index:
 *  - struct types: instances are gopy_object; tp_dealloc is
 *    gopy_object_dealloc; the generated slots call gopy_object_repr/_str/
 *    _richcompare/_copy with the type's gopy_structdef;
 *  - named basic types (type Celsius float64): subclasses of the matching
 *    builtin (int for integer and bool kinds, float, complex, str) whose
 *    instances are plain values; gopy_from_named makes one.
 */
#ifndef GOPY_OBJ_H
#define GOPY_OBJ_H

#include "gopy_rt.h"

/* The instance layout of every struct class. */
typedef struct gopy_object {
	PyObject_HEAD
	GoInt64 handle; /* of a *T; never 0 once constructed */
} gopy_object;

/*
 * The instance layout of an error class: a struct class whose Go type T
 * (or *T) implements error derives from NAME.GoError, so that Go's errors
 * of that type are raised as (and returned as) its instances and
 * `except pkg.PathError as e: e.Op` works. Its instances are exceptions,
 * with the handle after the exception's fields. (PyPy's exception objects
 * are a bare PyObject_HEAD at the C level: the same offset there.)
 */
typedef struct gopy_errobject {
	PyBaseExceptionObject base;
	GoInt64 handle;
} gopy_errobject;

/* Whether t (a class of the module, or a Python subclass) has the
 * exception layout. */
static inline int gopy_is_error_layout(PyTypeObject *t)
{
#ifdef PYPY_VERSION
	(void)t;
	return 0; /* the same layout as gopy_object */
#else
	return PyType_FastSubclass(t, Py_TPFLAGS_BASE_EXC_SUBCLASS);
#endif
}

/* The handle an instance of a struct or error class holds. */
static inline GoInt64 gopy_handle_of(PyObject *o)
{
	return gopy_is_error_layout(Py_TYPE(o)) ? ((gopy_errobject *)o)->handle
						: ((gopy_object *)o)->handle;
}

/* What the generic slots need to know about one struct type. */
typedef struct gopy_structdef {
	PyModuleDef *def;                  /* the generated module's definition:
					      slots find their module with
					      gopy_module_of(self, def) */
	const char *qualname;              /* "calc.Point": repr and messages */
	const char *const *fields;         /* attribute names repr shows, in order, NULL-terminated */
	/* Go exports of the generated glue: */
	gopy_fail_addr (*copy)(GoInt64 h, GoUint8 deep, GoInt64 *out); /* new handle to a copy */
	gopy_fail_addr (*equal)(GoInt64 a, GoInt64 b, GoUint8 *out);   /* NULL: not comparable */
	gopy_fail_addr (*string)(GoInt64 h, gopy_str *out);            /* NULL: no String method */
} gopy_structdef;

/*
 * Creates class idx of the module from spec (base: NULL, or the builtin to
 * subclass for a named basic type), stores it in the module state and adds
 * it to the module under its name. 0, or -1 with an exception.
 */
int gopy_add_class(PyObject *module, int idx, PyType_Spec *spec, PyObject *base);

/*
 * Sets obj as the attribute its qualified name "mod.Name" or
 * "mod.sub.Name" says: another package's type lives in a submodule
 * (mod.sub), made on first use and entered in sys.modules so that
 * `import mod.sub` and pickle find it. Does not steal obj.
 */
int gopy_place(PyObject *module, const char *qualname, PyObject *obj);

/* A type alias (type PathError = fs.PathError): the attribute its
 * qualified name says ("mod.PathError", "mod.sub.PathError") is class idx
 * itself. */
int gopy_add_alias(PyObject *module, const char *qualname, int idx);

/*
 * Several Go packages bound as one module keep their APIs in submodules
 * ("mod.sub", made if missing, as gopy_place does). gopy_submodule returns
 * it (borrowed). gopy_add_submodule sets its doc (unless empty) and its
 * functions, which are bound to module: their self is the module, whose
 * state the wrappers use. gopy_place_const is gopy_place for a constant's
 * new reference (stolen; NULL: the error of making it).
 * gopy_set_submodule_type gives the submodule a ModuleType subclass of its
 * own, as gopy_set_module_type does for the module (its variables), made
 * with module as the type's module, so that gopy_module_of_sub finds it
 * from the submodule (borrowed; NULL with an exception).
 */
PyObject *gopy_submodule(PyObject *module, const char *qualname);
int gopy_add_submodule(PyObject *module, const char *qualname, const char *doc, PyMethodDef *functions);
int gopy_place_const(PyObject *module, const char *qualname, PyObject *value);
int gopy_set_submodule_type(PyObject *module, const char *qualname, PyType_Spec *spec);
PyObject *gopy_module_of_sub(PyObject *sub, PyModuleDef *def);

/*
 * gopy_add_class for an error class: its base is the module's GoError,
 * and the class attribute go_type its Go type ("*fs.PathError"; an
 * instance raised for a Go error has the error's own %T).
 */
int gopy_add_error_class(PyObject *module, int idx, PyType_Spec *spec, const char *go_type);

/* The class with index idx (borrowed). */
PyTypeObject *gopy_class(PyObject *module, int idx);

/*
 * The module that defined the type of self (or a base of it), found
 * through the MRO so instances of Python subclasses work. Borrowed; NULL
 * with an exception if none.
 */
PyObject *gopy_module_of(PyObject *self, PyModuleDef *def);

/* The same for a class (tp_new's cls, which may be a Python subclass). */
PyObject *gopy_module_of_type(PyTypeObject *cls, PyModuleDef *def);

/*
 * tp_new of class classidx (named pyname in module def) called for cls,
 * with module what gopy_module_of_type found for cls (NULL: cls is no
 * class of the module at all): 0 when cls is that class or derives from
 * it, else -1 with Python's TypeError ("X.__new__(Y): Y is not a subtype
 * of X"). CPython checks this before tp_new; PyPy's cpyext does not, and
 * X.__new__(Y) would wrap a Go value of X's type as a Y.
 */
int gopy_check_new(PyObject *module, PyTypeObject *cls, int classidx, PyModuleDef *def,
		   const char *pyname);

/*
 * Methods of generated classes take METH_FASTCALL | METH_KEYWORDS
 * parameters, self first, and find their module through the receiver's MRO
 * (gopy_module_of), as getters and slots do. Not METH_METHOD (PEP 573),
 * which would hand over the defining class: CPython binds such a method to a
 * `builtin_method` whose type dict holds `__doc__ = None`, shadowing the
 * method's own doc, so `obj.Method.__doc__` would be None and help(obj)
 * empty; PyPy 7.3 ignores the flag altogether. The walk stops at the first
 * base for a generated instance, so it costs no more than the class lookup.
 */
#define GOPY_METHOD_FLAGS (METH_FASTCALL | METH_KEYWORDS)

/*
 * Converter for a parameter of struct type: o must be an instance of class
 * classidx (or a subclass); stores its handle in *(GoInt64 *)out. With
 * nullable (a *T parameter), None gives 0. Otherwise TypeError:
 *   "Area() argument 'r' must be calc.Rect, not int"
 *   "Area() argument 'r' must be calc.Rect, not None"     (for T)
 * The generated per-class converters (to_Rect, to_Rect_ptr) call this.
 */
int gopy_to_handle(gopy_frame *f, int idx, PyObject *o, void *out,
		   int classidx, int nullable);

/*
 * Wraps handle h (owned; see above) in a new instance of class classidx.
 * h == 0 gives None. On failure releases h and returns NULL.
 */
PyObject *gopy_from_handle(PyObject *module, int classidx, GoInt64 h);

/*
 * Wraps handle h (owned) in a new instance of cls itself, a struct class
 * or a Python subclass of one (tp_new: Point(...) or SubPoint(...)).
 * On failure releases h and returns NULL.
 */
PyObject *gopy_object_wrap(PyTypeObject *cls, GoInt64 h);

/* Named basic types: an instance of class classidx holding value (stolen;
 * NULL propagates the error), e.g. Celsius(100.0). */
PyObject *gopy_from_named(PyObject *module, int classidx, PyObject *value);

/* tp_repr of a named basic class: "calc.Celsius(100.0)"; as_bool for a
 * bool-based type (an int subclass): "calc.Flag(True)". */
PyObject *gopy_named_repr(PyObject *self, const char *qualname, int as_bool);

/* tp_str of a named basic class without a String method: the builtin's
 * str ("100.0", "True"), not the repr. */
PyObject *gopy_named_str(PyObject *self, int as_bool);

/*
 * tp_new of a named basic class: builds the value with the builtin base's
 * tp_new, then checks it with conv (the underlying kind's converter, with
 * a frame naming the class) so Level(1000) for `type Level int8` is an
 * OverflowError at construction rather than at the next Go call.
 */
PyObject *gopy_named_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs,
			 gopy_conv_fn conv, const gopy_sig *sig);

/* Struct class slots. */
/*
 * Slots only PyPy needs: there an instance of a class made from a spec has
 * a __dict__, so gopy_object_setattro refuses what CPython refuses (a name
 * the class does not define, on an instance of the generated class itself;
 * Python subclasses have a __dict__ on both).
 */
#ifdef PYPY_VERSION
int gopy_object_setattro(PyObject *self, PyObject *name, PyObject *value);
#define GOPY_STRUCT_PYPY_SLOTS {Py_tp_setattro, gopy_object_setattro},
#else
#define GOPY_STRUCT_PYPY_SLOTS
#endif
/* Releases the handle (none yet if 0: a tp_new that failed), frees the
 * object and drops the instance's reference to its heap type. */
void gopy_object_dealloc(PyObject *self);
/* "calc.Point(X=1, Y=2)": each field's repr, read through the attributes.
 * A Go value met again inside its own repr (a cycle through pointers) is
 * shown as "calc.Node(...)". */
PyObject *gopy_object_repr(PyObject *self, const gopy_structdef *d);
/* Calls d->string, or falls back to repr when d->string is NULL. */
PyObject *gopy_object_str(PyObject *self, const gopy_structdef *d);
/* == and != compare Go values when d->equal is set and other is an
 * instance of the generated class of self (Python subclasses included);
 * NotImplemented otherwise. The call into Go releases the GIL. */
PyObject *gopy_object_richcompare(PyObject *self, PyObject *other, int op,
				  const gopy_structdef *d);
/* __copy__ (deep 0) and __deepcopy__ (deep 1): a new instance of self's
 * own class (a Python subclass too; its instance __dict__ is copied
 * shallowly) holding an independent Go copy (gopyCopy). */
PyObject *gopy_object_copy(PyObject *self, int deep, const gopy_structdef *d);

/* __reduce__ of an error class: TypeError "cannot pickle 'calc.PathError'
 * object", as for every struct class (a pickle would copy the handle). */
PyObject *gopy_object_reduce(PyObject *self, PyObject *unused);

/* A field setter called for `del obj.X` (value NULL): raises TypeError
 * "cannot delete calc.Point field 'X'" (f's sig is the field's
 * GOPY_SIG_FIELD signature) and returns -1. */
int gopy_field_delete(gopy_frame *f);

/* Adds NAME._gopy: a namespace with live_handles() -> int, the number of
 * Go values Python currently holds (for tests of lifetime). */
int gopy_add_private(PyObject *module);

#endif
