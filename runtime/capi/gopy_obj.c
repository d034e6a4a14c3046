/*
 * gopy_obj.c: Go values as Python objects, the CPython side. See
 * gopy_obj.h for the interface (handles, views, classes); the handle table
 * and the generic Go helpers are in gopy_handles.go.
 *
 * Needs CPython 3.9+ (PyType_FromModuleAndSpec, ht_module,
 * PyObject_CallOneArg).
 *
 * Go calls made here with the GIL held are the handle-table exports
 * (gopy_handle_release, gopy_handle_addr, gopy_handle_live): they run no
 * user code and only take the table's lock, which no holder keeps while
 * waiting for the GIL. Calls into generated exports that run user code
 * (String, ==, copies) release the GIL like every other Go call.
 */
#include "gopy_obj.h"
#include "gopy_rt_priv.h"

#include <stddef.h>
#include <string.h>

/* gopy_rt.c reads and writes handles of instances through its own view of
 * the layout (gopy_rt_priv.h). */
_Static_assert(offsetof(gopy_object, handle) == offsetof(gopy_priv_handle, handle) &&
	       sizeof(gopy_object) == sizeof(gopy_priv_handle),
	       "gopy_object is laid out as gopy_priv_handle");
_Static_assert(offsetof(gopy_errobject, handle) == offsetof(gopy_priv_errhandle, handle) &&
	       sizeof(gopy_errobject) == sizeof(gopy_priv_errhandle),
	       "gopy_errobject is laid out as gopy_priv_errhandle");

/* ------------------------------------------------------------------ */
/* Classes and modules                                                 */
/* ------------------------------------------------------------------ */

#ifdef PYPY_VERSION
_Static_assert(offsetof(gopy_errobject, handle) == offsetof(gopy_object, handle),
	       "gopy_handle_of reads both layouts at one offset on PyPy");
#endif

int gopy_add_class(PyObject *module, int idx, PyType_Spec *spec, PyObject *base)
{
	gopy_state *st = PyModule_GetState(module);
	PyObject *bases = NULL, *cls;

	if (!st || idx < 0 || idx >= st->nclasses || st->classes[idx]) {
		if (!PyErr_Occurred())
			PyErr_Format(PyExc_SystemError,
				     "gopy: cannot add class %d (%s) to the module state",
				     idx, spec->name);
		return -1;
	}
	if (base && !(bases = PyTuple_Pack(1, base)))
		return -1;
	cls = PyType_FromModuleAndSpec(module, spec, bases);
	Py_XDECREF(bases);
	if (!cls)
		return -1;
	st->classes[idx] = cls; /* the state owns the class */
	return gopy_place(module, spec->name, cls);
}

/* The submodule "mod.sub" of module (borrowed), made if missing. */
static PyObject *submodule(PyObject *module, const char *full, size_t len, const char *attr)
{
	PyObject *sub = PyObject_GetAttrString(module, attr), *name;
	int r;

	if (sub) {
		Py_DECREF(sub); /* the module keeps it */
		return PyModule_Check(sub) ? sub : NULL;
	}
	PyErr_Clear();
	if (!(name = PyUnicode_FromStringAndSize(full, (Py_ssize_t)len)))
		return NULL;
	sub = PyModule_NewObject(name);
	r = sub ? PyDict_SetItem(PyImport_GetModuleDict(), name, sub) : -1;
	Py_DECREF(name);
	if (r == 0)
		r = PyObject_SetAttrString(module, attr, sub);
	Py_XDECREF(sub);
	return r == 0 ? sub : NULL;
}

int gopy_place(PyObject *module, const char *qualname, PyObject *obj)
{
	const char *first = strchr(qualname, '.'), *last = strrchr(qualname, '.');
	PyObject *home = module;

	if (first && first != last) {
		char attr[256];
		size_t n = (size_t)(last - first - 1);
		if (n >= sizeof attr) {
			PyErr_Format(PyExc_SystemError, "gopy: submodule name too long in %s", qualname);
			return -1;
		}
		memcpy(attr, first + 1, n);
		attr[n] = 0;
		if (!(home = submodule(module, qualname, (size_t)(last - qualname), attr)))
			return -1;
	}
	return PyObject_SetAttrString(home, last ? last + 1 : qualname, obj);
}

int gopy_add_alias(PyObject *module, const char *qualname, int idx)
{
	PyTypeObject *cls = gopy_class(module, idx);

	return cls ? gopy_place(module, qualname, (PyObject *)cls) : -1;
}

PyObject *gopy_submodule(PyObject *module, const char *qualname)
{
	const char *dot = strchr(qualname, '.');

	if (!dot || strchr(dot + 1, '.')) {
		PyErr_Format(PyExc_SystemError, "gopy: %s names no submodule", qualname);
		return NULL;
	}
	return submodule(module, qualname, strlen(qualname), dot + 1);
}

int gopy_add_submodule(PyObject *module, const char *qualname, const char *doc, PyMethodDef *functions)
{
	PyObject *sub = gopy_submodule(module, qualname), *name, *fn;
	int rc = 0;

	if (!sub)
		return -1;
	/* Not PyModule_SetDocString, which PyPy's cpyext lacks. */
	if (doc && *doc) {
		PyObject *text = PyUnicode_FromString(doc);
		rc = text ? PyObject_SetAttrString(sub, "__doc__", text) : -1;
		Py_XDECREF(text);
		if (rc < 0)
			return -1;
	}
	if (!(name = PyUnicode_FromString(qualname)))
		return -1;
	/* Bound to the module, not the submodule: the wrappers find the
	 * module's state through their self. */
	for (PyMethodDef *def = functions; def->ml_name && rc == 0; def++) {
		fn = PyCFunction_NewEx(def, module, name);
		rc = fn ? PyObject_SetAttrString(sub, def->ml_name, fn) : -1;
		Py_XDECREF(fn);
	}
	Py_DECREF(name);
	return rc;
}

int gopy_place_const(PyObject *module, const char *qualname, PyObject *value)
{
	int rc;

	if (!value)
		return -1;
	rc = gopy_place(module, qualname, value);
	Py_DECREF(value);
	return rc;
}

int gopy_set_submodule_type(PyObject *module, const char *qualname, PyType_Spec *spec)
{
	PyObject *sub = gopy_submodule(module, qualname);
	/* bases as a tuple: PyPy does not take a single type there. */
	PyObject *bases = sub ? PyTuple_Pack(1, (PyObject *)&PyModule_Type) : NULL;
	/* The type's module is the module: the properties find its state. */
	PyObject *type = bases ? PyType_FromModuleAndSpec(module, spec, bases) : NULL;
	int rc;

	Py_XDECREF(bases);
	if (!type)
		return -1;
	rc = PyObject_SetAttrString(sub, "__class__", type);
	Py_DECREF(type);
	return rc;
}

PyObject *gopy_module_of_sub(PyObject *sub, PyModuleDef *def)
{
	/* PyObject_Type, not Py_TYPE: PyPy does not update ob_type when
	 * __class__ is assigned. The module keeps the type alive. */
	PyObject *type = PyObject_Type(sub), *module;

	if (!type)
		return NULL;
	module = gopy_module_of_type((PyTypeObject *)type, def);
	Py_DECREF(type);
	return module;
}

int gopy_add_error_class(PyObject *module, int idx, PyType_Spec *spec, const char *go_type)
{
	gopy_state *st = PyModule_GetState(module);
	PyObject *t;
	int r;

	if (!st || !st->GoError) {
		PyErr_SetString(PyExc_SystemError, "gopy: GoError is made before the classes");
		return -1;
	}
#ifndef PYPY_VERSION
	if (((PyTypeObject *)st->GoError)->tp_basicsize != (Py_ssize_t)sizeof(PyBaseExceptionObject)) {
		PyErr_SetString(PyExc_SystemError, "gopy: GoError's instances are not laid out as "
				"BaseException's: no room for error classes");
		return -1;
	}
#endif
	if (gopy_add_class(module, idx, spec, st->GoError) < 0)
		return -1;
	if (!(t = PyUnicode_FromString(go_type)))
		return -1;
	r = PyObject_SetAttrString(st->classes[idx], "go_type", t);
	Py_DECREF(t);
	return r;
}

PyTypeObject *gopy_class(PyObject *module, int idx)
{
	gopy_state *st = module ? PyModule_GetState(module) : NULL;

	if (!st || idx < 0 || idx >= st->nclasses || !st->classes[idx]) {
		if (!PyErr_Occurred())
			PyErr_Format(PyExc_SystemError,
				     "gopy: class %d of the module is not initialized",
				     idx);
		return NULL;
	}
	return (PyTypeObject *)st->classes[idx];
}

/*
 * The first class in t's MRO that the module defined by def created (the
 * generated class of an instance of t, also when t is a Python subclass
 * of it); *module receives that module (borrowed). NULL if none, with no
 * exception set.
 */
static PyTypeObject *generated_class(PyTypeObject *t, PyModuleDef *def,
				     PyObject **module)
{
	PyObject *mro = t->tp_mro;
	Py_ssize_t i, n = mro ? PyTuple_GET_SIZE(mro) : 0;

	for (i = 0; i < n; i++) {
		PyTypeObject *b = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
		PyObject *m;

		if (!(b->tp_flags & Py_TPFLAGS_HEAPTYPE))
			continue;
		m = ((PyHeapTypeObject *)b)->ht_module;
		if (m && PyModule_Check(m) && PyModule_GetDef(m) == def) {
			*module = m;
			return b;
		}
	}
	return NULL;
}

/* generated_class, raising TypeError when there is none. */
static PyTypeObject *class_of(PyTypeObject *t, PyModuleDef *def, PyObject **module)
{
	PyTypeObject *cls = generated_class(t, def, module);

	if (!cls)
		PyErr_Format(PyExc_TypeError,
			     "gopy: %.200s is not a class of module %s",
			     t->tp_name, def->m_name);
	return cls;
}

PyObject *gopy_module_of_type(PyTypeObject *cls, PyModuleDef *def)
{
	PyObject *module = NULL;

	class_of(cls, def, &module);
	return module;
}

PyObject *gopy_module_of(PyObject *self, PyModuleDef *def)
{
	return gopy_module_of_type(Py_TYPE(self), def);
}

/* The builtin a named basic class derives from (float for Celsius and for
 * Python subclasses of Celsius): the first base that is not a heap type. */
static PyTypeObject *builtin_base(PyTypeObject *t)
{
	while (t->tp_base && (t->tp_flags & Py_TPFLAGS_HEAPTYPE))
		t = t->tp_base;
	return t;
}

/* ------------------------------------------------------------------ */
/* Handles <-> objects                                                 */
/* ------------------------------------------------------------------ */

static GoInt64 handle_of(PyObject *self)
{
	return gopy_handle_of(self);
}

int gopy_check_new(PyObject *module, PyTypeObject *cls, int classidx, PyModuleDef *def,
		   const char *pyname)
{
	PyTypeObject *want = module ? gopy_class(module, classidx) : NULL;
	PyObject *name, *got;

	if (module && !want)
		return -1;
	if (want && (cls == want || PyType_IsSubtype(cls, want)))
		return 0;
	PyErr_Clear(); /* gopy_module_of_type's, when cls is not the module's */
	name = want ? gopy_priv_type_name(want) : PyUnicode_FromFormat("%s.%s", def->m_name, pyname);
	got = gopy_priv_type_name(cls);
	if (name && got)
		PyErr_Format(PyExc_TypeError, "%U.__new__(%U): %U is not a subtype of %U", name, got, got, name);
	Py_XDECREF(name);
	Py_XDECREF(got);
	return -1;
}

PyObject *gopy_object_wrap(PyTypeObject *cls, GoInt64 h)
{
	return gopy_priv_wrap(cls, h);
}

int gopy_to_handle(gopy_frame *f, int idx, PyObject *o, void *out,
		   int classidx, int nullable)
{
	PyTypeObject *cls;
	GoInt64 h = 0;

	if (!(nullable && o == Py_None)) {
		cls = gopy_class(f->module, classidx);
		if (!cls)
			return -1;
		if (!PyObject_TypeCheck(o, cls)) {
			PyObject *want = gopy_priv_type_name(cls);
			PyObject *got = o == Py_None ? PyUnicode_FromString("None")
						     : gopy_priv_type_name(Py_TYPE(o));
			if (want && got)
				gopy_priv_arg_error(f, idx, PyExc_TypeError,
						    "must be %U, not %U", want, got);
			Py_XDECREF(want);
			Py_XDECREF(got);
			return -1;
		}
		h = handle_of(o);
	}
	memcpy(out, &h, sizeof h);
	return 0;
}

PyObject *gopy_from_handle(PyObject *module, int classidx, GoInt64 h)
{
	PyTypeObject *cls;

	if (h == 0)
		Py_RETURN_NONE;
	cls = gopy_class(module, classidx);
	if (!cls) {
		gopy_release(h);
		return NULL;
	}
	return gopy_object_wrap(cls, h);
}

/* ------------------------------------------------------------------ */
/* Named basic types                                                   */
/* ------------------------------------------------------------------ */

PyObject *gopy_from_named(PyObject *module, int classidx, PyObject *value)
{
	PyTypeObject *cls;
	PyObject *r = NULL;

	if (!value)
		return NULL;
	cls = gopy_class(module, classidx);
	if (cls)
		r = PyObject_CallOneArg((PyObject *)cls, value);
	Py_DECREF(value);
	return r;
}

/* The value as the builtin shows it; for a bool-based type, True/False. */
static PyObject *builtin_text(PyObject *self, int as_bool, int str)
{
	PyTypeObject *b = builtin_base(Py_TYPE(self));

	if (as_bool) {
		int v = PyObject_IsTrue(self);
		return v < 0 ? NULL : PyUnicode_FromString(v ? "True" : "False");
	}
	/* The builtin's own slots: the class's would recurse here. int and
	 * float have no tp_str of their own (object's calls repr). */
	if (str && b->tp_str && b->tp_str != PyBaseObject_Type.tp_str)
		return b->tp_str(self);
	return b->tp_repr(self);
}

PyObject *gopy_named_repr(PyObject *self, const char *qualname, int as_bool)
{
	PyObject *value = builtin_text(self, as_bool, 0);
	PyObject *r;

	if (!value)
		return NULL;
	r = PyUnicode_FromFormat("%s(%U)", qualname, value);
	Py_DECREF(value);
	return r;
}

PyObject *gopy_named_str(PyObject *self, int as_bool)
{
	return builtin_text(self, as_bool, 1);
}

PyObject *gopy_named_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs,
			 gopy_conv_fn conv, const gopy_sig *sig)
{
	/*
	 * The builtin's tp_new, not cls->tp_base's: for a Python subclass of
	 * the generated class, tp_base is the generated class, whose tp_new
	 * is the one calling us.
	 */
	PyObject *self = builtin_base(cls)->tp_new(cls, args, kwargs);
	gopy_frame f = GOPY_FRAME_INIT(sig, NULL);
	union {
		GoInt64 i;
		GoFloat64 d;
		GoComplex128 c;
		GoString s;
	} scratch; /* the converted value, only checked */
	int r;

	if (!self)
		return NULL;
	r = conv(&f, 0, self, &scratch);
	gopy_frame_release(&f);
	if (r < 0) {
		Py_DECREF(self);
		return NULL;
	}
	return self;
}

/* ------------------------------------------------------------------ */
/* Struct class slots                                                  */
/* ------------------------------------------------------------------ */

#ifdef PYPY_VERSION
int gopy_object_setattro(PyObject *self, PyObject *name, PyObject *value)
{
	PyTypeObject *t = Py_TYPE(self);

	/* PyObject_HasAttr on the class, not _PyType_Lookup, whose borrowed
	 * result crashes PyPy 7.3.11 here. */
	if ((t->tp_flags & Py_TPFLAGS_HEAPTYPE) && ((PyHeapTypeObject *)t)->ht_module &&
	    !PyObject_HasAttr((PyObject *)t, name)) {
		PyObject *tname = gopy_priv_type_name(t);
		if (tname)
			PyErr_Format(PyExc_AttributeError, "'%U' object has no attribute '%U'",
				     tname, name);
		Py_XDECREF(tname);
		return -1;
	}
	return PyObject_GenericSetAttr(self, name, value);
}
#endif

PyObject *gopy_object_reduce(PyObject *self, PyObject *unused)
{
	PyObject *name = gopy_priv_type_name(Py_TYPE(self));

	(void)unused;
	if (name)
		PyErr_Format(PyExc_TypeError, "cannot pickle '%U' object", name);
	Py_XDECREF(name);
	return NULL;
}

void gopy_object_dealloc(PyObject *self)
{
	PyTypeObject *tp = Py_TYPE(self);
	GoInt64 h = handle_of(self);

	if (h != 0) /* 0: tp_new failed before Go made the value */
		gopy_release(h);
#ifndef PYPY_VERSION /* cpyext keeps an exception's fields at app level */
	if (gopy_priv_is_error_class(tp)) {
		/* BaseException's dealloc untracks the object, clears the
		 * exception's fields and frees it. */
		((PyTypeObject *)PyExc_BaseException)->tp_dealloc(self);
		Py_DECREF(tp);
		return;
	}
#endif
	tp->tp_free(self);
	Py_DECREF(tp); /* instances of heap types own a reference to it */
}

/*
 * The repr guard. Every field access makes a new Python object (a view),
 * so object identity (Py_ReprEnter) cannot see a Go value reach itself
 * through pointers. The guard is keyed by the Go type (its structdef) and
 * the value's address, kept in a set in the thread state dict.
 */
static const char repr_active[] = "gopy.repr_active";

/* 1: already being printed on this thread; 0: entered (*key set, pass it
 * to repr_leave); -1: error. */
static int repr_enter(const gopy_structdef *d, GoInt64 h, PyObject **key)
{
	PyObject *tdict = PyThreadState_GetDict();
	PyObject *active, *type = NULL, *addr = NULL;
	int r;

	*key = NULL;
	if (!tdict) {
		PyErr_SetString(PyExc_RuntimeError, "gopy: no thread state dict");
		return -1;
	}
	active = PyDict_GetItemString(tdict, repr_active); /* borrowed */
	if (!active) {
		active = PySet_New(NULL);
		if (!active)
			return -1;
		r = PyDict_SetItemString(tdict, repr_active, active);
		Py_DECREF(active); /* tdict keeps it */
		if (r < 0)
			return -1;
	}
	type = PyLong_FromVoidPtr((void *)d);
	addr = !type ? NULL : GOPY_FORKED() ? gopy_raise_forked() : PyLong_FromSize_t(gopy_handle_addr(h));
	if (addr)
		*key = PyTuple_Pack(2, type, addr);
	Py_XDECREF(type);
	Py_XDECREF(addr);
	if (!*key)
		return -1;
	r = PySet_Contains(active, *key);
	if (r == 0 && PySet_Add(active, *key) < 0)
		r = -1;
	if (r != 0)
		Py_CLEAR(*key);
	return r;
}

/* Leaves what repr_enter entered; keeps any pending exception. */
static void repr_leave(PyObject *key)
{
	PyObject *tdict = PyThreadState_GetDict();
	PyObject *active = tdict ? PyDict_GetItemString(tdict, repr_active) : NULL;

	/* Discarding a tuple of ints from a set cannot fail or run code. */
	if (active)
		PySet_Discard(active, key);
	Py_DECREF(key);
}

/* "X=1, Y=2" for d->fields read from self. */
static PyObject *repr_fields(PyObject *self, const gopy_structdef *d)
{
	PyObject *parts = PyList_New(0), *sep = NULL, *r = NULL;
	const char *const *name;

	if (!parts)
		return NULL;
	for (name = d->fields; name && *name; name++) {
		PyObject *v = PyObject_GetAttrString(self, *name), *item;

		if (!v)
			goto done;
		item = PyUnicode_FromFormat("%s=%R", *name, v);
		Py_DECREF(v);
		if (!item)
			goto done;
		if (PyList_Append(parts, item) < 0) {
			Py_DECREF(item);
			goto done;
		}
		Py_DECREF(item);
	}
	sep = PyUnicode_FromString(", ");
	if (sep)
		r = PyUnicode_Join(sep, parts);
done:
	Py_XDECREF(sep);
	Py_DECREF(parts);
	return r;
}

PyObject *gopy_object_repr(PyObject *self, const gopy_structdef *d)
{
	PyObject *key, *body, *r = NULL;
	int entered = repr_enter(d, handle_of(self), &key);

	if (entered < 0)
		return NULL;
	if (entered > 0)
		return PyUnicode_FromFormat("%s(...)", d->qualname);
	body = repr_fields(self, d);
	if (body)
		r = PyUnicode_FromFormat("%s(%U)", d->qualname, body);
	Py_XDECREF(body);
	repr_leave(key);
	return r;
}

PyObject *gopy_object_str(PyObject *self, const gopy_structdef *d)
{
	PyObject *module;
	gopy_fail_addr fail;
	gopy_str s;
	GoInt64 h = handle_of(self);

	if (!d->string)
		return gopy_object_repr(self, d);
	module = gopy_module_of(self, d->def);
	if (!module)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(d->string(h, &s));
	Py_END_ALLOW_THREADS
	if (fail)
		return gopy_raise_fail(module, fail);
	return gopy_from_str(s);
}

PyObject *gopy_object_richcompare(PyObject *self, PyObject *other, int op,
				  const gopy_structdef *d)
{
	PyObject *module;
	PyTypeObject *cls;
	gopy_fail_addr fail;
	GoUint8 eq = 0;
	GoInt64 a = handle_of(self), b;

	if ((op != Py_EQ && op != Py_NE) || !d->equal)
		Py_RETURN_NOTIMPLEMENTED;
	cls = class_of(Py_TYPE(self), d->def, &module);
	if (!cls)
		return NULL;
	/* Both must hold the same Go type: instances of the generated class. */
	if (!PyObject_TypeCheck(other, cls))
		Py_RETURN_NOTIMPLEMENTED;
	b = handle_of(other);
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(d->equal(a, b, &eq));
	Py_END_ALLOW_THREADS
	if (fail)
		return gopy_raise_fail(module, fail);
	return PyBool_FromLong((eq != 0) == (op == Py_EQ));
}

/*
 * The attributes a Python subclass instance keeps in its __dict__ are
 * copied shallowly to the copy (for __deepcopy__ too: the Go value is
 * what gopy copies deeply).
 */
static int copy_instance_dict(PyObject *from, PyObject *to)
{
	PyObject *src = PyObject_GenericGetDict(from, NULL), *dst;
	int r;

	if (!src) {
		if (!PyErr_ExceptionMatches(PyExc_AttributeError))
			return -1;
		PyErr_Clear(); /* __slots__ without __dict__ */
		return 0;
	}
	dst = PyObject_GenericGetDict(to, NULL);
	r = dst ? PyDict_Update(dst, src) : -1;
	Py_DECREF(src);
	Py_XDECREF(dst);
	return r;
}

PyObject *gopy_object_copy(PyObject *self, int deep, const gopy_structdef *d)
{
	PyObject *module, *copy;
	PyTypeObject *cls;
	gopy_fail_addr fail;
	GoInt64 h = handle_of(self), out = 0;

	cls = class_of(Py_TYPE(self), d->def, &module);
	if (!cls)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	fail = GOPY_GO(d->copy(h, deep != 0, &out));
	Py_END_ALLOW_THREADS
	if (fail)
		return gopy_raise_fail(module, fail);
	/* Into self's own class, so a subclass instance copies as one. */
	copy = gopy_object_wrap(Py_TYPE(self), out);
	if (copy && Py_TYPE(self) != cls && copy_instance_dict(self, copy) < 0)
		Py_CLEAR(copy);
	return copy;
}

int gopy_field_delete(gopy_frame *f)
{
	PyObject *subject = gopy_priv_subject(f, 0);

	if (subject) {
		PyErr_Format(PyExc_TypeError, "cannot delete %U", subject);
		Py_DECREF(subject);
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* NAME._gopy                                                          */
/* ------------------------------------------------------------------ */

static PyObject *live_handles(PyObject *mod, PyObject *unused)
{
	(void)mod;
	(void)unused;
	if (GOPY_FORKED())
		return gopy_raise_forked();
	return PyLong_FromLongLong(gopy_handle_live());
}

static PyMethodDef private_functions[] = {
	{"live_handles", live_handles, METH_NOARGS,
	 "live_handles()\n--\n\n"
	 "The number of Go values Python currently holds (live handles)."},
	{NULL, NULL, 0, NULL}
};

int gopy_add_private(PyObject *module)
{
	const char *modname = PyModule_GetName(module);
	PyObject *name, *priv = NULL;
	int r = -1;

	if (!modname)
		return -1;
	name = PyUnicode_FromFormat("%s._gopy", modname);
	if (name)
		priv = PyModule_NewObject(name);
	if (priv && PyModule_AddFunctions(priv, private_functions) == 0)
		r = PyObject_SetAttrString(module, "_gopy", priv);
	Py_XDECREF(name);
	Py_XDECREF(priv);
	return r;
}
