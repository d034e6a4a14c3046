/*
 * gopy_rt_priv.h: helpers of the bottom layer (gopy_rt.c) that the runtime's
 * C files share with each other and not with generated code. Layer: that
 * of gopy_rt.h; every runtime C file may include it.
 */
#ifndef GOPY_RT_PRIV_H
#define GOPY_RT_PRIV_H

#include "gopy_rt.h"

/*
 * What f is converting, as messages name it: "F() argument 'a'",
 * "T.M() argument 'self'" (idx -1), "pkg.T field 'X'", "F() argument
 * 'nums'[2]", or "value" without a signature. A new reference, or NULL.
 */
PyObject *gopy_priv_subject(const gopy_frame *f, int idx);

/*
 * Raises exc with "<subject> <fmt...>", the subject naming what f is
 * converting ("F() argument 'a'", "pkg.T field 'X'", ...; see gopy_sig).
 * fmt is a PyUnicode_FromFormat format. Always returns -1.
 */
int gopy_priv_arg_error(const gopy_frame *f, int idx, PyObject *exc,
			const char *fmt, ...);

/*
 * t's name as messages show it: tp_name, except that for a class made
 * from a spec ("calc.Point") PyPy's tp_name lacks the module, which is
 * then taken from __module__, as for an interface class ("shapes.Shape",
 * made by abc.ABCMeta). A new reference, or NULL.
 */
PyObject *gopy_priv_type_name(PyTypeObject *t);

/*
 * The head of every instance that holds a handle (gopy_object and
 * gopy_view, gopy_obj.h, which asserts that the layouts agree): this layer
 * wraps an error's handle in a NAME.GoValue and reads it back.
 */
typedef struct gopy_priv_handle {
	PyObject_HEAD
	GoInt64 handle;
} gopy_priv_handle;

/* An error class's instance (gopy_errobject, gopy_obj.h, asserted there). */
typedef struct gopy_priv_errhandle {
	PyBaseExceptionObject base;
	GoInt64 handle;
} gopy_priv_errhandle;

/* Where the handle of o, an instance holding one, is: after
 * BaseException's fields for an error class's (on CPython; PyPy's
 * exceptions are a bare object head at the C level: one layout). */
static inline GoInt64 *gopy_priv_handle_at(PyObject *o)
{
#ifndef PYPY_VERSION
	if (PyType_FastSubclass(Py_TYPE(o), Py_TPFLAGS_BASE_EXC_SUBCLASS))
		return &((gopy_priv_errhandle *)o)->handle;
/*
 * gopy_bind_args' steps, for a binder with rules of its own (gopy_ctx.c):
 * positional arguments into argv (the rest NULL; extra ones to *va when
 * the signature is variadic and va is given), one keyword argument by
 * name, and every parameter from index `from` on given. 0, or -1 with
 * TypeError set.
 */
int gopy_priv_bind_positional(const gopy_sig *sig, PyObject *const *args, Py_ssize_t nargs,
			      PyObject **argv, PyObject *const **va, Py_ssize_t *nva);
int gopy_priv_bind_keyword(const gopy_sig *sig, PyObject **argv, PyObject *key, PyObject *value);
int gopy_priv_bind_required(const gopy_sig *sig, PyObject **argv, Py_ssize_t from);

#endif
	return &((gopy_priv_handle *)o)->handle;
}

/* Whether cls is an error class or a Python subclass of one (an exception
 * whose instances hold a handle, gopy_priv_errhandle). */
int gopy_priv_is_error_class(PyTypeObject *cls);

/*
 * A new instance of cls, a class whose instances hold a handle (either
 * layout), owning handle h, which is released on failure. NULL with an
 * exception.
 */
PyObject *gopy_priv_wrap(PyTypeObject *cls, GoInt64 h);

/*
 * A new NAME.GoError (not raised): GoError(msg) with go_type set (both
 * borrowed) and, when h != 0, _gopy_err a NAME.GoValue owning handle h
 * (a *error). On failure h is released. NULL with an exception.
 */
PyObject *gopy_priv_go_error(PyObject *module, PyObject *msg, PyObject *go_type,
			     GoInt64 h);

/*
 * The handle of the Go error e stands for, when e is a GoError holding one
 * of module's Go runtime (a handle to a *error) or an instance of one of
 * module's error classes (its handle to a *T); 0 (no exception) when e is
 * neither. *keep receives a new reference to the object that keeps the
 * handle alive.
 */
GoInt64 gopy_priv_error_handle(PyObject *module, PyObject *e, PyObject **keep);

/*
 * gopy_bind_args' steps, for a binder with rules of its own (gopy_ctx.c):
 * positional arguments into argv (the rest NULL; extra ones to *va when
 * the signature is variadic and va is given), one keyword argument by
 * name, and every parameter from index `from` on given. 0, or -1 with
 * TypeError set.
 */
int gopy_priv_bind_positional(const gopy_sig *sig, PyObject *const *args, Py_ssize_t nargs,
			      PyObject **argv, PyObject *const **va, Py_ssize_t *nva);
int gopy_priv_bind_keyword(const gopy_sig *sig, PyObject **argv, PyObject *key, PyObject *value);
int gopy_priv_bind_required(const gopy_sig *sig, PyObject **argv, Py_ssize_t from);

#endif
