/*
 * gopy_view.c: Go slices, arrays and maps as Python objects, the CPython
 * side. See gopy_view.h for the interface and the rules; the Go helpers
 * are in gopy_views.go and the per-type exports in the generated glue.
 *
 * Calls into Go made here with the GIL held (gopy_handle_addr,
 * gopy_view_pin, gopy_view_reslice, gopy_view_append and the per-type
 * element, make and map exports) run no user code: they index, convert
 * and allocate. Like field access, they keep the GIL so that Python
 * threads see each operation whole.
 */
#include "gopy_view.h"
#include "gopy_rt_priv.h"

#include <string.h>

/* Room for one C value of any element kind (gopy_str, GoComplex128, a
 * gopy_seq of a nested container). */
typedef union elem_buf {
	max_align_t align;
	char bytes[64];
} elem_buf;

static PyObject *view_module(PyObject *self)
{
	return gopy_module_of(self, ((gopy_view *)self)->def->def);
}

static int convert_items(gopy_frame *f, int idx, const gopy_elem *e, PyObject *const *items,
			 Py_ssize_t n, void **out, int is_key, PyObject *const *keys);

static PyObject *view_make(PyTypeObject *cls, PyObject *module, gopy_frame *f, PyObject *arg,
			   const gopy_viewdef *d);

static int is_flat(const gopy_viewdef *d)
{
	return d->kind != GOPY_VIEW_MAP && d->elem.format != NULL;
}

/* ------------------------------------------------------------------ */
/* Slices and arrays: where the elements are                           */
/* ------------------------------------------------------------------ */

/*
 * The current elements of a slice or array view: Go's memory (data may be
 * NULL when len is 0). A slice's header is read on every call, so a view
 * of a field sees Go's later assignments to it. -1 with an exception.
 */
static int seq_mem(gopy_view *v, char **data, Py_ssize_t *len)
{
	if (!v->addr) {
		GoUintptr a;

		if (GOPY_FORKED()) {
			gopy_raise_forked();
			return -1;
		}
		if (!(a = gopy_handle_addr(v->handle))) {
			PyErr_SetString(PyExc_SystemError, "gopy: view of a released handle");
			return -1;
		}
		v->addr = (void *)a;
	}
	if (v->def->kind == GOPY_VIEW_ARRAY) {
		*data = v->addr;
		*len = v->def->len;
	} else {
		const GoSlice *s = v->addr;
		*data = s->data;
		*len = (Py_ssize_t)s->len;
	}
	return 0;
}

static Py_ssize_t seq_length(PyObject *self)
{
	char *data;
	Py_ssize_t len;

	return seq_mem((gopy_view *)self, &data, &len) < 0 ? -1 : len;
}

/* Element i (checked in range) as a Python object. */
static PyObject *seq_get(gopy_view *v, PyObject *module, char *data, Py_ssize_t i)
{
	const gopy_viewdef *d = v->def;
	gopy_fail_addr fail;
	elem_buf buf;

	if (is_flat(d))
		return d->elem.to_py(module, data + (size_t)i * d->elem.csize);
	fail = GOPY_GO(d->get(v->handle, (GoInt)i, &buf));
	if (fail)
		return gopy_raise_fail(module, fail);
	return d->elem.to_py(module, &buf);
}

/* Converts value into element i (checked in range); a frame names it. */
static int seq_set(gopy_view *v, PyObject *module, char *data, Py_ssize_t i,
		   PyObject *value)
{
	const gopy_viewdef *d = v->def;
	gopy_frame f = GOPY_FRAME_INIT(d->elemsig, module);
	gopy_fail_addr fail;
	elem_buf buf;
	int rc = -1;

	if (is_flat(d)) {
		/* Converters write only on success: a bad value changes nothing. */
		rc = d->elem.to_c(&f, 0, value, data + (size_t)i * d->elem.csize);
		gopy_frame_release(&f);
		return rc;
	}
	if (d->elem.to_c(&f, 0, value, &buf) < 0)
		goto done;
	fail = GOPY_GO(d->set(v->handle, (GoInt)i, 1, 1, &buf));
	if (fail) {
		gopy_raise_fail(module, fail);
		goto done;
	}
	rc = 0;
done:
	gopy_frame_release(&f);
	return rc;
}

/*
 * Converts n C values at p (each `size` bytes) with elem->to_py into a new
 * list. Every value is converted, also after a failure, so that what the
 * values own is released; then NULL is returned with the first error.
 */
static PyObject *list_from_c(PyObject *module, const gopy_elem *elem, char *p, Py_ssize_t n)
{
	PyObject *list = PyList_New(n);
	Py_ssize_t i;

	for (i = 0; i < n; i++) {
		PyObject *o;

		if (!list) {
			/* Release what is left; keep the first exception. */
			PyObject *t, *v, *tb;
			PyErr_Fetch(&t, &v, &tb);
			Py_XDECREF(elem->to_py(module, p + (size_t)i * elem->outsize));
			PyErr_Restore(t, v, tb);
			continue;
		}
		o = elem->to_py(module, p + (size_t)i * elem->outsize);
		if (!o) {
			Py_CLEAR(list);
			continue;
		}
		PyList_SET_ITEM(list, i, o);
	}
	return list;
}

/* All elements as a new list: read in place, or one Go call. */
static PyObject *seq_list(gopy_view *v, PyObject *module)
{
	const gopy_viewdef *d = v->def;
	gopy_fail_addr fail;
	void *items = NULL;
	GoInt n = 0;
	char *data;
	Py_ssize_t len;
	PyObject *list;

	if (is_flat(d)) {
		if (seq_mem(v, &data, &len) < 0)
			return NULL;
		return list_from_c(module, &d->elem, data, len);
	}
	fail = GOPY_GO(d->items(v->handle, &items, &n));
	if (fail)
		return gopy_raise_fail(module, fail);
	list = list_from_c(module, &d->elem, items, (Py_ssize_t)n);
	free(items);
	return list;
}

/* ------------------------------------------------------------------ */
/* Slices and arrays: the sequence protocol                            */
/* ------------------------------------------------------------------ */

static int index_error(gopy_view *v, Py_ssize_t i, Py_ssize_t len)
{
	PyErr_Format(PyExc_IndexError, "index %zd out of range for %s of length %zd",
		     i, v->def->gotype, len);
	return -1;
}

/* sq_item: i is already adjusted for negative indices by CPython. */
static PyObject *seq_item(PyObject *self, Py_ssize_t i)
{
	gopy_view *v = (gopy_view *)self;
	PyObject *module = view_module(self);
	char *data;
	Py_ssize_t len;

	if (!module || seq_mem(v, &data, &len) < 0)
		return NULL;
	if (i < 0 || i >= len) {
		index_error(v, i, len);
		return NULL;
	}
	return seq_get(v, module, data, i);
}

static PyObject *seq_subscript(PyObject *self, PyObject *key)
{
	gopy_view *v = (gopy_view *)self;
	PyObject *module = view_module(self), *list, *r;
	Py_ssize_t len, start, stop, step, n, i;
	char *data;
	gopy_fail_addr fail;
	GoInt64 h;

	if (!module || seq_mem(v, &data, &len) < 0)
		return NULL;
	if (!PySlice_Check(key)) {
		Py_ssize_t idx = PyNumber_AsSsize_t(key, PyExc_IndexError);
		if (idx == -1 && PyErr_Occurred())
			return NULL;
		if (idx < 0)
			idx += len;
		if (idx < 0 || idx >= len) {
			index_error(v, idx < 0 ? idx - len : idx, len);
			return NULL;
		}
		return seq_get(v, module, data, idx);
	}
	if (PySlice_Unpack(key, &start, &stop, &step) < 0)
		return NULL;
	n = PySlice_AdjustIndices(len, &start, &stop, step);
	if (step == 1 && v->def->kind == GOPY_VIEW_SLICE) {
		/* Go's s[a:b]: a view sharing the elements. */
		fail = GOPY_GO(gopy_view_reslice(v->handle, (GoInt)start, (GoInt)(start + n), &h));
		if (fail)
			return gopy_raise_fail(module, fail);
		return gopy_from_view(module, v->def, h);
	}
	if (!(list = seq_list(v, module)))
		return NULL;
	r = PyList_New(n);
	for (i = 0; r && i < n; i++) {
		PyObject *item = PyList_GET_ITEM(list, start + i * step);
		Py_INCREF(item);
		PyList_SET_ITEM(r, i, item);
	}
	Py_DECREF(list);
	return r;
}

/*
 * s[start::step] = values (n of them): every value is converted before any
 * element is written, so values that alias the elements (p[1:3] = p[0:2])
 * are read as they were, as Go's copy() does.
 */
static int seq_set_range(gopy_view *v, PyObject *module, Py_ssize_t start, Py_ssize_t step,
			 Py_ssize_t n, PyObject *const *values)
{
	const gopy_viewdef *d = v->def;
	gopy_frame f = GOPY_FRAME_INIT(d->elemsig, module);
	gopy_fail_addr fail = 0;
	char *conv, *data;
	Py_ssize_t len, i;
	int rc = -1;

	if (convert_items(&f, 0, &d->elem, values, n, (void **)&conv, 0, NULL) < 0)
		goto done;
	if (is_flat(d)) {
		/* Converting ran Python code: read the header again. */
		if (seq_mem(v, &data, &len) < 0)
			goto done;
		for (i = 0; i < n && start + i * step < len; i++)
			memcpy(data + (size_t)(start + i * step) * d->elem.csize,
			       conv + (size_t)i * d->elem.csize, d->elem.csize);
	} else if (n > 0) {
		fail = GOPY_GO(d->set(v->handle, (GoInt)start, (GoInt)step, (GoInt)n, conv));
	}
	if (fail) {
		gopy_raise_fail(module, fail);
		goto done;
	}
	rc = 0;
done:
	gopy_frame_release(&f);
	return rc;
}

static int seq_ass_subscript(PyObject *self, PyObject *key, PyObject *value)
{
	gopy_view *v = (gopy_view *)self;
	PyObject *module = view_module(self), *fast;
	Py_ssize_t len, start, stop, step, n;
	char *data;
	int rc = 0;

	if (!module || seq_mem(v, &data, &len) < 0)
		return -1;
	if (!value) {
		PyErr_Format(PyExc_TypeError, "cannot delete elements of %s: a Go %s has a fixed length",
			     v->def->gotype, v->def->kind == GOPY_VIEW_ARRAY ? "array" : "slice view");
		return -1;
	}
	if (!PySlice_Check(key)) {
		Py_ssize_t idx = PyNumber_AsSsize_t(key, PyExc_IndexError);
		if (idx == -1 && PyErr_Occurred())
			return -1;
		if (idx < 0)
			idx += len;
		if (idx < 0 || idx >= len)
			return index_error(v, idx < 0 ? idx - len : idx, len);
		return seq_set(v, module, data, idx, value);
	}
	if (PySlice_Unpack(key, &start, &stop, &step) < 0)
		return -1;
	n = PySlice_AdjustIndices(len, &start, &stop, step);
	if (!(fast = PySequence_Fast(value, "can only assign an iterable to a slice of a Go view")))
		return -1;
	if (PySequence_Fast_GET_SIZE(fast) != n) {
		PyErr_Format(PyExc_ValueError,
			     "cannot assign %zd elements to a slice of %zd: %s cannot change its length",
			     PySequence_Fast_GET_SIZE(fast), n, v->def->gotype);
		Py_DECREF(fast);
		return -1;
	}
	rc = seq_set_range(v, module, start, step, n, PySequence_Fast_ITEMS(fast));
	Py_DECREF(fast);
	return rc;
}

static PyObject *seq_iter(PyObject *self)
{
	gopy_view *v = (gopy_view *)self;
	PyObject *module, *list, *it;

	/* Flat elements are read live, one at a time; others from a snapshot
	 * taken in one Go call. */
	if (is_flat(v->def))
		return PySeqIter_New(self);
	if (!(module = view_module(self)) || !(list = seq_list(v, module)))
		return NULL;
	it = PyObject_GetIter(list);
	Py_DECREF(list);
	return it;
}

static int seq_contains(PyObject *self, PyObject *value)
{
	PyObject *module = view_module(self), *list;
	int r;

	if (!module || !(list = seq_list((gopy_view *)self, module)))
		return -1;
	r = PySequence_Contains(list, value);
	Py_DECREF(list);
	return r;
}

/* A sequence other than str/bytes, as a list, or NULL (no exception) when
 * other is not one. */
static PyObject *other_as_list(PyObject *other)
{
	PyObject *list;

	if (PyUnicode_Check(other) || PyBytes_Check(other) || PyByteArray_Check(other) ||
	    !PySequence_Check(other) || PyDict_Check(other))
		return NULL;
	if (!(list = PySequence_List(other)))
		PyErr_Clear();
	return list;
}

static PyObject *seq_richcompare(PyObject *self, PyObject *other, int op)
{
	PyObject *module, *mine, *theirs, *r;

	if (op != Py_EQ && op != Py_NE)
		Py_RETURN_NOTIMPLEMENTED;
	if (!(theirs = other_as_list(other))) {
		if (PyErr_Occurred())
			return NULL;
		Py_RETURN_NOTIMPLEMENTED;
	}
	module = view_module(self);
	mine = module ? seq_list((gopy_view *)self, module) : NULL;
	r = mine ? PyObject_RichCompare(mine, theirs, op) : NULL;
	Py_XDECREF(mine);
	Py_DECREF(theirs);
	return r;
}

/* Repr shows at most this many elements (or entries). */
#define REPR_MAX 10

/*
 * What a repr calls the view: a named type's class by its Python name
 * ("calc.Vector", the module's name as built, like every class), any
 * other container by its Go type ("[]int"). A new reference, or NULL.
 */
static PyObject *repr_name(PyObject *module, const gopy_viewdef *d)
{
	if (d->classidx >= 0) {
		PyTypeObject *cls = gopy_class(module, d->classidx);
		return cls ? gopy_priv_type_name(cls) : NULL;
	}
	return PyUnicode_FromString(d->gotype);
}

/* "[]int([1, 2, 3])", "[]float64([0.0, 1.0, ..., 9.0, ...], len=1000)". */
static PyObject *shortened_repr(PyObject *module, const gopy_viewdef *d, PyObject *items, Py_ssize_t len)
{
	PyObject *body, *name, *r;

	if (!items)
		return NULL;
	body = PyObject_Repr(items);
	Py_DECREF(items);
	if (!body)
		return NULL;
	if (!(name = repr_name(module, d))) {
		Py_DECREF(body);
		return NULL;
	}
	if (len <= REPR_MAX) {
		r = PyUnicode_FromFormat("%U(%U)", name, body);
	} else {
		/* "[a, b]" -> "[a, b, ...]" */
		Py_ssize_t n = PyUnicode_GetLength(body);
		PyObject *head = PyUnicode_Substring(body, 0, n - 1);
		r = head ? PyUnicode_FromFormat("%U(%U, ...%c, len=%zd)", name, head,
					       (int)PyUnicode_ReadChar(body, n - 1), len)
			 : NULL;
		Py_XDECREF(head);
	}
	Py_DECREF(name);
	Py_DECREF(body);
	return r;
}

/* The repr of a view that contains itself. */
static PyObject *recursive_repr(PyObject *module, const gopy_viewdef *d)
{
	PyObject *name = repr_name(module, d), *r;

	if (!name)
		return NULL;
	r = PyUnicode_FromFormat("%U(...)", name);
	Py_DECREF(name);
	return r;
}

static PyObject *seq_repr(PyObject *self)
{
	gopy_view *v = (gopy_view *)self;
	PyObject *module = view_module(self), *list, *head;
	Py_ssize_t len;
	int rc;

	if (!module || !(list = seq_list(v, module)))
		return NULL;
	len = PyList_GET_SIZE(list);
	if (len <= REPR_MAX)
		return shortened_repr(module, v->def, list, len);
	head = PyList_GetSlice(list, 0, REPR_MAX);
	Py_DECREF(list);
	rc = Py_ReprEnter(self);
	if (rc != 0) {
		Py_XDECREF(head);
		return rc > 0 ? recursive_repr(module, v->def) : NULL;
	}
	list = shortened_repr(module, v->def, head, len);
	Py_ReprLeave(self);
	return list;
}

/* ------------------------------------------------------------------ */
/* Slices and arrays: the buffer protocol                              */
/* ------------------------------------------------------------------ */

/* What one export holds: the pin on Go's memory and the shape. */
typedef struct buffer_export {
	GoInt64 pin;
	Py_ssize_t shape[1];
	Py_ssize_t strides[1];
#ifdef PYPY_VERSION
	PyObject *self;             /* the exporter (borrowed) */
	void *buf;                  /* view->buf as exported */
	struct buffer_export *next; /* in `exports` */
#endif
} buffer_export;

#ifdef PYPY_VERSION
/*
 * PyPy calls bf_releasebuffer with a Py_buffer of its own that carries
 * buf, len, shape, strides and format but not `internal`, so the live
 * exports are kept in a list (protected by the GIL) and found again by
 * exporter and address. Exports of one view at one address are
 * interchangeable: each pins the same memory.
 */
static buffer_export *exports;

static buffer_export *export_unlink(PyObject *self, void *buf)
{
	for (buffer_export **pp = &exports; *pp; pp = &(*pp)->next) {
		buffer_export *e = *pp;
		if (e->self == self && e->buf == buf) {
			*pp = e->next;
			return e;
		}
	}
	return NULL;
}
#endif

/* A valid address for an empty buffer. */
static char empty_buffer[1];

static int seq_getbuffer(PyObject *self, Py_buffer *view, int flags)
{
	gopy_view *v = (gopy_view *)self;
	const gopy_viewdef *d = v->def;
	PyObject *module = view_module(self);
	buffer_export *e;
	gopy_fail_addr fail;
	char *data;
	Py_ssize_t len;

	view->obj = NULL;
	if (!module)
		return -1;
	if (!is_flat(d)) {
		PyErr_Format(PyExc_BufferError,
			     "%s has no buffer: its elements (Go %s) are not plain memory",
			     d->gotype, d->elem.gotype);
		return -1;
	}
	if (seq_mem(v, &data, &len) < 0)
		return -1;
	if (!(e = PyMem_Malloc(sizeof *e))) {
		PyErr_NoMemory();
		return -1;
	}
	fail = GOPY_GO(gopy_view_pin(v->handle, &e->pin));
	if (fail) {
		PyMem_Free(e);
		gopy_raise_fail(module, fail);
		return -1;
	}
	e->shape[0] = len;
	e->strides[0] = (Py_ssize_t)d->elem.csize;
	view->buf = data ? data : empty_buffer;
	view->obj = self;
	Py_INCREF(self);
	view->len = len * (Py_ssize_t)d->elem.csize;
	view->readonly = 0; /* Go memory is writable */
	view->itemsize = (Py_ssize_t)d->elem.csize;
	view->format = (flags & PyBUF_FORMAT) ? (char *)d->elem.format : NULL;
	view->ndim = 1;
	view->shape = (flags & PyBUF_ND) ? e->shape : NULL;
	view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? e->strides : NULL;
	view->suboffsets = NULL;
	view->internal = e;
	v->exports++;
#ifdef PYPY_VERSION
	e->self = self;
	e->buf = view->buf;
	e->next = exports;
	exports = e;
#endif
	return 0;
}

static void seq_releasebuffer(PyObject *self, Py_buffer *view)
{
#ifdef PYPY_VERSION
	buffer_export *e = export_unlink(self, view->buf);
#else
	buffer_export *e = view->internal;
#endif

	if (e) {
		((gopy_view *)self)->exports--;
		gopy_release(e->pin);
		PyMem_Free(e);
	}
}

/* ------------------------------------------------------------------ */
/* Maps                                                                */
/* ------------------------------------------------------------------ */

static Py_ssize_t map_length(PyObject *self)
{
	gopy_view *v = (gopy_view *)self;
	PyObject *module = view_module(self);
	gopy_fail_addr fail;
	GoInt n = 0;

	if (!module)
		return -1;
	fail = GOPY_GO(v->def->map_len(v->handle, &n));
	if (fail) {
		gopy_raise_fail(module, fail);
		return -1;
	}
	return (Py_ssize_t)n;
}

/*
 * Looks key up: 1 found (*out set to a new reference), 0 missing, -1
 * error. With soft, a key that cannot be a Go key of this type is simply
 * missing (for `in` and get()).
 */
static int map_lookup(gopy_view *v, PyObject *key, PyObject **out, int soft)
{
	const gopy_viewdef *d = v->def;
	PyObject *module = view_module((PyObject *)v);
	gopy_frame f = GOPY_FRAME_INIT(d->elemsig, module);
	elem_buf k, val;
	gopy_fail_addr fail;
	GoUint8 found = 0;
	int rc = -1;

	if (!module)
		return -1;
	if (d->key.to_c(&f, 1, key, &k) < 0) {
		if (soft && (PyErr_ExceptionMatches(PyExc_TypeError) ||
			     PyErr_ExceptionMatches(PyExc_OverflowError))) {
			PyErr_Clear();
			rc = 0;
		}
		goto done;
	}
	fail = GOPY_GO(d->map_get(v->handle, &k, &val, &found));
	if (fail) {
		gopy_raise_fail(module, fail);
		goto done;
	}
	rc = found != 0;
	if (found && out && !(*out = d->elem.to_py(module, &val)))
		rc = -1;
	else if (found && !out)
		Py_XDECREF(d->elem.to_py(module, &val)); /* release what it owns */
done:
	gopy_frame_release(&f);
	return rc;
}

static PyObject *map_subscript(PyObject *self, PyObject *key)
{
	PyObject *value = NULL;
	int r = map_lookup((gopy_view *)self, key, &value, 0);

	if (r == 0)
		PyErr_SetObject(PyExc_KeyError, key);
	return r > 0 ? value : NULL;
}

static int map_contains(PyObject *self, PyObject *key)
{
	return map_lookup((gopy_view *)self, key, NULL, 1);
}

static int map_ass_subscript(PyObject *self, PyObject *key, PyObject *value)
{
	gopy_view *v = (gopy_view *)self;
	const gopy_viewdef *d = v->def;
	PyObject *module = view_module(self);
	gopy_frame f = GOPY_FRAME_INIT(d->elemsig, module);
	elem_buf k, val;
	gopy_fail_addr fail;
	GoUint8 found = 1;
	int rc = -1;

	if (!module)
		return -1;
	if (d->key.to_c(&f, 1, key, &k) < 0)
		goto done;
	if (value) {
		if (d->elem.to_c(&f, 0, value, &val) < 0)
			goto done;
		fail = GOPY_GO(d->map_set(v->handle, &k, &val));
	} else {
		fail = GOPY_GO(d->map_del(v->handle, &k, &found));
	}
	if (fail) {
		gopy_raise_fail(module, fail);
		goto done;
	}
	if (!found) {
		PyErr_SetObject(PyExc_KeyError, key);
		goto done;
	}
	rc = 0;
done:
	gopy_frame_release(&f);
	return rc;
}

/* The keys and the values, as two new lists, from one Go call. */
static int map_snapshot(gopy_view *v, PyObject **keys, PyObject **values)
{
	const gopy_viewdef *d = v->def;
	PyObject *module = view_module((PyObject *)v);
	void *kp = NULL, *vp = NULL;
	gopy_fail_addr fail;
	GoInt n = 0;

	*keys = *values = NULL;
	if (!module)
		return -1;
	fail = GOPY_GO(d->map_items(v->handle, &kp, &vp, &n));
	if (fail) {
		gopy_raise_fail(module, fail);
		return -1;
	}
	*keys = list_from_c(module, &d->key, kp, (Py_ssize_t)n);
	if (*keys) {
		*values = list_from_c(module, &d->elem, vp, (Py_ssize_t)n);
	} else {
		/* Release what the values own; keep the keys' error. */
		PyObject *t, *e, *tb;
		PyErr_Fetch(&t, &e, &tb);
		Py_XDECREF(list_from_c(module, &d->elem, vp, (Py_ssize_t)n));
		PyErr_Restore(t, e, tb);
	}
	free(kp);
	free(vp);
	if (!*values) {
		Py_CLEAR(*keys);
		return -1;
	}
	return 0;
}

/* The map as a new dict, from one Go call. */
static PyObject *map_dict(gopy_view *v)
{
	PyObject *keys, *values, *dict;
	Py_ssize_t i;

	if (map_snapshot(v, &keys, &values) < 0)
		return NULL;
	dict = PyDict_New();
	for (i = 0; dict && i < PyList_GET_SIZE(keys); i++)
		if (PyDict_SetItem(dict, PyList_GET_ITEM(keys, i), PyList_GET_ITEM(values, i)) < 0)
			Py_CLEAR(dict);
	Py_DECREF(keys);
	Py_DECREF(values);
	return dict;
}

/* The keys (want_keys) or the values of a snapshot, as a new list. */
static PyObject *map_half(PyObject *self, int want_keys)
{
	PyObject *keys, *values;

	if (map_snapshot((gopy_view *)self, &keys, &values) < 0)
		return NULL;
	Py_DECREF(want_keys ? values : keys);
	return want_keys ? keys : values;
}

static PyObject *map_iter(PyObject *self)
{
	PyObject *keys = map_half(self, 1), *it;

	if (!keys)
		return NULL;
	it = PyObject_GetIter(keys);
	Py_DECREF(keys);
	return it;
}

static PyObject *map_keys(PyObject *self, PyObject *unused)
{
	(void)unused;
	return map_half(self, 1);
}

static PyObject *map_values(PyObject *self, PyObject *unused)
{
	(void)unused;
	return map_half(self, 0);
}

static PyObject *map_items(PyObject *self, PyObject *unused)
{
	PyObject *keys, *values, *items;
	Py_ssize_t i, n;

	(void)unused;
	if (map_snapshot((gopy_view *)self, &keys, &values) < 0)
		return NULL;
	n = PyList_GET_SIZE(keys);
	items = PyList_New(n);
	for (i = 0; items && i < n; i++) {
		PyObject *pair = PyTuple_Pack(2, PyList_GET_ITEM(keys, i), PyList_GET_ITEM(values, i));
		if (!pair) {
			Py_CLEAR(items);
			break;
		}
		PyList_SET_ITEM(items, i, pair);
	}
	Py_DECREF(keys);
	Py_DECREF(values);
	return items;
}

static PyObject *map_popitem(PyObject *self, PyObject *unused)
{
	PyObject *keys, *values, *pair = NULL;

	(void)unused;
	if (map_snapshot((gopy_view *)self, &keys, &values) < 0)
		return NULL;
	if (PyList_GET_SIZE(keys) == 0)
		PyErr_SetString(PyExc_KeyError, "popitem(): map is empty");
	else if (map_ass_subscript(self, PyList_GET_ITEM(keys, 0), NULL) == 0)
		pair = PyTuple_Pack(2, PyList_GET_ITEM(keys, 0), PyList_GET_ITEM(values, 0));
	Py_DECREF(keys);
	Py_DECREF(values);
	return pair;
}

static PyObject *map_copy(PyObject *self, PyObject *unused)
{
	(void)unused;
	return map_dict((gopy_view *)self);
}

static PyObject *map_get(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
	PyObject *value = NULL;
	int r;

	if (nargs < 1 || nargs > 2) {
		PyErr_Format(PyExc_TypeError, "get() takes 1 or 2 arguments (%zd given)", nargs);
		return NULL;
	}
	r = map_lookup((gopy_view *)self, args[0], &value, 1);
	if (r < 0)
		return NULL;
	if (r == 0) {
		value = nargs > 1 ? args[1] : Py_None;
		Py_INCREF(value);
	}
	return value;
}

static PyObject *map_pop(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
	PyObject *value = NULL;
	int r;

	if (nargs < 1 || nargs > 2) {
		PyErr_Format(PyExc_TypeError, "pop() takes 1 or 2 arguments (%zd given)", nargs);
		return NULL;
	}
	r = map_lookup((gopy_view *)self, args[0], &value, nargs > 1);
	if (r < 0)
		return NULL;
	if (r == 0) {
		if (nargs > 1) {
			Py_INCREF(args[1]);
			return args[1];
		}
		PyErr_SetObject(PyExc_KeyError, args[0]);
		return NULL;
	}
	if (map_ass_subscript(self, args[0], NULL) < 0) {
		Py_DECREF(value);
		return NULL;
	}
	return value;
}

static PyObject *map_setdefault(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
	PyObject *value = NULL, *dflt = nargs > 1 ? args[1] : Py_None;
	int r;

	if (nargs < 1 || nargs > 2) {
		PyErr_Format(PyExc_TypeError, "setdefault() takes 1 or 2 arguments (%zd given)", nargs);
		return NULL;
	}
	r = map_lookup((gopy_view *)self, args[0], &value, 0);
	if (r != 0)
		return r > 0 ? value : NULL;
	if (map_ass_subscript(self, args[0], dflt) < 0)
		return NULL;
	/* Go's copy of the value, as a later m[k] returns it. */
	return map_subscript(self, args[0]);
}

/* update(other=(), **kwargs), as dict.update. */
static PyObject *map_update(PyObject *self, PyObject *args, PyObject *kwargs)
{
	PyObject *other = NULL, *items = NULL, *it, *pair;
	Py_ssize_t pos = 0;
	PyObject *k, *val;

	if (!PyArg_UnpackTuple(args, "update", 0, 1, &other))
		return NULL;
	if (other) {
		if (PyDict_Check(other) || PyObject_HasAttrString(other, "keys"))
			items = PyMapping_Items(other);
		else
			items = PySequence_List(other);
		if (!items)
			return NULL;
		it = PyObject_GetIter(items);
		while (it && (pair = PyIter_Next(it))) {
			int rc = -1;
			if (!PyTuple_Check(pair) && !PyList_Check(pair))
				PyErr_SetString(PyExc_TypeError, "update() needs (key, value) pairs");
			else if (PySequence_Size(pair) != 2)
				PyErr_SetString(PyExc_ValueError, "update() needs (key, value) pairs");
			else
				rc = map_ass_subscript(self, PySequence_Fast_GET_ITEM(pair, 0),
						       PySequence_Fast_GET_ITEM(pair, 1));
			Py_DECREF(pair);
			if (rc < 0)
				break;
		}
		Py_XDECREF(it);
		Py_DECREF(items);
		if (PyErr_Occurred())
			return NULL;
	}
	while (kwargs && PyDict_Next(kwargs, &pos, &k, &val))
		if (map_ass_subscript(self, k, val) < 0)
			return NULL;
	Py_RETURN_NONE;
}

static PyObject *map_clear(PyObject *self, PyObject *unused)
{
	gopy_view *v = (gopy_view *)self;
	PyObject *module = view_module(self);
	gopy_fail_addr fail;

	(void)unused;
	if (!module)
		return NULL;
	if ((fail = GOPY_GO(v->def->map_clear(v->handle))) != 0)
		return gopy_raise_fail(module, fail);
	Py_RETURN_NONE;
}

/* other as a dict for ==, or NULL (no exception) if it is no mapping. */
static PyObject *other_as_dict(PyObject *other)
{
	PyObject *d;

	if (PyDict_Check(other)) {
		Py_INCREF(other);
		return other;
	}
	if (Py_TYPE(other)->tp_iter == map_iter)
		return map_dict((gopy_view *)other);
	if (!PyObject_HasAttrString(other, "keys") || !PyObject_HasAttrString(other, "__getitem__"))
		return NULL;
	if (!(d = PyDict_New()) || PyDict_Merge(d, other, 1) < 0) {
		Py_XDECREF(d);
		return NULL;
	}
	return d;
}

static PyObject *map_richcompare(PyObject *self, PyObject *other, int op)
{
	PyObject *mine, *theirs, *r;

	if (op != Py_EQ && op != Py_NE)
		Py_RETURN_NOTIMPLEMENTED;
	if (!(theirs = other_as_dict(other))) {
		if (PyErr_Occurred())
			return NULL;
		Py_RETURN_NOTIMPLEMENTED;
	}
	mine = map_dict((gopy_view *)self);
	r = mine ? PyObject_RichCompare(mine, theirs, op) : NULL;
	Py_XDECREF(mine);
	Py_DECREF(theirs);
	return r;
}

static PyObject *map_repr(PyObject *self)
{
	gopy_view *v = (gopy_view *)self;
	PyObject *dict, *keys, *values, *head;
	Py_ssize_t n, i;
	int rc;

	if (map_snapshot(v, &keys, &values) < 0)
		return NULL;
	n = PyList_GET_SIZE(keys);
	head = PyDict_New();
	for (i = 0; head && i < n && i < REPR_MAX; i++)
		if (PyDict_SetItem(head, PyList_GET_ITEM(keys, i), PyList_GET_ITEM(values, i)) < 0)
			Py_CLEAR(head);
	Py_DECREF(keys);
	Py_DECREF(values);
	if (!head)
		return NULL;
	rc = Py_ReprEnter(self);
	if (rc != 0) {
		Py_DECREF(head);
		return rc > 0 ? recursive_repr(view_module(self), v->def) : NULL;
	}
	dict = shortened_repr(view_module(self), v->def, head, n);
	Py_ReprLeave(self);
	return dict;
}

/* ------------------------------------------------------------------ */
/* Conversions                                                         */
/* ------------------------------------------------------------------ */

PyObject *gopy_view_class(PyObject *module, int kind)
{
	gopy_state *st = PyModule_GetState(module);

	if (!st || kind < 0 || kind >= GOPY_VIEW_KINDS || !st->views[kind]) {
		PyErr_SetString(PyExc_SystemError, "gopy: view classes not initialized");
		return NULL;
	}
	return st->views[kind];
}

PyObject *gopy_from_view(PyObject *module, const gopy_viewdef *d, GoInt64 h)
{
	PyTypeObject *cls;
	PyObject *o;

	if (h == 0) /* a nil *S */
		Py_RETURN_NONE;
	cls = d->classidx >= 0 ? gopy_class(module, d->classidx)
			       : (PyTypeObject *)gopy_view_class(module, d->kind);
	if (!cls) {
		gopy_release(h);
		return NULL;
	}
	if (!(o = gopy_object_wrap(cls, h)))
		return NULL;
	((gopy_view *)o)->def = d;
	((gopy_view *)o)->addr = NULL;
	return o;
}

/*
 * Whether o is a view of this module (handles belong to one module's Go
 * runtime) whose Go value d can use as it is: the same type, or one with
 * the same underlying type.
 */
static int same_type_view(PyObject *module, PyObject *o, const gopy_viewdef *d)
{
	PyObject *cls = module ? gopy_view_class(module, d->kind) : NULL;
	const gopy_viewdef *od;

	if (!cls) {
		PyErr_Clear();
		return 0;
	}
	if (!PyObject_TypeCheck(o, (PyTypeObject *)cls))
		return 0;
	od = ((gopy_view *)o)->def;
	return od == d || strcmp(od->underlying, d->underlying) == 0;
}

/* Normalized one-letter class of a struct format code and its size:
 * 'i' signed, 'u' unsigned, 'f' float, '?' bool, 'c' complex. */
static int format_class(const char *fmt, char *cls, size_t *size)
{
	static const struct { char code, cls; size_t size; } codes[] = {
		{'b', 'i', 1}, {'h', 'i', sizeof(short)}, {'i', 'i', sizeof(int)},
		{'l', 'i', sizeof(long)}, {'q', 'i', sizeof(long long)}, {'n', 'i', sizeof(Py_ssize_t)},
		{'B', 'u', 1}, {'c', 'u', 1}, {'H', 'u', sizeof(short)}, {'I', 'u', sizeof(int)},
		{'L', 'u', sizeof(long)}, {'Q', 'u', sizeof(long long)}, {'N', 'u', sizeof(size_t)},
		{'f', 'f', sizeof(float)}, {'d', 'f', sizeof(double)}, {'?', '?', 1},
	};
	/* Not PY_LITTLE_ENDIAN: PyPy's headers lack it; cgo's gcc and clang have this. */
	const int little = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

	if (!fmt)
		fmt = "B";
	if (*fmt == '@' || *fmt == '=' || (*fmt == '<' && little) || ((*fmt == '>' || *fmt == '!') && !little))
		fmt++;
	if (fmt[0] == 'Z' && (fmt[1] == 'f' || fmt[1] == 'd') && !fmt[2]) {
		*cls = 'c';
		*size = fmt[1] == 'f' ? 2 * sizeof(float) : 2 * sizeof(double);
		return 0;
	}
	if (!fmt[0] || fmt[1])
		return -1;
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
		if (codes[i].code == fmt[0]) {
			*cls = codes[i].cls;
			*size = codes[i].size;
			return 0;
		}
	}
	return -1;
}

/* Whether the buffer's items are the element's bytes. */
static int buffer_matches(const Py_buffer *b, const gopy_elem *e)
{
	char have, want;
	size_t hsize, wsize;

	if (format_class(b->format, &have, &hsize) < 0 || format_class(e->format, &want, &wsize) < 0)
		return 0;
	return have == want && hsize == wsize && (size_t)b->itemsize == e->csize;
}

/*
 * The items of a buffer that is not C-contiguous (strided, Fortran-ordered),
 * copied in logical C order into frame memory at *out, as bytes(o) has
 * them. 0, or -1 with an exception.
 */
static int copy_c_order(gopy_frame *f, Py_buffer *b, void **out)
{
	*out = NULL;
	if (b->len == 0)
		return 0;
	if (!(*out = gopy_frame_alloc(f, (size_t)b->len)))
		return -1;
	return PyBuffer_ToContiguous(*out, b, b->len, 'C');
}

/*
 * For flat elements: a one-dimensional buffer of the same item type gives
 * its memory to Go directly (Go copies it); a strided one is copied first,
 * so that the layout never decides what is accepted. 1: done, 0: not such
 * a buffer (convert element by element), -1: error.
 */
static int seq_from_buffer(gopy_frame *f, PyObject *o, const gopy_viewdef *d, gopy_seq *s)
{
	PyObject *mv;
	Py_buffer *b;

	if (!PyObject_CheckBuffer(o))
		return 0;
	if (!(mv = PyMemoryView_FromObject(o))) {
		PyErr_Clear(); /* an exporter that refuses: try iterating */
		return 0;
	}
	b = PyMemoryView_GET_BUFFER(mv);
	if (b->ndim != 1 || !buffer_matches(b, &d->elem)) {
		Py_DECREF(mv);
		return 0;
	}
	s->n = b->len / b->itemsize;
	if (!PyBuffer_IsContiguous(b, 'C')) {
		/* in_place 0: Go's writes could not reach o. */
		int r = copy_c_order(f, b, &s->data);
		Py_DECREF(mv);
		return r < 0 ? -1 : 1;
	}
	s->data = b->buf;
	s->in_place = !b->readonly;
	/* The memoryview holds the buffer until the call returns. */
	return gopy_frame_keep(f, mv) < 0 ? -1 : 1;
}

static int array_length_error(gopy_frame *f, int idx, const gopy_viewdef *d, Py_ssize_t n)
{
	return gopy_priv_arg_error(f, idx, PyExc_ValueError, "must have %zd elements (Go %s), not %zd",
				   d->len, d->gotype, n);
}

/* Converts the n items with e into new frame memory at *out. */
static int convert_items(gopy_frame *f, int idx, const gopy_elem *e, PyObject *const *items,
			 Py_ssize_t n, void **out, int is_key, PyObject *const *keys)
{
	char *p;

	*out = NULL;
	if (n == 0)
		return 0;
	if (e->csize > SIZE_MAX / (size_t)n) {
		PyErr_NoMemory();
		return -1;
	}
	if (!(p = gopy_frame_alloc(f, (size_t)n * e->csize)))
		return -1;
	for (Py_ssize_t i = 0; i < n; i++) {
		gopy_path node;
		int r;

		gopy_frame_push(f, &node, i, keys ? keys[i] : NULL, is_key, e->gotype);
		r = e->to_c(f, idx, items[i], p + (size_t)i * e->csize);
		gopy_frame_pop(f);
		if (r < 0)
			return -1;
	}
	*out = p;
	return 0;
}

/*
 * The elements of o as a list or tuple (new reference): an exact list or
 * tuple as it is, anything else as list(iter(o)) makes it. Only what
 * iteration yields counts, never __len__, so a __len__ that lies or
 * raises cannot change the result (the runtime of the cffi backend does
 * the same: gopy_cffi_view.py, _fill_seq). Something iter() refuses (None,
 * a number, a 0-d numpy array) is a TypeError naming the parameter; str
 * is refused, as a string is not a Go slice of anything.
 */
static PyObject *seq_items(gopy_frame *f, int idx, PyObject *o, const gopy_viewdef *d)
{
	PyObject *it, *list;

	if (PyList_CheckExact(o) || PyTuple_CheckExact(o)) {
		Py_INCREF(o);
		return o;
	}
	if (PyUnicode_Check(o) || o == Py_None || !(it = PyObject_GetIter(o))) {
		if (PyErr_Occurred() && !PyErr_ExceptionMatches(PyExc_TypeError))
			return NULL;
		PyErr_Clear();
		gopy_priv_arg_error(f, idx, PyExc_TypeError, "must be an iterable (Go %s), not %.200s",
				    d->gotype, o == Py_None ? "None" : Py_TYPE(o)->tp_name);
		return NULL;
	}
	list = PySequence_List(it);
	Py_DECREF(it);
	return list;
}

static int to_seq(gopy_frame *f, int idx, PyObject *o, gopy_seq *s, const gopy_viewdef *d)
{
	PyObject *fast;
	Py_ssize_t n;
	int r;

	if (o == Py_None && d->kind == GOPY_VIEW_SLICE) {
		s->n = -1; /* a nil slice (gopy_abi.h) */
		return 0;
	}
	if (is_flat(d) && (r = seq_from_buffer(f, o, d, s)) != 0) {
		if (r > 0 && d->kind == GOPY_VIEW_ARRAY && s->n != d->len)
			return array_length_error(f, idx, d, (Py_ssize_t)s->n);
		return r < 0 ? -1 : 0;
	}
	if (!(fast = seq_items(f, idx, o, d)))
		return -1;
	/* The items stay alive (strings point into them) until the call returns. */
	if (gopy_frame_keep(f, fast) < 0)
		return -1;
	n = PySequence_Fast_GET_SIZE(fast);
	if (d->kind == GOPY_VIEW_ARRAY && n != d->len)
		return array_length_error(f, idx, d, n);
	s->n = n;
	s->in_place = 1; /* the frame's own memory */
	return convert_items(f, idx, &d->elem, PySequence_Fast_ITEMS(fast), n, &s->data, 0, NULL);
}

static int to_map(gopy_frame *f, int idx, PyObject *o, gopy_seq *s, const gopy_viewdef *d)
{
	PyObject *items, *keys, *values;
	Py_ssize_t n, i;

	if (o == Py_None) {
		s->n = -1; /* a nil map (gopy_abi.h) */
		return 0;
	}
	/* A mapping's items() is what crosses, also a dict subclass's own (as
	 * collections.abc.Mapping would have it, and as the cffi runtime
	 * does); only an exact dict's is known without calling it. */
	if (PyDict_CheckExact(o)) {
		items = PyDict_Items(o);
	} else if (PyObject_HasAttrString(o, "keys") &&
		   PyObject_HasAttrString(o, "__getitem__")) {
		items = PyMapping_Items(o);
	} else {
		return gopy_priv_arg_error(f, idx, PyExc_TypeError, "must be a mapping (Go %s), not %.200s",
					   d->gotype, Py_TYPE(o)->tp_name);
	}
	if (!items)
		return -1;
	n = PyList_GET_SIZE(items);
	keys = PyList_New(n);
	values = PyList_New(n);
	/* The frame keeps the items alive (string keys point into them). */
	if (gopy_frame_keep(f, items) < 0 || !keys || !values ||
	    gopy_frame_keep(f, keys) < 0 || gopy_frame_keep(f, values) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		PyObject *pair = PyList_GET_ITEM(items, i);
		if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
			PyErr_SetString(PyExc_TypeError, "mapping items() must be (key, value) pairs");
			return -1;
		}
		Py_INCREF(PyTuple_GET_ITEM(pair, 0));
		PyList_SET_ITEM(keys, i, PyTuple_GET_ITEM(pair, 0));
		Py_INCREF(PyTuple_GET_ITEM(pair, 1));
		PyList_SET_ITEM(values, i, PyTuple_GET_ITEM(pair, 1));
	}
	s->n = n;
	if (convert_items(f, idx, &d->key, PySequence_Fast_ITEMS(keys), n, &s->data, 1,
			  PySequence_Fast_ITEMS(keys)) < 0)
		return -1;
	return convert_items(f, idx, &d->elem, PySequence_Fast_ITEMS(values), n, &s->data2, 0,
			     PySequence_Fast_ITEMS(keys));
}

int gopy_to_view(gopy_frame *f, int idx, PyObject *o, void *out, const gopy_viewdef *d)
{
	gopy_seq s = {0, NULL, NULL, 0, 0};
	int r;

	if (same_type_view(f->module, o, d)) {
		s.handle = ((gopy_view *)o)->handle;
		memcpy(out, &s, sizeof s);
		return 0;
	}
	r = d->kind == GOPY_VIEW_MAP ? to_map(f, idx, o, &s, d) : to_seq(f, idx, o, &s, d);
	if (r == 0)
		memcpy(out, &s, sizeof s);
	return r;
}

int gopy_to_bytes(gopy_frame *f, int idx, PyObject *o, void *out)
{
	gopy_seq s = {0, NULL, NULL, 0, 0};
	PyObject *mv;
	Py_buffer *b;

	if (o == Py_None) {
		s.n = -1; /* a nil []byte (gopy_abi.h) */
		memcpy(out, &s, sizeof s);
		return 0;
	}
	if (PyBytes_Check(o)) {
		/* The caller keeps o alive for the call. */
		s.data = PyBytes_AS_STRING(o);
		s.n = PyBytes_GET_SIZE(o);
		memcpy(out, &s, sizeof s);
		return 0;
	}
	if (PyUnicode_Check(o) || !PyObject_CheckBuffer(o))
		return gopy_priv_arg_error(f, idx, PyExc_TypeError,
					   "must be a bytes-like object (Go []byte), not %.200s",
					   Py_TYPE(o)->tp_name);
	if (!(mv = PyMemoryView_FromObject(o)))
		return -1;
	b = PyMemoryView_GET_BUFFER(mv);
	s.n = b->len;
	if (!PyBuffer_IsContiguous(b, 'C')) {
		/* Go gets the bytes in logical (C) order, as bytes(o) has them:
		 * a Fortran-ordered or strided buffer is copied in that order into
		 * frame memory, which Go copies again (in_place 0: Go's writes
		 * could not reach o anyway). */
		int r = copy_c_order(f, b, &s.data);

		Py_DECREF(mv);
		memcpy(out, &s, sizeof s);
		return r;
	}
	s.data = b->buf;
	s.in_place = !b->readonly;
	memcpy(out, &s, sizeof s);
	return gopy_frame_keep(f, mv);
}

PyObject *gopy_from_bytes(gopy_str s)
{
	PyObject *r;

	if (s.n > (size_t)PY_SSIZE_T_MAX)
		r = PyErr_NoMemory();
	else
		r = PyBytes_FromStringAndSize(s.p, (Py_ssize_t)s.n);
	free(s.p);
	return r;
}

/*
 * A new instance of cls holding a new Go value made from arg (NULL: the
 * zero value), converted with f naming it. Always a new Go value, as
 * list(x) and dict(x) are: a view argument is copied too, where Go's
 * conversion Vector(x) would share its elements.
 */
static PyObject *view_make(PyTypeObject *cls, PyObject *module, gopy_frame *f, PyObject *arg,
			   const gopy_viewdef *d)
{
	gopy_seq s = {0, NULL, NULL, 0, 0};
	gopy_fail_addr fail;
	GoInt64 h = 0;
	PyObject *o;

	if (arg && (d->kind == GOPY_VIEW_MAP ? to_map(f, 0, arg, &s, d) : to_seq(f, 0, arg, &s, d)) < 0)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(d->make(s, &h));
	Py_END_ALLOW_THREADS
	if (fail)
		return gopy_raise_fail(module, fail);
	if (!(o = gopy_object_wrap(cls, h)))
		return NULL;
	((gopy_view *)o)->def = d;
	((gopy_view *)o)->addr = NULL;
	return o;
}

/*
 * gopy_view_adopt calls a named class's tp_new with a single capsule of
 * this name, holding the handle to take; no Python code can make one.
 */
static const char adopt_capsule[] = "gopy.view_adopt";

/* The handle a gopy_view_adopt capsule in args hands over (taken: the
 * capsule's slot is zeroed), or 0. */
static GoInt64 adopted_handle(PyObject *args)
{
	PyObject *c;
	GoInt64 *p, h;

	if (!args || !PyTuple_Check(args) || PyTuple_GET_SIZE(args) != 1)
		return 0;
	c = PyTuple_GET_ITEM(args, 0);
	if (!PyCapsule_CheckExact(c) || !PyCapsule_IsValid(c, adopt_capsule))
		return 0;
	p = PyCapsule_GetPointer(c, adopt_capsule);
	h = *p;
	*p = 0;
	return h;
}

PyObject *gopy_view_adopt(PyObject *module, int classidx, GoInt64 h)
{
	PyTypeObject *cls = gopy_class(module, classidx);
	PyObject *c, *args = NULL, *o = NULL;

	gopy_state *st = PyModule_GetState(module);
	int kind, ok = 0;

	for (kind = 0; cls && st && kind < GOPY_VIEW_KINDS; kind++)
		if (st->views[kind] && PyType_IsSubtype(cls, (PyTypeObject *)st->views[kind]))
			ok = 1;
	if (!ok) {
		if (cls)
			PyErr_Format(PyExc_SystemError, "gopy: class %d is no container class", classidx);
		gopy_release(h);
		return NULL;
	}
	c = PyCapsule_New(&h, adopt_capsule, NULL);
	if (c)
		args = PyTuple_Pack(1, c);
	Py_XDECREF(c);
	if (args)
		o = cls->tp_new(cls, args, NULL);
	Py_XDECREF(args);
	if (h) /* not taken: the constructor failed first */
		gopy_release(h);
	return o;
}

PyObject *gopy_view_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs,
			const gopy_viewdef *d)
{
	PyObject *module = gopy_module_of_type(cls, d->def), *arg = NULL, *o = NULL;
	gopy_frame f = GOPY_FRAME_INIT(d->newsig, module);
	GoInt64 h = kwargs ? 0 : adopted_handle(args);

	if (h) {
		if (!module) {
			gopy_release(h);
			return NULL;
		}
		return gopy_from_view(module, d, h);
	}
	if (module && gopy_bind_new(&f, args, kwargs, &arg) == 0)
		o = view_make(cls, module, &f, arg, d);
	gopy_frame_release(&f);
	return o;
}

/* ------------------------------------------------------------------ */
/* Slices: growing (append, extend, +=)                                */
/* ------------------------------------------------------------------ */

/*
 * PyPy releases a buffer export (bf_releasebuffer) only when it collects
 * the memoryview, also one released or no longer reachable: before a
 * growth is refused, what is garbage is collected. CPython releases an
 * export at once, as it does a bytearray's.
 */
static int collect_exports(gopy_view *v)
{
#ifdef PYPY_VERSION
	PyObject *gc = PyImport_ImportModule("gc"), *r;

	for (int i = 0; gc && i < 2 && v->exports > 0; i++) {
		if (!(r = PyObject_CallMethod(gc, "collect", NULL))) {
			Py_CLEAR(gc);
			break;
		}
		Py_DECREF(r);
	}
	if (!gc)
		return -1;
	Py_DECREF(gc);
#else
	(void)v;
#endif
	return 0;
}

/*
 * Appends what s holds to the slice view v with one Go call: the slice of
 * the view s->handle, or s->n elements converted into C values at
 * s->data. Elements Go must convert are made into a Go slice first (the
 * view's make export), so that a value Go refuses leaves the view as it
 * was. A view with a live buffer export does not grow, as a bytearray
 * does not: the export pins the memory it was given, but once Go moved
 * the elements, writes through it would no longer reach the view.
 */
static int seq_grow(gopy_view *v, PyObject *module, const gopy_seq *s)
{
	const gopy_viewdef *d = v->def;
	GoInt64 src = s->handle, made = 0;
	gopy_fail_addr fail;

	if (v->exports > 0 && collect_exports(v) < 0)
		return -1;
	if (v->exports > 0) {
		PyErr_SetString(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
		return -1;
	}
	if (!src && s->n <= 0)
		return 0; /* append(s) is s: a nil slice stays nil */
	if (!src && !is_flat(d)) {
		if ((fail = GOPY_GO(d->make(*s, &made))) != 0) {
			gopy_raise_fail(module, fail);
			return -1;
		}
		src = made;
	}
	fail = GOPY_GO(gopy_view_append(v->handle, src, src ? NULL : s->data, src ? 0 : (GoInt)s->n));
	if (made)
		gopy_release(made);
	if (fail) {
		gopy_raise_fail(module, fail);
		return -1;
	}
	return 0;
}

/*
 * The items extend() appends from o, a new reference: a tuple as it is,
 * anything else as list(iter(o)), so that converting them cannot change
 * their number. A str is refused, as in arguments (seq_items).
 */
static PyObject *extend_items(gopy_view *v, PyObject *o)
{
	PyObject *it, *list;

	if (PyTuple_CheckExact(o)) {
		Py_INCREF(o);
		return o;
	}
	if (PyUnicode_Check(o) || o == Py_None || !(it = PyObject_GetIter(o))) {
		if (PyErr_Occurred() && !PyErr_ExceptionMatches(PyExc_TypeError))
			return NULL;
		PyErr_Clear();
		PyErr_Format(PyExc_TypeError, "can only extend %s with an iterable, not %.200s",
			     v->def->gotype, o == Py_None ? "None" : Py_TYPE(o)->tp_name);
		return NULL;
	}
	list = PySequence_List(it);
	Py_DECREF(it);
	return list;
}

/* Appends the elements of o, all converted before Go appends any. */
static int seq_extend(gopy_view *v, PyObject *module, PyObject *o)
{
	const gopy_viewdef *d = v->def;
	gopy_frame f = GOPY_FRAME_INIT(d->elemsig, module);
	gopy_seq s = {0, NULL, NULL, 0, 0};
	PyObject *items;
	int r = 0, rc = -1;

	if (same_type_view(module, o, d)) {
		/* Go's append(s, t...): also t == s, read before the append */
		s.handle = ((gopy_view *)o)->handle;
	} else if (is_flat(d) && (r = seq_from_buffer(&f, o, d, &s)) != 0) {
		if (r < 0)
			goto done;
	} else {
		if (!(items = extend_items(v, o)) || gopy_frame_keep(&f, items) < 0)
			goto done;
		s.n = PySequence_Fast_GET_SIZE(items);
		s.in_place = 1;
		if (convert_items(&f, 0, &d->elem, PySequence_Fast_ITEMS(items), s.n, &s.data, 0, NULL) < 0)
			goto done;
	}
	rc = seq_grow(v, module, &s);
done:
	gopy_frame_release(&f);
	return rc;
}

static PyObject *slice_append(PyObject *self, PyObject *value)
{
	gopy_view *v = (gopy_view *)self;
	const gopy_viewdef *d = v->def;
	PyObject *module = view_module(self);
	gopy_frame f = GOPY_FRAME_INIT(d->elemsig, module);
	gopy_seq s = {0, NULL, NULL, 1, 1};
	elem_buf buf;
	int rc = -1;

	/* Converted as v[i] = value is, messages included. */
	if (module && d->elem.to_c(&f, 0, value, &buf) == 0) {
		s.data = &buf;
		rc = seq_grow(v, module, &s);
	}
	gopy_frame_release(&f);
	if (rc < 0)
		return NULL;
	Py_RETURN_NONE;
}

static PyObject *slice_extend(PyObject *self, PyObject *items)
{
	PyObject *module = view_module(self);

	if (!module || seq_extend((gopy_view *)self, module, items) < 0)
		return NULL;
	Py_RETURN_NONE;
}

/* v += items: extend, and v itself is the result. */
static PyObject *slice_inplace_concat(PyObject *self, PyObject *items)
{
	PyObject *module = view_module(self);

	if (!module || seq_extend((gopy_view *)self, module, items) < 0)
		return NULL;
	Py_INCREF(self);
	return self;
}

/* ------------------------------------------------------------------ */
/* The generic classes                                                 */
/* ------------------------------------------------------------------ */

static PyObject *view_no_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)
{
	PyObject *name = gopy_priv_type_name(cls);

	(void)args;
	(void)kwargs;
	if (name)
		PyErr_Format(PyExc_TypeError,
			     "cannot create %U instances: Go functions, fields and variables return them",
			     name);
	Py_XDECREF(name);
	return NULL;
}

static PyObject *seq_tolist(PyObject *self, PyObject *unused)
{
	PyObject *module = view_module(self);

	(void)unused;
	return module ? seq_list((gopy_view *)self, module) : NULL;
}

/* index() and count() as list's, on the elements copied out in one call. */
static PyObject *seq_list_method(PyObject *self, const char *name, PyObject *args)
{
	PyObject *module = view_module(self), *list, *method, *r = NULL;

	if (!module || !(list = seq_list((gopy_view *)self, module)))
		return NULL;
	if ((method = PyObject_GetAttrString(list, name)) != NULL) {
		r = PyObject_Call(method, args, NULL);
		Py_DECREF(method);
	}
	Py_DECREF(list);
	return r;
}

static PyObject *seq_index(PyObject *self, PyObject *args)
{
	return seq_list_method(self, "index", args);
}

static PyObject *seq_count(PyObject *self, PyObject *args)
{
	return seq_list_method(self, "count", args);
}

/* copy.copy(view): a view of an independent Go copy of the elements (the
 * elements themselves copied as assignment copies them). */
static PyObject *seq_copy(PyObject *self, PyObject *unused)
{
	gopy_view *v = (gopy_view *)self;
	PyObject *module = view_module(self), *r = NULL;
	gopy_frame f = GOPY_FRAME_INIT(v->def->elemsig, module);

	(void)unused;
	if (module)
		r = view_make(Py_TYPE(self), module, &f, self, v->def);
	gopy_frame_release(&f);
	return r;
}

/* The methods of slices and arrays. */
#define SEQ_METHODS                                                         \
	{"copy", seq_tolist, METH_NOARGS,                                   \
	 "copy()\n--\n\nThe elements as a new list, copied out of Go in one call."}, \
	{"index", seq_index, METH_VARARGS,                                  \
	 "index($self, value, start=0, stop=sys.maxsize, /)\n--\n\n"        \
	 "The first index of value; ValueError if it is not present."},    \
	{"count", seq_count, METH_VARARGS,                                  \
	 "count($self, value, /)\n--\n\nThe number of occurrences of value."}, \
	{"__copy__", seq_copy, METH_NOARGS, "A view of an independent Go copy."}

static PyMethodDef array_methods[] = {
	SEQ_METHODS,
	{NULL, NULL, 0, NULL}
};

/* A slice's also grow, as Go's append. */
static PyMethodDef slice_methods[] = {
	SEQ_METHODS,
	{"append", slice_append, METH_O,
	 "append($self, value, /)\n--\n\n"
	 "Appends value, as Go's append: in place within the capacity, else into\n"
	 "a new array; a view of a field or variable stores the new slice there."},
	{"extend", slice_extend, METH_O,
	 "extend($self, values, /)\n--\n\n"
	 "Appends the values, all converted first, as Go's append(s, values...)."},
	{NULL, NULL, 0, NULL}
};

static PyMethodDef map_methods[] = {
	{"keys", map_keys, METH_NOARGS, "keys()\n--\n\nThe keys, as a list taken in one Go call."},
	{"values", map_values, METH_NOARGS, "values()\n--\n\nThe values, as a list taken in one Go call."},
	{"items", map_items, METH_NOARGS,
	 "items()\n--\n\nThe (key, value) pairs, as a list taken in one Go call."},
	{"get", (PyCFunction)(void (*)(void))map_get, METH_FASTCALL,
	 "get($self, key, default=None, /)\n--\n\nm[key] if key is in the map, else default."},
	{"pop", (PyCFunction)(void (*)(void))map_pop, METH_FASTCALL,
	 "pop($self, key, default=<unrepresentable>, /)\n--\n\n"
	 "Removes key and returns its value; default (or KeyError) if missing."},
	{"setdefault", (PyCFunction)(void (*)(void))map_setdefault, METH_FASTCALL,
	 "setdefault($self, key, default=None, /)\n--\n\n"
	 "m[key], after setting it to default if it was missing."},
	{"update", (PyCFunction)(void (*)(void))map_update, METH_VARARGS | METH_KEYWORDS,
	 "update(other=(), /, **kwargs)\n--\n\nSets each (key, value) of a mapping or of pairs."},
	{"clear", map_clear, METH_NOARGS, "clear()\n--\n\nDeletes every key."},
	{"popitem", map_popitem, METH_NOARGS,
	 "popitem()\n--\n\nRemoves some key and returns its (key, value); KeyError if empty."},
	{"copy", map_copy, METH_NOARGS, "copy()\n--\n\nThe map as a new dict, copied out of Go in one call."},
	{NULL, NULL, 0, NULL}
};

#define SEQ_SLOTS(doc, methods)                                             \
	{Py_tp_doc, (void *)(doc)},                                         \
	{Py_tp_new, view_no_new},                                           \
	{Py_tp_dealloc, gopy_object_dealloc},                               \
	{Py_tp_repr, seq_repr},                                             \
	{Py_tp_hash, PyObject_HashNotImplemented},                          \
	{Py_tp_richcompare, seq_richcompare},                               \
	{Py_tp_iter, seq_iter},                                             \
	{Py_tp_methods, (methods)},                                         \
	{Py_sq_length, seq_length},                                         \
	{Py_sq_item, seq_item},                                             \
	{Py_sq_contains, seq_contains},                                     \
	{Py_mp_length, seq_length},                                         \
	{Py_mp_subscript, seq_subscript},                                   \
	{Py_mp_ass_subscript, seq_ass_subscript},                           \
	{Py_bf_getbuffer, seq_getbuffer},                                   \
	{Py_bf_releasebuffer, seq_releasebuffer},                           \
	{0, NULL}

static PyType_Slot slice_slots[] = {
	{Py_sq_inplace_concat, slice_inplace_concat},
	SEQ_SLOTS("A Go slice, shared with Go: indexing and assignment read and write Go's\n"
		  "elements; s[a:b] is a view of the same elements, as in Go; append,\n"
		  "extend and += grow it as Go's append does. Numbers and bools export\n"
		  "their memory through the buffer protocol (numpy.asarray).",
		  slice_methods)};

static PyType_Slot array_slots[] = {SEQ_SLOTS(
	"A Go array, shared with Go: indexing and assignment read and write Go's\n"
	"elements. Numbers and bools export their memory through the buffer\n"
	"protocol (numpy.asarray).", array_methods)};

static PyType_Slot map_slots[] = {
	{Py_tp_doc, (void *)"A Go map, shared with Go: a mutable mapping whose every operation\n"
			    "is done by Go. Iteration, keys(), values() and items() use a snapshot."},
	{Py_tp_new, view_no_new},
	{Py_tp_dealloc, gopy_object_dealloc},
	{Py_tp_repr, map_repr},
	{Py_tp_hash, PyObject_HashNotImplemented},
	{Py_tp_richcompare, map_richcompare},
	{Py_tp_iter, map_iter},
	{Py_tp_methods, map_methods},
	{Py_sq_contains, map_contains},
	{Py_mp_length, map_length},
	{Py_mp_subscript, map_subscript},
	{Py_mp_ass_subscript, map_ass_subscript},
	{0, NULL}
};

#ifdef Py_TPFLAGS_SEQUENCE
#define SEQ_FLAGS Py_TPFLAGS_SEQUENCE
#define MAP_FLAGS Py_TPFLAGS_MAPPING
#else
#define SEQ_FLAGS 0
#define MAP_FLAGS 0
#endif

static PyType_Spec view_specs[GOPY_VIEW_KINDS] = {
	{"gopy.Slice", sizeof(gopy_view), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | SEQ_FLAGS, slice_slots},
	{"gopy.Array", sizeof(gopy_view), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | SEQ_FLAGS, array_slots},
	{"gopy.Map", sizeof(gopy_view), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | MAP_FLAGS, map_slots},
};

/* abc.register(cls), as `class` statements cannot for C types. */
static int register_abc(PyObject *abcmod, const char *abc, PyObject *cls)
{
	PyObject *r, *base = PyObject_GetAttrString(abcmod, abc);

	if (!base)
		return -1;
	r = PyObject_CallMethod(base, "register", "O", cls);
	Py_DECREF(base);
	Py_XDECREF(r);
	return r ? 0 : -1;
}

int gopy_view_init(PyObject *module, PyObject **classes)
{
	PyObject *abcmod;
	int i;

	for (i = 0; i < GOPY_VIEW_KINDS; i++) {
		classes[i] = PyType_FromModuleAndSpec(module, &view_specs[i], NULL);
		if (!classes[i])
			return -1;
	}
	if (!(abcmod = PyImport_ImportModule("collections.abc")))
		return -1;
	i = register_abc(abcmod, "Sequence", classes[GOPY_VIEW_SLICE]) < 0 ||
	    register_abc(abcmod, "Sequence", classes[GOPY_VIEW_ARRAY]) < 0 ||
	    register_abc(abcmod, "MutableMapping", classes[GOPY_VIEW_MAP]) < 0;
	Py_DECREF(abcmod);
	return i ? -1 : 0;
}
