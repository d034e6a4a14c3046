/*
 * limit.c: "the limit" of gopy's benchmarks. A hand-written CPython
 * extension that calls the cgo exports of bench/go/climit (built with
 * go build -buildmode=c-shared into libgobenchlimit.so, linked here) in
 * the most direct way: positional arguments only, the CPython C API's
 * fastest calling conventions, no per-call lookups. What gopy adds on top
 * of this is its own overhead.
 *
 * Built by bench/run.py:
 *   cc -O2 -shared -fPIC -I<python include> -I<dir of libgobenchlimit.h>
 *      limit.c -L<dir> -lgobenchlimit -Wl,-rpath,<dir> -o limit<EXT_SUFFIX>
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <string.h>

#include "libgobenchlimit.h"

/* ---- Add and Nop ---- */

static int
two_ints(PyObject *const *args, Py_ssize_t nargs, long long *a, long long *b)
{
	if (nargs != 2) {
		PyErr_SetString(PyExc_TypeError, "expected 2 arguments");
		return -1;
	}
	*a = PyLong_AsLongLong(args[0]);
	if (*a == -1 && PyErr_Occurred())
		return -1;
	*b = PyLong_AsLongLong(args[1]);
	if (*b == -1 && PyErr_Occurred())
		return -1;
	return 0;
}

static PyObject *
add_gil(PyObject *mod, PyObject *const *args, Py_ssize_t nargs)
{
	long long a, b;

	(void)mod;
	if (two_ints(args, nargs, &a, &b) < 0)
		return NULL;
	return PyLong_FromLongLong(bench_add(a, b));
}

static PyObject *
add_nogil(PyObject *mod, PyObject *const *args, Py_ssize_t nargs)
{
	long long a, b, r;

	(void)mod;
	if (two_ints(args, nargs, &a, &b) < 0)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	r = bench_add(a, b);
	Py_END_ALLOW_THREADS
	return PyLong_FromLongLong(r);
}

static PyObject *
nop_gil(PyObject *mod, PyObject *unused)
{
	(void)mod, (void)unused;
	bench_nop();
	Py_RETURN_NONE;
}

static PyObject *
nop_nogil(PyObject *mod, PyObject *unused)
{
	(void)mod, (void)unused;
	Py_BEGIN_ALLOW_THREADS
	bench_nop();
	Py_END_ALLOW_THREADS
	Py_RETURN_NONE;
}

/* ---- Concat: str arguments as GoString over their UTF-8, GIL released ---- */

static PyObject *
concat(PyObject *mod, PyObject *const *args, Py_ssize_t nargs)
{
	GoString a, b;
	Py_ssize_t na, nb;
	char small[256], *out;
	PyObject *res;

	(void)mod;
	if (nargs != 2) {
		PyErr_SetString(PyExc_TypeError, "expected 2 arguments");
		return NULL;
	}
	if (!(a.p = PyUnicode_AsUTF8AndSize(args[0], &na)) ||
	    !(b.p = PyUnicode_AsUTF8AndSize(args[1], &nb)))
		return NULL;
	a.n = na;
	b.n = nb;
	out = (size_t)(na + nb) <= sizeof small ? small : malloc((size_t)(na + nb) + 1);
	if (!out)
		return PyErr_NoMemory();
	Py_BEGIN_ALLOW_THREADS
	bench_concat(a, b, out);
	Py_END_ALLOW_THREADS
	res = PyUnicode_DecodeUTF8(out, na + nb, "surrogateescape");
	if (out != small)
		free(out);
	return res;
}

/* ---- Point: an int64 handle into the Go table of climit ---- */

typedef struct {
	PyObject_HEAD
	long long handle;
} PointObject;

static PyObject *
Point_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
	double x, y;
	PointObject *self;

	if ((kwargs && PyDict_GET_SIZE(kwargs)) || PyTuple_GET_SIZE(args) != 2) {
		PyErr_SetString(PyExc_TypeError, "Point(x, y)");
		return NULL;
	}
	x = PyFloat_AsDouble(PyTuple_GET_ITEM(args, 0));
	if (x == -1.0 && PyErr_Occurred())
		return NULL;
	y = PyFloat_AsDouble(PyTuple_GET_ITEM(args, 1));
	if (y == -1.0 && PyErr_Occurred())
		return NULL;
	if (!(self = (PointObject *)type->tp_alloc(type, 0)))
		return NULL;
	self->handle = bench_point_new(x, y);
	return (PyObject *)self;
}

static void
Point_dealloc(PyObject *self)
{
	bench_point_free(((PointObject *)self)->handle);
	Py_TYPE(self)->tp_free(self);
}

/* Sum with the GIL released, as gopy calls methods. */
static PyObject *
Point_sum(PyObject *self, PyObject *unused)
{
	long long h = ((PointObject *)self)->handle;
	double r;

	(void)unused;
	Py_BEGIN_ALLOW_THREADS
	r = bench_point_sum(h);
	Py_END_ALLOW_THREADS
	return PyFloat_FromDouble(r);
}

static PyObject *
Point_sum_gil(PyObject *self, PyObject *unused)
{
	(void)unused;
	return PyFloat_FromDouble(bench_point_sum(((PointObject *)self)->handle));
}

/* Field accessors keep the GIL, as gopy's do. */
static PyObject *
Point_get_x(PyObject *self, void *closure)
{
	(void)closure;
	return PyFloat_FromDouble(bench_point_get_x(((PointObject *)self)->handle));
}

static int
Point_set_x(PyObject *self, PyObject *value, void *closure)
{
	double v;

	(void)closure;
	if (!value) {
		PyErr_SetString(PyExc_AttributeError, "cannot delete X");
		return -1;
	}
	v = PyFloat_AsDouble(value);
	if (v == -1.0 && PyErr_Occurred())
		return -1;
	bench_point_set_x(((PointObject *)self)->handle, v);
	return 0;
}

static PyMethodDef Point_methods[] = {
	{"Sum", Point_sum, METH_NOARGS, "X + Y (GIL released)"},
	{"SumGIL", Point_sum_gil, METH_NOARGS, "X + Y (GIL held)"},
	{NULL, NULL, 0, NULL},
};

static PyGetSetDef Point_getset[] = {
	{"X", Point_get_x, Point_set_x, "X", NULL},
	{NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject PointType = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "limit.Point",
	.tp_basicsize = sizeof(PointObject),
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_doc = "a Go point held by handle",
	.tp_new = Point_new,
	.tp_dealloc = Point_dealloc,
	.tp_methods = Point_methods,
	.tp_getset = Point_getset,
};

/* ---- containers: Go reads C memory in place ---- */

/* sum_floats(buffer of float64): zero copy, GIL released. */
static PyObject *
sum_floats(PyObject *mod, PyObject *arg)
{
	Py_buffer view;
	double r;

	(void)mod;
	if (PyObject_GetBuffer(arg, &view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
		return NULL;
	if (view.itemsize != 8 || !view.format || strcmp(view.format, "d") != 0) {
		PyBuffer_Release(&view);
		PyErr_SetString(PyExc_TypeError, "expected a float64 buffer");
		return NULL;
	}
	Py_BEGIN_ALLOW_THREADS
	r = bench_sum_floats(view.buf, view.len / 8);
	Py_END_ALLOW_THREADS
	PyBuffer_Release(&view);
	return PyFloat_FromDouble(r);
}

/* A list of ints as a malloc'd int64 array (*out, to free). */
static Py_ssize_t
list_to_int64(PyObject *list, long long **out)
{
	Py_ssize_t i, n;
	long long *p;

	if (!PyList_Check(list)) {
		PyErr_SetString(PyExc_TypeError, "expected a list");
		return -1;
	}
	n = PyList_GET_SIZE(list);
	if (!(p = malloc((size_t)(n ? n : 1) * sizeof *p))) {
		PyErr_NoMemory();
		return -1;
	}
	for (i = 0; i < n; i++) {
		p[i] = PyLong_AsLongLong(PyList_GET_ITEM(list, i));
		if (p[i] == -1 && PyErr_Occurred()) {
			free(p);
			return -1;
		}
	}
	*out = p;
	return n;
}

static PyObject *
sum_ints(PyObject *mod, PyObject *arg)
{
	long long *p, r;
	Py_ssize_t n;

	(void)mod;
	if ((n = list_to_int64(arg, &p)) < 0)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	r = bench_sum_ints(p, n);
	Py_END_ALLOW_THREADS
	free(p);
	return PyLong_FromLongLong(r);
}

static PyObject *
find(PyObject *mod, PyObject *const *args, Py_ssize_t nargs)
{
	long long *p, x, r;
	Py_ssize_t n;

	(void)mod;
	if (nargs != 2) {
		PyErr_SetString(PyExc_TypeError, "expected 2 arguments");
		return NULL;
	}
	x = PyLong_AsLongLong(args[1]);
	if (x == -1 && PyErr_Occurred())
		return NULL;
	if ((n = list_to_int64(args[0], &p)) < 0)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	r = bench_find(p, n, x);
	Py_END_ALLOW_THREADS
	free(p);
	return PyLong_FromLongLong(r);
}

/* ---- a Go -> Python callback ---- */

/* PyObject_CallOneArg is CPython 3.9's; PyPy's cpyext may lack it. */
#if defined(PYPY_VERSION) || PY_VERSION_HEX < 0x03090000
#define PyObject_CallOneArg(f, a) PyObject_CallFunctionObjArgs((f), (a), NULL)
#endif

/*
 * What Go calls for each x (bench_callback's f; ctx is the Python
 * callable): take the GIL, call, read the float, release. An exception
 * cannot go back through Go's loop: it is reported, as an unraisable one.
 */
static double
call_py_float(void *ctx, double x)
{
	PyGILState_STATE gil = PyGILState_Ensure();
	PyObject *arg = PyFloat_FromDouble(x), *res = NULL;
	double r = 0;

	if (arg) {
		res = PyObject_CallOneArg((PyObject *)ctx, arg);
		Py_DECREF(arg);
	}
	if (res) {
		r = PyFloat_AsDouble(res);
		Py_DECREF(res);
	}
	if (PyErr_Occurred())
		PyErr_WriteUnraisable((PyObject *)ctx);
	PyGILState_Release(gil);
	return r;
}

/* callback(f, n): Go's loop calls f(float(i)) for i < n (gobench.CallMany),
 * the GIL released while Go runs, as gopy does. */
static PyObject *
callback(PyObject *mod, PyObject *const *args, Py_ssize_t nargs)
{
	long long n;
	double r;

	(void)mod;
	if (nargs != 2 || !PyCallable_Check(args[0])) {
		PyErr_SetString(PyExc_TypeError, "expected a callable and a count");
		return NULL;
	}
	n = PyLong_AsLongLong(args[1]);
	if (n == -1 && PyErr_Occurred())
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	r = bench_callback(call_py_float, args[0], n);
	Py_END_ALLOW_THREADS
	return PyFloat_FromDouble(r);
}

static PyMethodDef limit_methods[] = {
	{"add_gil", (PyCFunction)(void (*)(void))add_gil, METH_FASTCALL, "bench_add, GIL held"},
	{"add_nogil", (PyCFunction)(void (*)(void))add_nogil, METH_FASTCALL, "bench_add, GIL released"},
	{"nop_gil", nop_gil, METH_NOARGS, "bench_nop, GIL held"},
	{"nop_nogil", nop_nogil, METH_NOARGS, "bench_nop, GIL released"},
	{"concat", (PyCFunction)(void (*)(void))concat, METH_FASTCALL, "bench_concat, GIL released"},
	{"sum_floats", sum_floats, METH_O, "bench_sum_floats on a float64 buffer, zero copy"},
	{"sum_ints", sum_ints, METH_O, "bench_sum_ints on a list converted in C"},
	{"find", (PyCFunction)(void (*)(void))find, METH_FASTCALL, "bench_find on a list converted in C"},
	{"callback", (PyCFunction)(void (*)(void))callback, METH_FASTCALL,
	 "bench_callback: Go calls a Python function of one float n times"},
	{NULL, NULL, 0, NULL},
};

static struct PyModuleDef limit_module = {
	PyModuleDef_HEAD_INIT, "limit",
	"The hand-written baseline of gopy's benchmarks (bench/limit/limit.c).",
	-1, limit_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit_limit(void)
{
	PyObject *m;

	if (PyType_Ready(&PointType) < 0)
		return NULL;
	if (!(m = PyModule_Create(&limit_module)))
		return NULL;
	Py_INCREF(&PointType);
	if (PyModule_AddObject(m, "Point", (PyObject *)&PointType) < 0) {
		Py_DECREF(&PointType);
		Py_DECREF(m);
		return NULL;
	}
	return m;
}
