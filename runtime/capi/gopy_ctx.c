/*
 * gopy_ctx.c: calls that take a context.Context. See gopy_ctx.h.
 */
#include "gopy_ctx.h"

#include <math.h>
#include <string.h>

#include "gopy_rt_priv.h"

/* How long the main thread waits for Go between two looks at signals:
 * short enough that Ctrl-C feels immediate, long enough to cost nothing. */
#define GOPY_CTX_SLICE_MS 50

/* Whether the str key spells name. */
static int key_is(PyObject *key, const char *name)
{
	Py_ssize_t len;
	const char *s = PyUnicode_AsUTF8AndSize(key, &len);

	if (!s) {
		PyErr_Clear();
		return 0;
	}
	return strlen(name) == (size_t)len && memcmp(name, s, (size_t)len) == 0;
}

/* The timeout o in nanoseconds: -1 for None, else at least 0 (a deadline
 * already past when o is not positive). */
static int to_timeout(const gopy_frame *f, const char *name, PyObject *o, long long *ns)
{
	PyObject *dt, *td, *secs = NULL;
	double s;
	int is_td;

	*ns = -1;
	if (!o || o == Py_None)
		return 0;
	if (PyFloat_Check(o) || PyLong_Check(o)) {
		s = PyFloat_AsDouble(o);
		if (s == -1.0 && PyErr_Occurred())
			return -1;
	} else {
		dt = PyImport_ImportModule("datetime");
		td = dt ? PyObject_GetAttrString(dt, "timedelta") : NULL;
		Py_XDECREF(dt);
		is_td = td ? PyObject_IsInstance(o, td) : -1;
		Py_XDECREF(td);
		if (is_td < 0)
			return -1;
		if (is_td)
			secs = PyObject_CallMethod(o, "total_seconds", NULL);
		if (!is_td) {
			PyErr_Format(PyExc_TypeError,
				     "%s() argument '%s' must be a number of seconds, a timedelta "
				     "or None, not %.200s",
				     f->sig->name, name, Py_TYPE(o)->tp_name);
			return -1;
		}
		if (!secs)
			return -1;
		s = PyFloat_AsDouble(secs);
		Py_DECREF(secs);
		if (s == -1.0 && PyErr_Occurred())
			return -1;
	}
	if (isnan(s)) {
		PyErr_Format(PyExc_ValueError, "%s() argument '%s' is not a number", f->sig->name, name);
		return -1;
	}
	if (s <= 0)
		*ns = 0;
	else if (s >= 9.2e9) /* past int64 nanoseconds: no deadline in practice */
		*ns = 9200000000000000000LL;
	else
		*ns = (long long)(s * 1e9);
	return 0;
}

int gopy_ctx_bind(gopy_frame *f, int ctx, const char *timeout, PyObject *const *args, Py_ssize_t nargs,
		  PyObject *kwnames, PyObject **argv, PyObject *const **va, Py_ssize_t *nva,
		  long long *timeout_ns)
{
	const gopy_sig *sig = f->sig;
	Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0, nother = 0, i;
	PyObject *tmo = NULL;
	int ctx_kw = 0;

	for (i = 0; i < nkw; i++) {
		PyObject *key = PyTuple_GET_ITEM(kwnames, i);
		if (key_is(key, timeout)) {
			tmo = args[nargs + i];
			continue;
		}
		ctx_kw |= key_is(key, sig->params[ctx]);
		nother++;
	}
	if (!sig->variadic && !ctx_kw && nargs > ctx && nargs + nother < sig->nparams) {
		/* The context left out: the positional arguments skip it. */
		for (i = 0; i < sig->nparams; i++)
			argv[i] = i < ctx ? args[i] : i > ctx && i - 1 < nargs ? args[i - 1] : NULL;
		if (va) {
			*va = NULL;
			*nva = 0;
		}
	} else if (gopy_priv_bind_positional(sig, args, nargs, argv, va, nva) < 0) {
		return -1;
	}
	for (i = 0; i < nkw; i++) {
		PyObject *key = PyTuple_GET_ITEM(kwnames, i);
		if (!key_is(key, timeout) && gopy_priv_bind_keyword(sig, argv, key, args[nargs + i]) < 0)
			return -1;
	}
	if (!argv[ctx])
		argv[ctx] = Py_None;
	if (gopy_priv_bind_required(sig, argv, 0) < 0)
		return -1;
	return to_timeout(f, timeout, tmo, timeout_ns);
}

/*
 * Whether this is the main thread, the one that handles signals (1 when
 * that cannot be told). Asked of Python's own _thread and threading:
 * PyPy's cpyext numbers threads otherwise than PyThread_get_thread_ident.
 */
static int on_main_thread(void)
{
	static PyObject *get_ident;
	static unsigned long long main_ident;
	PyObject *id;
	unsigned long long ident;

	if (!get_ident) {
		PyObject *thread = PyImport_ImportModule("_thread");
		PyObject *threading = PyImport_ImportModule("threading");
		PyObject *t = threading ? PyObject_CallMethod(threading, "main_thread", NULL) : NULL;
		PyObject *mid = t ? PyObject_GetAttrString(t, "ident") : NULL;

		main_ident = mid ? PyLong_AsUnsignedLongLong(mid) : 0;
		get_ident = thread && mid ? PyObject_GetAttrString(thread, "get_ident") : NULL;
		Py_XDECREF(mid);
		Py_XDECREF(t);
		Py_XDECREF(threading);
		Py_XDECREF(thread);
		if (!get_ident) {
			PyErr_Clear();
			return 1;
		}
	}
	id = PyObject_CallNoArgs(get_ident);
	ident = id ? PyLong_AsUnsignedLongLong(id) : 0;
	Py_XDECREF(id);
	if (PyErr_Occurred()) {
		PyErr_Clear();
		return 1;
	}
	return ident == main_ident;
}

/* The exception set, taken as one object (its traceback attached). */
static PyObject *take_exception(void)
{
#if PY_VERSION_HEX >= 0x030C0000 && !defined(PYPY_VERSION)
	return PyErr_GetRaisedException();
#else
	PyObject *type, *value, *tb;

	PyErr_Fetch(&type, &value, &tb);
	PyErr_NormalizeException(&type, &value, &tb);
	if (tb && value)
		PyException_SetTraceback(value, tb);
	Py_XDECREF(type);
	Py_XDECREF(tb);
	return value;
#endif
}

/* Runs Python's handlers of the signals that came: 0, or -1 with their
 * exception. */
static int check_signals(void)
{
#ifdef PYPY_VERSION
	/* cpyext's PyErr_CheckSignals runs no handler: PyPy runs them when it
	 * next runs a loop of Python code, so one is run. */
	static PyObject *loop;
	PyObject *r;

	if (!loop) {
		PyObject *g = PyDict_New();
		r = g ? PyRun_String("def gopy_check_signals():\n    for _ in (0, 1):\n        pass\n", Py_file_input, g, g) : NULL;
		loop = r ? PyDict_GetItemString(g, "gopy_check_signals") : NULL;
		Py_XINCREF(loop);
		Py_XDECREF(r);
		Py_XDECREF(g);
		if (!loop)
			return -1;
	}
	r = PyObject_CallNoArgs(loop);
	if (!r) {
		/* The handler's exception, without the loop's frame. */
		PyObject *type, *value, *tb;

		PyErr_Fetch(&type, &value, &tb);
		PyErr_NormalizeException(&type, &value, &tb);
		Py_XDECREF(tb);
		if (value)
			PyException_SetTraceback(value, Py_None);
		PyErr_Restore(type, value, NULL);
		return -1;
	}
	Py_DECREF(r);
	return 0;
#else
	return PyErr_CheckSignals();
#endif
}

gopy_fail_addr gopy_ctx_await(long long call, PyObject **interrupt)
{
	/* Off the main thread no signal is handled: wait it out. */
	long long ms = on_main_thread() ? GOPY_CTX_SLICE_MS : -1;
	int done = 0;

	*interrupt = NULL;
	while (!done) {
		Py_BEGIN_ALLOW_THREADS
		done = gopy_ctx_wait(call, ms);
		Py_END_ALLOW_THREADS
		if (!done && check_signals() < 0) {
			*interrupt = take_exception();
			gopy_ctx_cancel(call);
			Py_BEGIN_ALLOW_THREADS
			gopy_ctx_wait(call, -1);
			Py_END_ALLOW_THREADS
			done = 1;
		}
	}
	return gopy_ctx_end(call);
}

PyObject *gopy_ctx_done(PyObject *res, PyObject *interrupt)
{
	if (!interrupt)
		return res;
	Py_XDECREF(res);
	PyErr_Clear();
#if PY_VERSION_HEX >= 0x030C0000 && !defined(PYPY_VERSION)
	PyErr_SetRaisedException(interrupt);
#else
	{
		PyObject *tb = PyException_GetTraceback(interrupt);
		Py_INCREF(Py_TYPE(interrupt));
		PyErr_Restore((PyObject *)Py_TYPE(interrupt), interrupt, tb);
	}
#endif
	return NULL;
}
