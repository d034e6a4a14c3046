/*
 * src/cffi/emit_class.c: the classes of a cffi module's Python side (emit_class.h),
 * the counterpart of the class parts of src/capi/emit_module.c, with the same
 * behaviour and messages; what every class shares is in the runtime
 * (runtime/gopy_cffi_obj.py, imported as _obj).
 *
 * A struct class's instance holds in _h the handle of its Go value. The
 * fast paths are inline and make one call to a C shim (src/cffi/emit_shims.c):
 *
 *	class Point(_obj.Struct):
 *	    def __new__(cls, X=_MISSING, Y=_MISSING, *_extra):
 *	        _h = _init_Point(0, X, Y, _extra)    # converts, one Go call
 *	        ...
 *	    @property
 *	    def X(self):
 *	        _r0 = _lib.gopyc_get_Point__X(self._h)
 *	        ...
 *
 * A named basic type's class subclasses the builtin (int for bool);
 * its instances are plain values.
 */
#include "emit_class.h"
#include "conv_cffi.h"
#include "emit_pieces.h"
#include "emit_view.h"

#include <stdlib.h>
#include <string.h>

/* ---- pieces of generated code ---- */

/* The shim of a class member: "gopyc_get_Point__X". */
static void member_shim(sb *out, const char *what, const plan_class *c, const char *member)
{
	sb export = SB_INIT;

	emit_member_export(&export, what, c, member);
	emit_shim_name(out, sb_str(&export));
	sb_free(&export);
}

/* "call" at ind, in a try that rewords cffi's OverflowError for the
 * values in args ("{0: X, 1: Y}", or NULL: nothing to reword). */
static void emit_checked_call(sb *out, const char *ind, const char *call, const char *sig, const char *args)
{
	if (!args) {
		sb_printf(out, "%s%s\n", ind, call);
		return;
	}
	sb_printf(out, "%stry:\n%s    %s\n%sexcept _OverflowError:\n%s    _rt.recheck(%s, {%s})\n%s    raise\n",
		  ind, ind, call, ind, ind, sig, args, ind);
}

/* The module-level Sig names: "_sig_new_Point", "_sig_field_Point_X"
 * (Go's exported names start with a capital: no function's Sig). */
static void new_sig_name(sb *out, const plan_class *c)
{
	sb_printf(out, "_sig_new_%s", c->pyname);
}

static void field_sig_name(sb *out, const plan_class *c, const plan_field *fd)
{
	sb_printf(out, "_sig_field_%s__%s", c->pyname, fd->name);
}

/* ---- converters ---- */

static void struct_converters(sb *out, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;

	(void)p;
	sb_printf(out, "\n\ndef _to_%s(o, sig, idx, path=None):\n"
		       "    \"\"\"A %s argument: the handle of an instance.\"\"\"\n"
		       "    if isinstance(o, %s):\n        return o._h\n"
		       "    _obj.not_instance(o, %s, sig, idx, path)\n", n, c->named->shown, n, n);
	sb_printf(out, "\n\ndef _to_%s_ptr(o, sig, idx, path=None):\n"
		       "    \"\"\"A *%s argument: the handle of an instance; None is nil.\"\"\"\n"
		       "    if isinstance(o, %s):\n        return o._h\n"
		       "    if o is None:\n        return 0\n"
		       "    _obj.not_instance(o, %s, sig, idx, path)\n", n, c->named->shown, n, n);
	sb_printf(out, "\n\ndef _from_%s(h):\n"
		       "    \"\"\"A new %s owning the handle h Go handed over; None for nil.\"\"\"\n"
		       "    if not h:\n        return None\n"
		       "    o = object.__new__(%s)\n    o._h = h\n    return o\n", n, n, n);
}

static void named_converters(sb *out, const plan *p, const plan_class *c)
{
	const char *n = c->pyname, *base = c->underlying->py_base;

	/* Go's values always fit: no check, unlike the class's __new__. */
	sb_printf(out, "\n\ndef _from_%s(v):\n    return %s.__new__(%s, v)\n", n, base, n);
	/* A method's receiver must be an instance, as a C method descriptor
	 * requires; Go then takes its value. */
	sb_printf(out, "\n\ndef _recv_%s(o, sig, idx, path=None):\n"
		       "    if not isinstance(o, %s):\n"
		       "        _obj.not_instance(o, %s, sig, idx, path)\n"
		       "    return %s(o, sig, idx, path)\n", n, n, n, cffi_conv_of(p, c->value).to);
}

/* How a method of a named basic type converts its receiver (self): the
 * class's own converter, which also requires an instance, as a C method
 * descriptor does. */
static cffi_conv named_recv(const plan *p, const plan_class *c)
{
	cffi_conv r = cffi_conv_of(p, c->value);
	sb s = SB_INIT;

	sb_printf(&s, "_recv_%s", c->pyname);
	r.to = arena_strdup(&p->m->arena, sb_str(&s));
	/* An instance of the class itself is what cffi takes; __class__, not
	 * the class's name, which a parameter may spell. */
	if (r.exact)
		r.exact = "_type(%s) is __class__";
	sb_free(&s);
	return r;
}

/* ---- struct classes ---- */

/* The constructor's parameters: the ctor fields, in order. */
static int ctor_params(const plan_class *c, plan_value *params)
{
	int k = 0;

	for (int i = 0; i < c->nfields; i++)
		if (c->fields[i].ctor)
			params[k++] = (plan_value){.goname = c->fields[i].name, .pyname = c->fields[i].pyname,
						   .type = c->fields[i].type, .cv = c->fields[i].cv};
	return k;
}

/* The parameter list after first: "X=_MISSING, Y=_MISSING, *_extra" for
 * __new__ and __init__, "X, Y, _extra" for the helper they call. */
static void ctor_def_params(sb *out, const char *first, const plan_value *params, int k, bool helper)
{
	sb_add(out, first);
	for (int i = 0; i < k; i++)
		sb_printf(out, ", %s%s", params[i].pyname, helper ? "" : "=_MISSING");
	sb_add(out, helper ? ", _extra" : ", *_extra");
}

/*
 * _init_Point(h, X, Y, _extra): binds and converts the fields given and
 * sets them in one Go call, on the value with handle h or on a new one
 * when h is 0; returns the handle.
 */
static void emit_init_helper(sb *out, const plan *p, const plan_class *c, const plan_value *params, int k, const char *sig)
{
	sb call = SB_INIT, recheck = SB_INIT;

	sb_printf(out, "\n\n# %s(...): fields not given keep their zero value.\ndef _init_%s(", c->pyname, c->pyname);
	ctor_def_params(out, "h", params, k, true);
	sb_add(out, "):\n");
	sb_printf(out, "    \"\"\"Sets the given fields of the %s with handle h (a new one when h is\n"
		       "    0) in one call into Go; returns the handle.\"\"\"\n", c->named->shown);
	sb_printf(out, "    if _extra:\n        _rt.bind_error(%s, _extra", sig);
	for (int i = 0; i < k; i++)
		sb_printf(out, ", %s", params[i].pyname);
	sb_add(out, ")\n    _set = 0\n");
	sb_add(&call, "_h = _lib.");
	member_shim(&call, "init", c, NULL);
	sb_add(&call, "(h, _set");
	for (int i = 0; i < k; i++) {
		const char *name = params[i].pyname;
		const conv *cv = params[i].cv;
		cffi_conv cc = cffi_conv_of(p, cv);
		sb_printf(out, "    if %s is _MISSING:\n        %s = %s\n    else:\n", name, name, cffi_zero_arg(p, cv));
		/* Converted in place: the caller's frame keeps the instances. */
		emit_py_convert(out, "        ", &cc, name, name, sig, i);
		sb_printf(out, "        _set |= 1 << %d\n", i);
		sb_add(&call, ", ");
		cffi_py_arg(&call, p, cv, name);
		if (cffi_passes_as_is(p, cv))
			sb_printf(&recheck, "%s%d: %s", recheck.len ? ", " : "", i, name);
	}
	sb_addc(&call, ')');
	emit_checked_call(out, "    ", sb_str(&call), sig, recheck.len ? sb_str(&recheck) : NULL);
	sb_printf(out, "    if _h == %s:\n        _rt.check()\n    return _h\n", emit_py_fail_name(c->value->ret));
	sb_free(&call), sb_free(&recheck);
}

/* __new__ does the work in one Go call; __init__ only for a subclass
 * whose own __init__ calls it (Struct.__init_subclass__). */
static void emit_struct_ctor(sb *out, const plan_class *c, const plan_value *params, int k)
{
	const char *n = c->pyname;

	sb_add(out, "\n    def __new__(");
	ctor_def_params(out, "cls", params, k, false);
	/* X.__new__(Y) for a Y that is not X is refused before Go makes a value;
	 * __class__, not the class's name: a parameter may be spelled like it. */
	sb_add(out, "):\n        if cls is not __class__:\n            _obj.check_new(cls, __class__)\n");
	sb_printf(out, "        _h = _init_%s(0", n);
	for (int i = 0; i < k; i++)
		sb_printf(out, ", %s", params[i].pyname);
	sb_add(out, ", _extra)\n        _self = _object.__new__(cls)\n        _self._h = _h\n        return _self\n");
	sb_add(out, "\n    def __init__(");
	ctor_def_params(out, "self", params, k, false);
	/* __class__, not the class's name: a field may be spelled like it. */
	sb_printf(out, "):\n        if _type(self).__init__ is not __class__.__init__:  # through a subclass's super().__init__\n"
		       "            _init_%s(self._h", n);
	for (int i = 0; i < k; i++)
		sb_printf(out, ", %s", params[i].pyname);
	sb_add(out, ", _extra)\n");
	/* Python words binding errors with these names: "Point() got an
	 * unexpected keyword argument 'Z'" (CPython the qualname, PyPy the name). */
	sb_printf(out, "\n    __new__.__name__ = __new__.__qualname__ = \"%s\"\n"
		       "    __init__.__name__ = __init__.__qualname__ = \"%s\"\n", n, n);
}

/* A field: a property whose getter, setter and deleter call the shims. */
static void emit_field(sb *out, const plan *p, const plan_class *c, const plan_field *fd)
{
	const conv *cv = fd->cv;
	sb sig = SB_INIT, shim = SB_INIT, call = SB_INIT, arg = SB_INIT;

	field_sig_name(&sig, c, fd);
	member_shim(&shim, "get", c, fd->name);
	sb_printf(out, "\n    # %s %s\n    @property\n    def %s(self):\n", fd->name,
		  model_type_at(p->m, fd->type)->shown, fd->pyname);
	if (fd->doc && *fd->doc)
		emit_py_docstring(out, "        ", fd->doc);
	if (cv->ret) {
		sb_printf(out, "        _r0 = _lib.%s(self._h)\n        if _r0 == %s:\n"
			       "            _obj.field_fail(0, self, __class__, \"%s\")\n        return ",
			  sb_str(&shim), emit_py_fail_name(cv->ret), fd->name);
		emit_py_result(out, p, cv, "_r0");
	} else {
		sb_printf(out, "        _out = _ffi.new(\"%s_out *\")\n        _fail = _lib.%s(self._h, _out)\n"
			       "        if _fail:\n            _obj.field_fail(_fail, self, __class__, \"%s\")\n        return ",
			  sb_str(&shim), sb_str(&shim), fd->name);
		emit_py_result(out, p, cv, "_out.r0");
	}
	sb_addc(out, '\n');

	sb_reset(&shim);
	member_shim(&shim, "set", c, fd->name);
	sb_printf(out, "\n    @%s.setter\n    def %s(self, value):\n", fd->pyname, fd->pyname);
	const char *dst = conv_is_struct(cv) ? "h" : "value";
	cffi_conv cc = cffi_conv_of(p, cv);
	emit_py_convert(out, "        ", &cc, "value", dst, sb_str(&sig), 0);
	cffi_py_arg(&arg, p, cv, dst);
	sb_printf(&call, "_fail = _lib.%s(self._h, %s)", sb_str(&shim), sb_str(&arg));
	emit_checked_call(out, "        ", sb_str(&call), sb_str(&sig), cffi_passes_as_is(p, cv) ? "0: value" : NULL);
	sb_printf(out, "        if _fail:\n            _obj.field_fail(_fail, self, __class__, \"%s\")\n",
		  fd->name);

	sb_printf(out, "\n    @%s.deleter\n    def %s(self):\n        _obj.field_delete(%s)\n", fd->pyname, fd->pyname,
		  sb_str(&sig));
	sb_free(&sig), sb_free(&shim), sb_free(&call), sb_free(&arg);
}

/* ==, copies and str: the value operations of gopy_structdef. */
static void emit_struct_ops(sb *out, const plan_class *c)
{
	const char *n = c->pyname;
	sb shim = SB_INIT;

	if (c->comparable) {
		member_shim(&shim, "eq", c, NULL);
		/* Both must hold the same Go type: instances of this class. */
		sb_printf(out, "\n    def __eq__(self, other):\n        if not isinstance(other, %s):\n"
			       "            return NotImplemented\n"
			       "        r = _lib.%s(self._h, other._h)\n        if r == %s:\n            _rt.check()\n"
			       "        return r != 0\n",
			  n, sb_str(&shim), emit_py_fail_name(convtab_basic(B_BOOL)->ret));
		sb_reset(&shim);
	}
	member_shim(&shim, "copy", c, NULL);
	sb_printf(out, "\n    def _gopy_copy(self, deep):\n        h = _lib.%s(self._h, deep)\n"
		       "        if h == %s:\n            _rt.check()\n        return _obj.copied(self, h)\n",
		  sb_str(&shim), emit_py_fail_name(c->value->ret));
	sb_free(&shim);
}

/* The comment that opens a struct or named basic class. */
static void class_header(sb *out, const plan_class *c)
{
	sb_printf(out, "\n\n# ---- %s: the Go type %s ----\n", c->pyname, c->named->shown);
}

static void emit_struct_class(sb *out, const plan *p, const plan_class *c)
{
	plan_value *params = xcalloc((size_t)c->nfields + 1, sizeof *params);
	int k = ctor_params(c, params);
	sb sig = SB_INIT;

	class_header(out, c);
	new_sig_name(&sig, c);
	sb_addc(out, '\n');
	emit_py_sig(out, p, "", sb_str(&sig), c->pyname, params, k, false, "_rt.NEW");
	for (int i = 0; i < c->nfields; i++) {
		const plan_field *fd = &c->fields[i];
		plan_value v = {.goname = fd->name, .pyname = fd->pyname, .type = fd->type, .cv = fd->cv};
		sb fsig = SB_INIT, owner = SB_INIT;
		field_sig_name(&fsig, c, fd);
		sb_printf(&owner, "%s.%s", p->modname, c->pyname);
		emit_py_sig(out, p, "", sb_str(&fsig), sb_str(&owner), &v, 1, false, "_rt.FIELD");
		sb_free(&fsig), sb_free(&owner);
	}
	emit_py_method_sigs(out, p, c);
	emit_init_helper(out, p, c, params, k, sb_str(&sig));

	sb_printf(out, "\n\nclass %s(_obj.Struct):\n", c->pyname);
	if (c->decl->doc && *c->decl->doc)
		emit_py_docstring(out, "    ", c->decl->doc);
	sb_printf(out, "\n    __slots__ = ()\n    _gopy_tp_name = \"%s.%s\"\n", p->modname, c->pyname);
	/* repr shows the struct's own fields; promoted ones appear inside the
	 * embedded field's repr. */
	sb_add(out, "    _gopy_fields = (");
	int nshown = 0;
	for (int i = 0; i < c->nfields; i++)
		if (!c->fields[i].promoted)
			sb_printf(out, "%s\"%s\"", nshown++ ? ", " : "", c->fields[i].pyname);
	sb_add(out, nshown == 1 ? ",)\n" : ")\n");
	emit_struct_ctor(out, c, params, k);
	for (int i = 0; i < c->nfields; i++)
		emit_field(out, p, c, &c->fields[i]);
	emit_struct_ops(out, c);
	cffi_conv recv = cffi_conv_of(p, c->value);
	emit_py_methods(out, p, c, &recv);
	if (c->string) /* str() calls Go's String, as gopy_object_str does */
		sb_printf(out, "\n    __str__ = %s\n", c->string->pyname);
	free(params);
	sb_free(&sig);
}

/* ---- named basic classes ---- */

static void emit_named_class(sb *out, const plan *p, const plan_class *c)
{
	const char *n = c->pyname, *base = c->underlying->py_base;
	bool as_bool = c->underlying->kind == CK_BOOL;
	plan_value v = {.goname = "value", .pyname = "value", .type = c->named->id, .cv = c->value};
	sb sig = SB_INIT;

	class_header(out, c);
	new_sig_name(&sig, c);
	sb_addc(out, '\n');
	emit_py_sig(out, p, "", sb_str(&sig), n, &v, 1, false, "_rt.NEW");
	emit_py_method_sigs(out, p, c);

	sb_printf(out, "\n\nclass %s(%s):\n", n, base);
	if (c->decl->doc && *c->decl->doc)
		emit_py_docstring(out, "    ", c->decl->doc);
	sb_printf(out, "\n    __slots__ = ()\n    _gopy_tp_name = \"%s.%s\"\n", p->modname, n);
	/* gopy_named_new: the builtin makes the value, which must fit the Go
	 * type: Level(1000) for `type Level int8` is an OverflowError now
	 * rather than at the next Go call. */
	sb_printf(out, "\n    def __new__(cls, *args, **kwargs):\n        self = %s.__new__(cls, *args, **kwargs)\n"
		       "        %s(self, %s, 0)\n        return self\n", base, cffi_conv_of(p, c->value).to, sb_str(&sig));
	sb_printf(out, "\n    def __repr__(self):\n        return _obj.named_repr(self, %s, %s)\n", base,
		  as_bool ? "True" : "False");
	if (c->string)
		emit_py_string_method(out, c);
	else
		sb_printf(out, "\n    def __str__(self):\n        return _obj.named_str(self, %s, %s)\n", base,
			  as_bool ? "True" : "False");
	cffi_conv recv = named_recv(p, c);
	emit_py_methods(out, p, c, &recv);
	sb_free(&sig);
}

/*
 * What differs between the kinds of class, in one place: the converters
 * the module defines before its Sig tables (a view's are the view's own,
 * emit_py_view) and the class.
 */
static const struct class_kind {
	void (*converters)(sb *out, const plan *p, const plan_class *c);
	void (*cls)(sb *out, const plan *p, const plan_class *c);
} class_kinds[] = {
	[CLASS_STRUCT] = {struct_converters, emit_struct_class},
	[CLASS_NAMED_BASIC] = {named_converters, emit_named_class},
	[CLASS_VIEW] = {NULL, emit_py_view_class},
};

void emit_py_class_converters(sb *out, const plan *p, const plan_class *c)
{
	if (class_kinds[c->kind].converters)
		class_kinds[c->kind].converters(out, p, c);
}

void emit_py_class(sb *out, const plan *p, const plan_class *c)
{
	class_kinds[c->kind].cls(out, p, c);
}
