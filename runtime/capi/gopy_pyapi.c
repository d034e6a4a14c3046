/*
 * gopy_pyapi.c: the gopy_pyapi table Go calls Python through, the CPython
 * side. See gopy_pyapi.h for the rules and gopy_abi.h for the records;
 * the Go side is gopy_py.go.
 *
 * Ownership. A callback's arguments are Go's records, consumed by
 * gopy_from_val. Its results and failure records are malloc'd for Go,
 * which frees them (gopyValFree, gopyTakePyFail) and drops the references
 * they carry through decref.
 */
#include "gopy_pyapi.h"
#include "gopy_io.h"
#include "gopy_rt_priv.h"

#include <stdlib.h>
#include <string.h>

/* The module callbacks convert for (gopy_pyapi.h); set with the GIL. */
static PyObject *api_module;

/* Set by the atexit callback: decref does nothing from then on. */
static volatile int at_exit;

/* Finalization began: a thread must not wait for the GIL any more. PyPy
 * cannot say, so there it is once the atexit callback has run. */
static int finalizing(void)
{
#if defined(PYPY_VERSION)
	return at_exit;
#elif PY_VERSION_HEX >= 0x030D0000
	return Py_IsFinalizing();
#else
	return _Py_IsFinalizing();
#endif
}

/* ------------------------------------------------------------------ */
/* Records for Go                                                      */
/* ------------------------------------------------------------------ */

/* A malloc'd copy of n bytes at p (never NULL unless out of memory). */
static gopy_str copy_str(const char *p, size_t n)
{
	gopy_str s = {malloc(n ? n : 1), 0};

	if (s.p) {
		memcpy(s.p, p, n);
		s.n = n;
	}
	return s;
}

/* str(o) as malloc'd UTF-8 (surrogateescape); "<str() failed>" when it
 * raises, which is then cleared. */
static gopy_str str_of(PyObject *o)
{
	static const char failed[] = "<str() failed>";
	PyObject *s = PyObject_Str(o), *b = NULL;
	gopy_str r;

	if (s)
		b = PyUnicode_AsEncodedString(s, "utf-8", "surrogateescape");
	if (b)
		r = copy_str(PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b));
	else
		r = copy_str(failed, sizeof failed - 1);
	if (!b)
		PyErr_Clear();
	Py_XDECREF(s);
	Py_XDECREF(b);
	return r;
}

/* Takes the pending exception, normalized, with its traceback, and
 * clears it (a new reference). */
static PyObject *take_exception(void)
{
#if PY_VERSION_HEX >= 0x030C0000 && !defined(PYPY_VERSION)
	return PyErr_GetRaisedException();
#else
	PyObject *type, *value, *tb;

	PyErr_Fetch(&type, &value, &tb);
	PyErr_NormalizeException(&type, &value, &tb);
	if (value && tb)
		PyException_SetTraceback(value, tb);
	Py_XDECREF(type);
	Py_XDECREF(tb);
	return value;
#endif
}

/* Raises exc (borrowed) again with its own traceback. */
static void restore_exception(PyObject *exc)
{
	Py_INCREF(Py_TYPE(exc));
	Py_INCREF(exc);
	PyErr_Restore((PyObject *)Py_TYPE(exc), exc, PyException_GetTraceback(exc));
}

static gopy_fail *new_fail(int kind)
{
	gopy_fail *f = calloc(1, sizeof *f);

	if (f) {
		f->kind = kind;
		f->cls = -1;
	}
	return f;
}

/* A GOPY_FAIL_TYPE record for Go: results of the wrong shape. 0 only
 * when out of memory. */
static gopy_fail_addr type_fail(const char *message, size_t n)
{
	gopy_fail *f = new_fail(GOPY_FAIL_TYPE);

	if (f)
		f->message = copy_str(message, n);
	return (gopy_fail_addr)f;
}

/*
 * The pending exception as a GOPY_FAIL_PYEXC record: message str(exc),
 * go_type the class's name, py the exception (a new reference Go owns),
 * and, for a GoError holding a Go error of this module, error its handle
 * (not Go's to release: valid while the exception lives), so that Go
 * gets that error back (errors.Is). The error indicator is cleared. Out of memory, the exception is
 * reported as unraisable and the call seems to have returned zeros.
 */
static gopy_fail_addr exception_fail(void)
{
	PyObject *exc = take_exception(), *name, *held;
	gopy_fail *f;

	if (!exc)
		return 0;
	if (!(f = new_fail(GOPY_FAIL_PYEXC))) {
		restore_exception(exc);
		Py_DECREF(exc);
		PyErr_WriteUnraisable(NULL);
		return 0;
	}
	f->message = str_of(exc);
	name = PyObject_GetAttrString((PyObject *)Py_TYPE(exc), "__name__");
	f->go_type = name ? str_of(name) : copy_str(Py_TYPE(exc)->tp_name, strlen(Py_TYPE(exc)->tp_name));
	if (!name)
		PyErr_Clear();
	Py_XDECREF(name);
	if ((f->error = gopy_priv_error_handle(api_module, exc, &held)))
		Py_DECREF(held); /* exc (or its _gopy_err) keeps it */
	f->py = exc;
	return (gopy_fail_addr)f;
}

/* ------------------------------------------------------------------ */
/* The table                                                           */
/* ------------------------------------------------------------------ */

static void api_incref(void *obj)
{
	PyGILState_STATE g;

	if (finalizing())
		return;
	g = PyGILState_Ensure();
	Py_INCREF((PyObject *)obj);
	PyGILState_Release(g);
}

static void api_decref(void *obj)
{
	PyGILState_STATE g;

	if (at_exit || finalizing())
		return;
	g = PyGILState_Ensure();
	Py_DECREF((PyObject *)obj);
	PyGILState_Release(g);
}

/* The callback's arguments, Go's records consumed (all of them, also
 * after a failure). A new tuple, or NULL with an exception. */
static PyObject *arguments(gopy_val *args, long long nargs)
{
	PyObject *t = PyTuple_New(nargs > 0 ? (Py_ssize_t)nargs : 0), *x;
	long long k;

	for (k = 0; k < nargs; k++) {
		if (!t) {
			gopy_val_free(&args[k]);
			continue;
		}
		if (!(x = gopy_from_val(api_module, &args[k])))
			Py_CLEAR(t);
		else
			PyTuple_SET_ITEM(t, (Py_ssize_t)k, x);
	}
	return t;
}

/*
 * "F returned T, not a tuple of n values", F the method's name or the
 * callable's repr, T the type of r: a GOPY_FAIL_TYPE record. 0 with an
 * exception when the message cannot be made.
 */
static gopy_fail_addr shape_fail(PyObject *obj, const char *method, PyObject *r,
				 long long n)
{
	PyObject *got = gopy_priv_type_name(Py_TYPE(r)), *msg = NULL;
	Py_ssize_t len = 0;
	const char *p;
	gopy_fail_addr f;

	if (got && method)
		msg = PyUnicode_FromFormat("%s returned %U, not a tuple of %lld values",
					   method, got, n);
	else if (got)
		msg = PyUnicode_FromFormat("%R returned %U, not a tuple of %lld values",
					   obj, got, n);
	p = msg ? PyUnicode_AsUTF8AndSize(msg, &len) : NULL;
	f = p ? type_fail(p, (size_t)len) : 0;
	Py_XDECREF(got);
	Py_XDECREF(msg);
	return f;
}

/*
 * Converts the callback's value r into nresults records (gopy_abi.h).
 * What is converted before a failure stays there: Go frees the results in
 * every case. 0 (and *fail) or -1 with an exception.
 */
/*
 * A float, an int within int64 or a bool as its record, the common
 * results, without the general conversion's frame: 1 when done.
 */
static int scalar_result(PyObject *r, gopy_val *out)
{
	int overflow;

	out->cls = -1; /* a plain value, of no class */

	if (PyFloat_CheckExact(r)) {
		out->kind = GOPY_VAL_FLOAT;
		out->f = PyFloat_AS_DOUBLE(r);
		return 1;
	}
	if (PyBool_Check(r)) {
		out->kind = GOPY_VAL_BOOL;
		out->i = r == Py_True;
		return 1;
	}
	if (PyLong_CheckExact(r)) {
		long long v = PyLong_AsLongLongAndOverflow(r, &overflow);
		if (overflow || (v == -1 && PyErr_Occurred())) {
			PyErr_Clear();
			return 0;
		}
		out->kind = GOPY_VAL_INT;
		out->i = v;
		return 1;
	}
	return 0;
}

static int results(PyObject *obj, const char *method, PyObject *r, gopy_val *res,
		   long long n, gopy_fail_addr *fail)
{
	long long k;

	if (n <= 0)
		return 0;
	if (n == 1)
		return scalar_result(r, &res[0]) ? 0 : gopy_dyn_result(api_module, method, 0, 1, r, &res[0]);
	if (!PyTuple_Check(r) || PyTuple_GET_SIZE(r) != n) {
		*fail = shape_fail(obj, method, r, n);
		return *fail ? 0 : -1;
	}
	for (k = 0; k < n; k++)
		if (gopy_dyn_result(api_module, method, (int)k, (int)n, PyTuple_GET_ITEM(r, k),
				    &res[k]) < 0)
			return -1;
	return 0;
}

#if !defined(PYPY_VERSION)
enum { FEW_ARGS = 6 };

/* Argument v: a number or bool of no class directly (the common
 * callback's, which hold nothing to free), else by gopy_from_val. */
static PyObject *argument(gopy_val *v)
{
	if (v->cls < 0) {
		switch (v->kind) {
		case GOPY_VAL_FLOAT:
			return PyFloat_FromDouble(v->f);
		case GOPY_VAL_INT:
			return PyLong_FromLongLong(v->i);
		case GOPY_VAL_BOOL:
			return PyBool_FromLong(v->i != 0);
		}
	}
	return gopy_from_val(api_module, v);
}

/* o(*args) for a few arguments, by vectorcall from the stack. */
static PyObject *call_few(PyObject *o, gopy_val *args, long long nargs)
{
	PyObject *stack[FEW_ARGS], *r = NULL;
	long long k, made = 0;

	for (k = 0; k < nargs; k++) {
		if (made < k) { /* a conversion failed: free the rest */
			gopy_val_free(&args[k]);
			continue;
		}
		if ((stack[k] = argument(&args[k])))
			made++;
	}
	if (made == nargs)
		r = PyObject_Vectorcall(o, stack, (size_t)nargs, NULL);
	for (k = 0; k < made; k++)
		Py_DECREF(stack[k]);
	return r;
}
#endif

static gopy_fail_addr api_call(void *obj, const char *method, gopy_val *args, long long nargs,
			       gopy_val *res, long long nres)
{
	static const char gone[] = "gopy: a Go callback after the Python interpreter finalized";
	PyObject *o = obj, *argt, *callee = NULL, *r = NULL;
	unsigned long long lent = 0;
	gopy_fail_addr fail = 0;
	PyGILState_STATE g;

	if (finalizing()) /* the arguments are left to the process's end */
		return type_fail(gone, sizeof gone - 1);
	g = PyGILState_Ensure();
#if !defined(PYPY_VERSION)
	if (!method && nargs <= FEW_ARGS) { /* the common callback: no tuple */
		r = call_few(o, args, nargs);
		argt = NULL;
		goto called;
	}
#endif
	/* Go's memory lent for the call (MEM: a stream's readinto or write)
	 * must not outlive it. */
	for (long long k = 0; k < nargs && k < 64; k++)
		if (args[k].kind == GOPY_VAL_MEM)
			lent |= 1ULL << k;
	argt = arguments(args, nargs);
	if (argt) {
		if (method) {
			callee = PyObject_GetAttrString(o, method);
		} else {
			callee = o;
			Py_INCREF(callee);
		}
	}
	if (callee)
		r = PyObject_Call(callee, argt, NULL);
#if !defined(PYPY_VERSION)
called:
#endif
	if (!r || results(o, method, r, res, nres, &fail) < 0) /* raised */
		fail = exception_fail();
	for (long long k = 0; lent && argt && k < nargs && k < 64; k++)
		if (lent & 1ULL << k)
			gopy_io_release(PyTuple_GET_ITEM(argt, (Py_ssize_t)k));
	Py_XDECREF(r);
	Py_XDECREF(callee);
	Py_XDECREF(argt);
	PyGILState_Release(g);
	return fail;
}

static gopy_str api_str(void *obj)
{
	PyGILState_STATE g;
	gopy_str s;

	if (finalizing()) {
		static const char gone[] = "<str() after the interpreter finalized>";

		return copy_str(gone, sizeof gone - 1);
	}
	g = PyGILState_Ensure();
	s = str_of((PyObject *)obj);
	PyGILState_Release(g);
	return s;
}

#if !defined(PYPY_VERSION)
/* Python waits in this thread for the Go call (it made the thread state
 * PyGILState knows); a thread Go started has none. */
static int api_has_caller(void)
{
	return PyGILState_GetThisThreadState() != NULL;
}
#else
/*
 * PyPy lacks PyGILState_GetThisThreadState: a thread the threading module
 * started or was started in (threading._active, not a _DummyThread, which
 * it makes for a foreign thread that asks current_thread()), asked with
 * the GIL. The thread releases it while it waits for Go, if it is one.
 */
static int api_has_caller(void)
{
	PyGILState_STATE g = PyGILState_Ensure();
	PyObject *threading = PyImport_ImportModule("threading");
	PyObject *active = NULL, *dummy = NULL, *ident = NULL, *t = NULL;
	int r = 0;

	if (threading) {
		active = PyObject_GetAttrString(threading, "_active");
		dummy = PyObject_GetAttrString(threading, "_DummyThread");
		ident = PyObject_CallMethod(threading, "get_ident", NULL);
	}
	if (active && dummy && ident && PyDict_Check(active) &&
	    (t = PyDict_GetItemWithError(active, ident)))
		r = PyObject_IsInstance(t, dummy) == 0;
	PyErr_Clear();
	Py_XDECREF(threading);
	Py_XDECREF(active);
	Py_XDECREF(dummy);
	Py_XDECREF(ident);
	PyGILState_Release(g);
	return r;
}
#endif

/*
 * Reports exc (borrowed), or RuntimeError(message), through
 * sys.unraisablehook: "Exception ignored in a Go callback" as the cffi
 * runtime does, where the C API can say it (3.13); before, "Exception
 * ignored in: 'a Go callback'".
 */
static void api_unraisable(void *exc, const char *message)
{
	PyObject *e = exc, *ctx = NULL;
	PyGILState_STATE g;

	if (finalizing())
		return;
	g = PyGILState_Ensure();
	if (e) {
		Py_INCREF(e);
	} else {
		PyErr_SetString(PyExc_RuntimeError, message ? message : "gopy: a Go callback failed");
		e = take_exception();
	}
	if (e && PyExceptionInstance_Check(e))
		restore_exception(e);
#if PY_VERSION_HEX >= 0x030D0000 && !defined(PYPY_VERSION)
	PyErr_FormatUnraisable("Exception ignored in a Go callback");
#else
	if (PyErr_Occurred()) {
		PyObject *t, *v, *tb;

		/* making ctx must not lose the exception */
		PyErr_Fetch(&t, &v, &tb);
		ctx = PyUnicode_FromString("a Go callback");
		if (!ctx)
			PyErr_Clear();
		PyErr_Restore(t, v, tb);
		PyErr_WriteUnraisable(ctx);
	}
#endif
	PyErr_Clear();
	Py_XDECREF(ctx);
	Py_XDECREF(e);
	PyGILState_Release(g);
}

static gopy_pyapi api = {
	api_incref, api_decref, api_call, api_str, api_has_caller, api_unraisable
};

/* ------------------------------------------------------------------ */
/* Module exec                                                         */
/* ------------------------------------------------------------------ */

static PyObject *note_exit(PyObject *self, PyObject *unused)
{
	(void)self;
	(void)unused;
	at_exit = 1;
	Py_RETURN_NONE;
}

static PyMethodDef note_exit_def = {"_gopy_at_exit", note_exit, METH_NOARGS, NULL};

/* Registers note_exit with the atexit module, once per process. */
static int register_at_exit(void)
{
	static int registered;
	PyObject *atexit, *fn = NULL, *r = NULL;

	if (registered)
		return 0;
	if ((atexit = PyImport_ImportModule("atexit")))
		fn = PyCFunction_New(&note_exit_def, NULL);
	if (fn)
		r = PyObject_CallMethod(atexit, "register", "O", fn);
	Py_XDECREF(atexit);
	Py_XDECREF(fn);
	Py_XDECREF(r);
	registered = r != NULL;
	return r ? 0 : -1;
}

int gopy_pyapi_init(PyObject *module)
{
	PyObject *old = api_module;

	if (register_at_exit() < 0)
		return -1;
#if defined(PYPY_VERSION)
	/* PyPy makes its GIL when Python starts a thread; before, a thread Go
	 * started could not wait for it (PyGILState_Ensure aborts). */
	PyEval_InitThreads();
#endif
	Py_INCREF(module);
	api_module = module;
	Py_XDECREF(old);
	gopy_set_pyapi(&api); /* Go has run its init functions (gopy_rt_init) */
	return 0;
}
