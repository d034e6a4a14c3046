/*
 * gopy_io.c: Go's io streams as Python binary file objects. See gopy_io.h
 * for the rules; the Go side is gopy_io.go (gopy_io_read, gopy_io_write,
 * gopy_io_close).
 *
 * The stream class is Python code (io.RawIOBase is a Python-level class
 * to derive from), run once per module at exec with three C functions
 * bound to the module: _read, _write and _close, each one Go call with
 * the GIL released, passing the caller's buffer to Go as it is.
 */
#include "gopy_io.h"
#include "gopy_rt_priv.h"

#include <string.h>

/* io.TextIOBase, process-wide like the io module itself. */
static PyObject *text_base;

static const char stream_source[] =
	"import io as _io\n"
	"import operator as _operator\n"
	"\n"
	"class GoStream(_io.RawIOBase):\n"
	"    \"\"\"A Go io.Reader, io.Writer or both as a binary file object. Passed\n"
	"    where Go wants a stream, Go gets its value back.\"\"\"\n"
	"\n"
	"    def __init__(self, value, mask):\n"
	"        self._gopy_value = value\n"
	"        self._gopy_mask = mask\n"
	"        self._gopy_rest = b''\n"
	"\n"
	"    def __del__(self):\n"
	"        pass  # Go may still hold the stream: only close() closes it\n"
	"\n"
	"    def __repr__(self):\n"
	"        return '<%s.GoStream %r>' % (_MODULE, self._gopy_value)\n"
	"\n"
	"    def _gopy_check(self, bit, what):\n"
	"        if self.closed:\n"
	"            raise ValueError('I/O operation on closed file')\n"
	"        if not self._gopy_mask & bit:\n"
	"            raise _io.UnsupportedOperation(what)\n"
	"\n"
	"    def readable(self):\n"
	"        if self.closed:\n"
	"            raise ValueError('I/O operation on closed file')\n"
	"        return bool(self._gopy_mask & 1)\n"
	"\n"
	"    def writable(self):\n"
	"        if self.closed:\n"
	"            raise ValueError('I/O operation on closed file')\n"
	"        return bool(self._gopy_mask & 2)\n"
	"\n"
	"    def readinto(self, b):\n"
	"        self._gopy_check(1, 'read')\n"
	"        rest = self._gopy_rest\n"
	"        if rest:\n"
	"            with memoryview(b) as m, m.cast('B') as m:\n"
	"                n = min(len(m), len(rest))\n"
	"                m[:n] = rest[:n]\n"
	"            self._gopy_rest = rest[n:]\n"
	"            return n\n"
	"        n = _read(self._gopy_value, b)\n"
	"        return None if n < 0 else n\n"
	"\n"
	"    def readline(self, size=-1):\n"
	"        self._gopy_check(1, 'read')\n"
	"        size = -1 if size is None else _operator.index(size)\n"
	"        out, got = [], 0\n"
	"        while size < 0 or got < size:\n"
	"            rest = self._gopy_rest\n"
	"            if not rest:\n"
	"                buf = bytearray(8192)\n"
	"                n = _read(self._gopy_value, buf)\n"
	"                if n <= 0:\n"
	"                    break\n"
	"                del buf[n:]\n"
	"                rest = bytes(buf)\n"
	"            limit = len(rest) if size < 0 else min(len(rest), size - got)\n"
	"            i = rest.find(b'\\n', 0, limit)\n"
	"            end = limit if i < 0 else i + 1\n"
	"            out.append(rest[:end])\n"
	"            got += end\n"
	"            self._gopy_rest = rest[end:]\n"
	"            if i >= 0:\n"
	"                break\n"
	"        return b''.join(out)\n"
	"\n"
	"    def readall(self):\n"
	"        self._gopy_check(1, 'read')\n"
	"        out, size = [self._gopy_rest], 65536\n"
	"        self._gopy_rest = b''\n"
	"        while True:\n"
	"            buf = bytearray(size)\n"
	"            n = _read(self._gopy_value, buf)\n"
	"            if n <= 0:\n"
	"                break\n"
	"            del buf[n:]\n"
	"            out.append(buf)\n"
	"            size = min(2 * size, 1 << 22)\n"
	"        return b''.join(out)\n"
	"\n"
	"    def write(self, b):\n"
	"        self._gopy_check(2, 'write')\n"
	"        return _write(self._gopy_value, b)\n"
	"\n"
	"    def close(self):\n"
	"        if not self.closed:\n"
	"            try:\n"
	"                if self._gopy_mask & 4:\n"
	"                    _close(self._gopy_value)\n"
	"            finally:\n"
	"                super().close()\n";

/* The handle of the GoValue v (a stream's), checked. */
static GoInt64 value_handle(PyObject *module, PyObject *v)
{
	gopy_state *st = PyModule_GetState(module);

	if (!st || !st->GoValue || !PyObject_TypeCheck(v, (PyTypeObject *)st->GoValue)) {
		PyErr_SetString(PyExc_TypeError, "gopy: not a Go stream");
		return 0;
	}
	return gopy_handle_of(v);
}

/* _read(value, buffer) -> count; 0 at EOF, -1 when Go had no data. */
static PyObject *io_read(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
	GoInt64 h;
	Py_buffer b;
	long long got = 0;
	gopy_fail_addr fail;

	if (nargs != 2 || !(h = value_handle(module, args[0])))
		return nargs != 2 ? PyErr_Format(PyExc_TypeError, "_read takes 2 arguments") : NULL;
	if (PyObject_GetBuffer(args[1], &b, PyBUF_WRITABLE) < 0)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(gopy_io_read(h, b.buf, (GoInt64)b.len, &got));
	Py_END_ALLOW_THREADS
	PyBuffer_Release(&b);
	if (fail)
		return gopy_raise_fail(module, fail);
	return PyLong_FromLongLong(got);
}

/* _write(value, bytes-like) -> count (all of it, or Go's error raised). */
static PyObject *io_write(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
	GoInt64 h;
	Py_buffer b;
	long long got = 0;
	gopy_fail_addr fail;

	if (nargs != 2 || !(h = value_handle(module, args[0])))
		return nargs != 2 ? PyErr_Format(PyExc_TypeError, "_write takes 2 arguments") : NULL;
	if (PyObject_GetBuffer(args[1], &b, PyBUF_C_CONTIGUOUS) < 0)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(gopy_io_write(h, b.buf, (GoInt64)b.len, &got));
	Py_END_ALLOW_THREADS
	PyBuffer_Release(&b);
	if (fail)
		return gopy_raise_fail(module, fail);
	return PyLong_FromLongLong(got);
}

/* _close(value): Go's Close, when the value is an io.Closer. */
static PyObject *io_close(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
	GoInt64 h;
	gopy_fail_addr fail;

	if (nargs != 1 || !(h = value_handle(module, args[0])))
		return nargs != 1 ? PyErr_Format(PyExc_TypeError, "_close takes 1 argument") : NULL;
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(gopy_io_close(h));
	Py_END_ALLOW_THREADS
	if (fail)
		return gopy_raise_fail(module, fail);
	Py_RETURN_NONE;
}

static PyMethodDef io_defs[] = {
	{"_read", (PyCFunction)(void (*)(void))io_read, METH_FASTCALL, NULL},
	{"_write", (PyCFunction)(void (*)(void))io_write, METH_FASTCALL, NULL},
	{"_close", (PyCFunction)(void (*)(void))io_close, METH_FASTCALL, NULL},
	{NULL, NULL, 0, NULL},
};

int gopy_io_init(PyObject *module)
{
	gopy_state *st = PyModule_GetState(module);
	PyObject *ns, *r, *io, *name;
	int set;

	if (!st)
		return -1;
	if (!text_base) {
		if (!(io = PyImport_ImportModule("io")))
			return -1;
		text_base = PyObject_GetAttrString(io, "TextIOBase");
		Py_DECREF(io);
		if (!text_base)
			return -1;
	}
	if (!(ns = PyDict_New()))
		return -1;
	if (PyDict_SetItemString(ns, "__builtins__", PyEval_GetBuiltins()) < 0 ||
	    !(name = PyObject_GetAttrString(module, "__name__")))
		goto fail;
	set = PyDict_SetItemString(ns, "__name__", name) < 0 ? -1 : PyDict_SetItemString(ns, "_MODULE", name);
	Py_DECREF(name);
	if (set < 0)
		goto fail;
	for (PyMethodDef *d = io_defs; d->ml_name; d++) {
		PyObject *fn = PyCFunction_New(d, module);
		if (!fn || PyDict_SetItemString(ns, d->ml_name, fn) < 0) {
			Py_XDECREF(fn);
			goto fail;
		}
		Py_DECREF(fn);
	}
	if (!(r = PyRun_String(stream_source, Py_file_input, ns, ns)))
		goto fail;
	Py_DECREF(r);
	st->Stream = PyDict_GetItemString(ns, "GoStream");
	Py_XINCREF(st->Stream);
	Py_DECREF(ns);
	return st->Stream ? 0 : -1;
fail:
	Py_DECREF(ns);
	return -1;
}

PyObject *gopy_io_value_of(PyObject *module, PyObject *o)
{
	gopy_state *st = PyModule_GetState(module);
	PyObject *v;

	if (!st || !st->Stream || !PyObject_TypeCheck(o, (PyTypeObject *)st->Stream))
		return NULL;
	/* The instance dict's entry, borrowed: o keeps it. */
	v = PyObject_GetAttrString(o, "_gopy_value");
	if (!v) {
		PyErr_Clear();
		return NULL;
	}
	Py_DECREF(v);
	return v;
}

PyObject *gopy_io_from_val(PyObject *module, GoInt64 h, int mask)
{
	gopy_state *st = PyModule_GetState(module);
	PyObject *v, *r;

	if (!st || !st->Stream || !st->GoValue) {
		gopy_release(h);
		PyErr_SetString(PyExc_SystemError, "gopy: stream class not initialized");
		return NULL;
	}
	if (!(v = gopy_object_wrap((PyTypeObject *)st->GoValue, h)))
		return NULL;
	r = PyObject_CallFunction(st->Stream, "Oi", v, mask);
	Py_DECREF(v);
	return r;
}

/* TypeError "<subject> must <what>, not <type>". */
static int must(gopy_frame *f, int idx, PyObject *o, const char *what)
{
	PyObject *got = gopy_priv_type_name(Py_TYPE(o));

	if (got)
		gopy_priv_arg_error(f, idx, PyExc_TypeError, "must %s, not %U", what, got);
	Py_XDECREF(got);
	return -1;
}

/* Whether o has attribute name: 1, 0, or -1 with an exception. */
static int has(PyObject *o, const char *name)
{
	PyObject *a = PyObject_GetAttrString(o, name);

	if (a) {
		Py_DECREF(a);
		return 1;
	}
	if (!PyErr_ExceptionMatches(PyExc_AttributeError))
		return -1;
	PyErr_Clear();
	return 0;
}

/* A reader's bytes: bytes as they are (the caller keeps them alive for the
 * call), other buffers copied into the frame, as they may change. */
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

int gopy_io_to_val(gopy_frame *f, int idx, PyObject *o, gopy_val *out, int pykind)
{
	int reads = pykind != GOPY_PY_WRITER, writes = pykind != GOPY_PY_READER;
	int r, readinto = 0;

	if ((r = PyObject_IsInstance(o, text_base)) != 0)
		return r < 0 ? -1
			     : gopy_priv_arg_error(f, idx, PyExc_TypeError,
						   "must be a binary stream, not a text stream: open the file "
						   "with 'rb' or pass its .buffer");
	if (reads) {
		/* A stream first: PyPy's BytesIO claims the buffer protocol too. */
		if ((readinto = has(o, "readinto")) < 0 || (!readinto && (r = has(o, "read")) < 0))
			return -1;
		if (!readinto && !r && !writes && PyObject_CheckBuffer(o))
			return to_bytes(f, o, out);
		if (!readinto && !r)
			return must(f, idx, o,
				    writes ? "be a binary file object (with readinto or read, and write)"
					   : "be a binary file object (with readinto or read) or bytes-like");
	}
	if (writes && (r = has(o, "write")) <= 0)
		return r < 0 ? -1 : must(f, idx, o, "be a binary file object (with write)");
	out->kind = GOPY_VAL_PY;
	out->i = readinto;
	out->py = o;
	Py_INCREF(o);
	return gopy_frame_keep(f, o);
}

PyObject *gopy_io_mem(const gopy_val *v)
{
	static char empty;
	Py_buffer b;

	/* From a filled buffer rather than PyMemoryView_FromMemory, whose
	 * view PyPy's cpyext makes read-only. */
	if (PyBuffer_FillInfo(&b, NULL, v->str.p ? v->str.p : &empty, (Py_ssize_t)v->str.n, !v->i,
			      v->i ? PyBUF_FULL : PyBUF_FULL_RO) < 0)
		return NULL;
	return PyMemoryView_FromBuffer(&b);
}

void gopy_io_release(PyObject *view)
{
	PyObject *r;

	if (!PyMemoryView_Check(view))
		return;
	if (!(r = PyObject_CallMethod(view, "release", NULL)))
		PyErr_Clear();
	Py_XDECREF(r);
}
