/*
 * src/cffi/emit_class.c: the classes of a cffi module's Python side (emit_class.h),
 * the counterpart of the class parts of src/capi/emit_module.c, with the same
 * behaviour and messages; what every class shares is in the runtime
 * (runtime/cffi/gopy_cffi_obj.py, imported as _obj).
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

/* "if cond:", then the runtime's report of field fd's failure fail. */
static void field_fail(printer *pr, const char *cond, const char *fail, const plan_field *fd)
{
	pr_open(pr, "if %s:", cond);
	pr_line(pr, "_obj.field_fail(%s, self, __class__, \"%s\")", fail, fd->name);
	pr_close(pr, NULL);
}

/* ---- converters ---- */

/* "if isinstance(o, N):" then "return o._h": an instance's handle. */
static void return_handle(printer *pr, const char *n)
{
	pr_open(pr, "if isinstance(o, %s):", n);
	pr_line(pr, "return o._h");
	pr_close(pr, NULL);
}

static void struct_converters(printer *pr, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;

	(void)p;
	emit_py_gap(pr);
	pr_open(pr, "def _to_%s(o, sig, idx, path=None):", n);
	pr_line(pr, "\"\"\"A %s argument: the handle of an instance.\"\"\"", c->named->shown);
	return_handle(pr, n);
	pr_line(pr, "_obj.not_instance(o, %s, sig, idx, path)", n);
	pr_close(pr, NULL);

	emit_py_gap(pr);
	pr_open(pr, "def _to_%s_ptr(o, sig, idx, path=None):", n);
	pr_line(pr, "\"\"\"A *%s argument: the handle of an instance; None is nil.\"\"\"", c->named->shown);
	return_handle(pr, n);
	emit_py_check(pr, "o is None", "return 0");
	pr_line(pr, "_obj.not_instance(o, %s, sig, idx, path)", n);
	pr_close(pr, NULL);

	emit_py_gap(pr);
	pr_open(pr, "def _from_%s(h):", n);
	pr_line(pr, "\"\"\"A new %s owning the handle h Go handed over; None for nil.\"\"\"", n);
	emit_py_check(pr, "not h", "return None");
	pr_line(pr, "o = %s.__new__(%s)", c->error ? "_ErrorStruct" : "object", n);
	pr_line(pr, "o._h = h");
	pr_line(pr, "return o");
	pr_close(pr, NULL);
}

static void named_converters(printer *pr, const plan *p, const plan_class *c)
{
	const char *n = c->pyname, *base = c->underlying->py_base;

	/* Go's values always fit: no check, unlike the class's __new__. */
	emit_py_gap(pr);
	pr_open(pr, "def _from_%s(v):", n);
	pr_line(pr, "return %s.__new__(%s, v)", base, n);
	pr_close(pr, NULL);
	/* A method's receiver must be an instance, as a C method descriptor
	 * requires; Go then takes its value. */
	emit_py_gap(pr);
	pr_open(pr, "def _recv_%s(o, sig, idx, path=None):", n);
	pr_open(pr, "if not isinstance(o, %s):", n);
	pr_line(pr, "_obj.not_instance(o, %s, sig, idx, path)", n);
	pr_close(pr, "return %s(o, sig, idx, path)", cffi_conv_of(p, c->value).to);
	pr_close(pr, NULL);
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

/* The arguments after first of a call of the helper: "0, X, Y, _extra". */
static void ctor_args(sb *out, const char *first, const plan_value *params, int k)
{
	sb_add(out, first);
	for (int i = 0; i < k; i++)
		sb_printf(out, ", %s", params[i].pyname);
	sb_add(out, ", _extra");
}

/*
 * _init_Point(h, X, Y, _extra): binds and converts the fields given and
 * sets them in one Go call, on the value with handle h or on a new one
 * when h is 0; returns the handle.
 */
static void emit_init_helper(printer *pr, const plan *p, const plan_class *c, const plan_value *params, int k,
			     const char *sig)
{
	sb line = SB_INIT, call = SB_INIT, recheck = SB_INIT;

	emit_py_gap(pr);
	pr_line(pr, "# %s(...): fields not given keep their zero value.", c->pyname);
	ctor_def_params(&line, "h", params, k, true);
	pr_open(pr, "def _init_%s(%s):", c->pyname, sb_str(&line));
	pr_line(pr, "\"\"\"Sets the given fields of the %s with handle h (a new one when h is", c->named->shown);
	pr_line(pr, "0) in one call into Go; returns the handle.\"\"\"");
	sb_reset(&line);
	sb_printf(&line, "_rt.bind_error(%s, _extra", sig);
	for (int i = 0; i < k; i++)
		sb_printf(&line, ", %s", params[i].pyname);
	sb_addc(&line, ')');
	emit_py_check(pr, "_extra", sb_str(&line));
	pr_line(pr, "_set = 0");
	sb_add(&call, "_h = _lib.");
	member_shim(&call, "init", c, NULL);
	sb_add(&call, "(h, _set");
	for (int i = 0; i < k; i++) {
		const char *name = params[i].pyname;
		const conv *cv = params[i].cv;
		cffi_conv cc = cffi_conv_of(p, cv);
		pr_open(pr, "if %s is _MISSING:", name);
		pr_start(pr, "%s = ", name);
		cffi_spell(pr->out, p, cv, CF_PY_ZERO, name);
		pr_end(pr);
		pr_close(pr, NULL);
		pr_open(pr, "else:");
		/* Converted in place: the caller's frame keeps the instances. */
		emit_py_convert(pr, &cc, name, name, sig, i);
		pr_line(pr, "_set |= 1 << %d", i);
		pr_close(pr, NULL);
		sb_add(&call, ", ");
		cffi_spell(&call, p, cv, CF_PY_ARG, name);
		if (cffi_passes_as_is(p, cv))
			sb_printf(&recheck, "%s%d: %s", recheck.len ? ", " : "", i, name);
	}
	sb_addc(&call, ')');
	emit_py_checked_call(pr, sb_str(&call), sig, recheck.len ? sb_str(&recheck) : NULL);
	sb_reset(&line);
	sb_printf(&line, "_h == %s", emit_py_fail_name(c->value->ret));
	emit_py_check(pr, sb_str(&line), "_rt.check()");
	pr_line(pr, "return _h");
	pr_close(pr, NULL);
	sb_free(&line), sb_free(&call), sb_free(&recheck);
}

/* __new__ does the work in one Go call; __init__ only for a subclass
 * whose own __init__ calls it (Struct.__init_subclass__). */
static void emit_struct_ctor(printer *pr, const plan_class *c, const plan_value *params, int k)
{
	const char *n = c->pyname;
	sb line = SB_INIT;

	pr_blank(pr);
	ctor_def_params(&line, "cls", params, k, false);
	pr_open(pr, "def __new__(%s):", sb_str(&line));
	/* X.__new__(Y) for a Y that is not X is refused before Go makes a value;
	 * __class__, not the class's name: a parameter may be spelled like it. */
	emit_py_check(pr, "cls is not __class__", "_obj.check_new(cls, __class__)");
	sb_reset(&line);
	ctor_args(&line, "0", params, k);
	pr_line(pr, "_h = _init_%s(%s)", n, sb_str(&line));
	pr_line(pr, "_self = %s.__new__(cls)", c->error ? "_ErrorStruct" : "_object");
	pr_line(pr, "_self._h = _h");
	pr_line(pr, "return _self");
	pr_close(pr, NULL);

	pr_blank(pr);
	sb_reset(&line);
	ctor_def_params(&line, "self", params, k, false);
	pr_open(pr, "def __init__(%s):", sb_str(&line));
	/* __class__, not the class's name: a field may be spelled like it. */
	pr_open(pr, "if _type(self).__init__ is not __class__.__init__:  # through a subclass's super().__init__");
	sb_reset(&line);
	ctor_args(&line, "self._h", params, k);
	pr_line(pr, "_init_%s(%s)", n, sb_str(&line));
	pr_close(pr, NULL);
	pr_close(pr, NULL);
	/* Python words binding errors with these names: "Point() got an
	 * unexpected keyword argument 'Z'" (CPython the qualname, PyPy the name). */
	pr_blank(pr);
	pr_line(pr, "__new__.__name__ = __new__.__qualname__ = \"%s\"", n);
	pr_line(pr, "__init__.__name__ = __init__.__qualname__ = \"%s\"", n);
	sb_free(&line);
}

/* A field's getter: "return" the shim's result, or field_fail. */
static void emit_getter(printer *pr, const plan *p, const plan_class *c, const plan_field *fd)
{
	const conv *cv = fd->cv;
	sb shim = SB_INIT, cond = SB_INIT, ret = SB_INIT;

	member_shim(&shim, "get", c, fd->name);
	pr_blank(pr);
	pr_line(pr, "# %s %s", fd->name, model_type_at(p->m, fd->type)->shown);
	pr_line(pr, "@property");
	pr_open(pr, "def %s(self):", fd->pyname);
	if (fd->doc && *fd->doc)
		emit_py_docstring(pr, fd->doc);
	if (cv->ret) {
		pr_line(pr, "_r0 = _lib.%s(self._h)", sb_str(&shim));
		sb_printf(&cond, "_r0 == %s", emit_py_fail_name(cv->ret));
		field_fail(pr, sb_str(&cond), "0", fd);
		emit_py_result(&ret, p, cv, "_r0");
	} else {
		pr_line(pr, "_out = _ffi.new(\"%s_out *\")", sb_str(&shim));
		pr_line(pr, "_fail = _lib.%s(self._h, _out)", sb_str(&shim));
		field_fail(pr, "_fail", "_fail", fd);
		emit_py_result(&ret, p, cv, "_out.r0");
	}
	pr_line(pr, "return %s", sb_str(&ret));
	pr_close(pr, NULL);
	sb_free(&shim), sb_free(&cond), sb_free(&ret);
}

/* A field: a property whose getter, setter and deleter call the shims. */
static void emit_field(printer *pr, const plan *p, const plan_class *c, const plan_field *fd)
{
	const conv *cv = fd->cv;
	const char *dst = conv_is_struct(cv) ? "h" : "value";
	cffi_conv cc = cffi_conv_of(p, cv);
	sb sig = SB_INIT, shim = SB_INIT, call = SB_INIT, arg = SB_INIT;

	field_sig_name(&sig, c, fd);
	emit_getter(pr, p, c, fd);

	member_shim(&shim, "set", c, fd->name);
	pr_blank(pr);
	pr_line(pr, "@%s.setter", fd->pyname);
	pr_open(pr, "def %s(self, value):", fd->pyname);
	emit_py_convert(pr, &cc, "value", dst, sb_str(&sig), 0);
	cffi_spell(&arg, p, cv, CF_PY_ARG, dst);
	sb_printf(&call, "_fail = _lib.%s(self._h, %s)", sb_str(&shim), sb_str(&arg));
	emit_py_checked_call(pr, sb_str(&call), sb_str(&sig), cffi_passes_as_is(p, cv) ? "0: value" : NULL);
	field_fail(pr, "_fail", "_fail", fd);
	pr_close(pr, NULL);

	pr_blank(pr);
	pr_line(pr, "@%s.deleter", fd->pyname);
	pr_open(pr, "def %s(self):", fd->pyname);
	pr_line(pr, "_obj.field_delete(%s)", sb_str(&sig));
	pr_close(pr, NULL);
	sb_free(&sig), sb_free(&shim), sb_free(&call), sb_free(&arg);
}

/* ==, copies and str: the value operations of gopy_structdef. */
static void emit_struct_ops(printer *pr, const plan_class *c)
{
	sb shim = SB_INIT, cond = SB_INIT;

	if (c->comparable && !c->error) { /* an error class keeps GoError's == (errors.Is) */
		member_shim(&shim, "eq", c, NULL);
		/* Both must hold the same Go type: instances of this class. */
		pr_blank(pr);
		pr_open(pr, "def __eq__(self, other):");
		pr_open(pr, "if not isinstance(other, %s):", c->pyname);
		pr_line(pr, "return NotImplemented");
		pr_close(pr, NULL);
		pr_line(pr, "r = _lib.%s(self._h, other._h)", sb_str(&shim));
		sb_printf(&cond, "r == %s", emit_py_fail_name(convtab_basic(B_BOOL)->ret));
		emit_py_check(pr, sb_str(&cond), "_rt.check()");
		pr_line(pr, "return r != 0");
		pr_close(pr, NULL);
		sb_reset(&shim), sb_reset(&cond);
	}
	member_shim(&shim, "copy", c, NULL);
	pr_blank(pr);
	pr_open(pr, "def _gopy_copy(self, deep):");
	pr_line(pr, "h = _lib.%s(self._h, deep)", sb_str(&shim));
	sb_printf(&cond, "h == %s", emit_py_fail_name(c->value->ret));
	emit_py_check(pr, sb_str(&cond), "_rt.check()");
	pr_line(pr, "return _obj.copied(self, h)");
	pr_close(pr, NULL);
	sb_free(&shim), sb_free(&cond);
}

/* The comment that opens a struct or named basic class. */
static void class_header(printer *pr, const plan_class *c)
{
	emit_py_gap(pr);
	pr_line(pr, "# ---- %s: the Go type %s ----", c->pyname, c->named->shown);
}

/* "class N(base):", its docstring, __slots__ and _gopy_tp_name. */
static void class_open(printer *pr, const plan *p, const plan_class *c, const char *base)
{
	emit_py_gap(pr);
	pr_open(pr, "class %s(%s):", c->pyname, base);
	if (c->decl->doc && *c->decl->doc)
		emit_py_docstring(pr, c->decl->doc);
	pr_blank(pr);
	pr_line(pr, "__slots__ = ()");
	pr_line(pr, "_gopy_tp_name = \"%s\"", plan_class_qualname(p, c));
}

static void emit_struct_class(printer *pr, const plan *p, const plan_class *c)
{
	plan_value *params = xcalloc((size_t)c->nfields + 1, sizeof *params);
	int k = ctor_params(c, params);
	sb sig = SB_INIT, shown = SB_INIT;

	class_header(pr, c);
	new_sig_name(&sig, c);
	pr_blank(pr);
	emit_py_sig(pr->out, p, "", sb_str(&sig), c->pyshort, params, k, false, "_rt.NEW");
	for (int i = 0; i < c->nfields; i++) {
		const plan_field *fd = &c->fields[i];
		plan_value v = {.goname = fd->name, .pyname = fd->pyname, .type = fd->type, .cv = fd->cv};
		sb fsig = SB_INIT, owner = SB_INIT;
		field_sig_name(&fsig, c, fd);
		sb_add(&owner, plan_class_qualname(p, c));
		emit_py_sig(pr->out, p, "", sb_str(&fsig), sb_str(&owner), &v, 1, false, "_rt.FIELD");
		sb_free(&fsig), sb_free(&owner);
	}
	emit_py_method_sigs(pr, p, c);
	emit_init_helper(pr, p, c, params, k, sb_str(&sig));

	class_open(pr, p, c, c->error ? "_ErrorStruct" : "_obj.Struct");
	if (c->error)
		pr_line(pr, "go_type = \"%s%s\"", c->error_by_value ? "" : "*", c->named->shown);
	/* repr shows the struct's own fields; promoted ones appear inside the
	 * embedded field's repr. */
	int nshown = 0;
	for (int i = 0; i < c->nfields; i++)
		if (!c->fields[i].promoted)
			sb_printf(&shown, "%s\"%s\"", nshown++ ? ", " : "", c->fields[i].pyname);
	pr_line(pr, "_gopy_fields = (%s%s", sb_str(&shown), nshown == 1 ? ",)" : ")");
	emit_struct_ctor(pr, c, params, k);
	for (int i = 0; i < c->nfields; i++)
		emit_field(pr, p, c, &c->fields[i]);
	emit_struct_ops(pr, c);
	cffi_conv recv = cffi_conv_of(p, c->value);
	emit_py_methods(pr, p, c, &recv);
	if (c->string) { /* str() calls Go's String, as gopy_object_str does */
		pr_blank(pr);
		pr_line(pr, "__str__ = %s", c->string->pyname);
	}
	pr_close(pr, NULL);
	free(params);
	sb_free(&sig), sb_free(&shown);
}

/* ---- named basic classes ---- */

static void emit_named_class(printer *pr, const plan *p, const plan_class *c)
{
	const char *base = c->underlying->py_base;
	const char *as_bool = c->underlying->kind == CK_BOOL ? "True" : "False";
	plan_value v = {.goname = "value", .pyname = "value", .type = c->named->id, .cv = c->value};
	sb sig = SB_INIT;

	class_header(pr, c);
	new_sig_name(&sig, c);
	pr_blank(pr);
	emit_py_sig(pr->out, p, "", sb_str(&sig), c->pyshort, &v, 1, false, "_rt.NEW");
	emit_py_method_sigs(pr, p, c);

	class_open(pr, p, c, base);
	/* gopy_named_new: the builtin makes the value, which must fit the Go
	 * type: Level(1000) for `type Level int8` is an OverflowError now
	 * rather than at the next Go call. */
	pr_blank(pr);
	pr_open(pr, "def __new__(cls, *args, **kwargs):");
	pr_line(pr, "self = %s.__new__(cls, *args, **kwargs)", base);
	pr_line(pr, "%s(self, %s, 0)", cffi_conv_of(p, c->value).to, sb_str(&sig));
	pr_line(pr, "return self");
	pr_close(pr, NULL);
	pr_blank(pr);
	pr_open(pr, "def __repr__(self):");
	pr_line(pr, "return _obj.named_repr(self, %s, %s)", base, as_bool);
	pr_close(pr, NULL);
	if (c->string) {
		emit_py_string_method(pr, c);
	} else {
		pr_blank(pr);
		pr_open(pr, "def __str__(self):");
		pr_line(pr, "return _obj.named_str(self, %s, %s)", base, as_bool);
		pr_close(pr, NULL);
	}
	cffi_conv recv = named_recv(p, c);
	emit_py_methods(pr, p, c, &recv);
	pr_close(pr, NULL);
	sb_free(&sig);
}

/* ---- interfaces ---- */

/* An interface class: instances hold a handle to the Go value; methods
 * call Go with the instance's record as the receiver. */
static void emit_iface_class(printer *pr, const plan *p, const plan_class *c)
{
	sb names = SB_INIT;

	emit_py_gap(pr);
	pr_line(pr, "# ---- %s: the Go interface %s ----", c->pyname, c->named->shown);
	emit_py_method_sigs(pr, p, c);
	class_open(pr, p, c, "_dyn.Interface");
	for (int i = 0; i < c->nmethods; i++)
		sb_printf(&names, "%s\"%s\"", i ? ", " : "", c->methods[i].pyname);
	pr_line(pr, "_gopy_methods = (%s%s", sb_str(&names), c->nmethods == 1 ? ",)" : ")");
	cffi_conv recv = cffi_conv_of(p, c->value);
	emit_py_methods(pr, p, c, &recv);
	pr_close(pr, NULL);
	sb_free(&names);
}

void emit_py_iface(printer *pr, const plan *p, const plan_iface *i)
{
	emit_py_gap(pr);
	pr_start(pr, "_iface_%s = _dyn.Iface(\"%s\", (", i->name, i->shown);
	for (int k = 0; k < i->nmethods; k++)
		pr_add(pr, "\"%s\"%s", i->cls ? i->cls->methods[k].pyname : i->methods[k],
		       k || i->nmethods > 1 ? ", " : ",");
	pr_add(pr, "), %d)", (int)i->pykind); /* gopy_abi.h: GOPY_PY_* */
	pr_end(pr);
	pr_blank(pr);
	pr_blank(pr);
	pr_open(pr, "def _to_iface_%s(o, sig, idx, path=None):", i->name);
	pr_line(pr, "\"\"\"A %s argument: a gopy_val record.\"\"\"", i->shown);
	pr_line(pr, "return _dyn.to_val(o, sig, idx, _iface_%s, path)", i->name);
	pr_close(pr, NULL);
	(void)p;
}

/* After every class: what the runtime needs to know of them. */
void emit_py_class_table(printer *pr, const plan *p)
{
	emit_py_gap(pr);
	pr_line(pr, "# The classes by index (gopy_val.cls); bound types implementing an");
	pr_line(pr, "# interface are its virtual subclasses.");
	pr_start(pr, "_dyn.set_classes((");
	for (int i = 0; i < p->nclasses; i++)
		pr_add(pr, "%s%s", p->classes[i].pyname, i || p->nclasses > 1 ? ", " : ",");
	pr_add(pr, "))");
	pr_end(pr);
	if (p->nviews) {
		pr_line(pr, "# The container types by number (a callback's argument names its own).");
		pr_start(pr, "_dyn.set_views((");
		for (int i = 0; i < p->nviews; i++) /* a tuple of one needs its comma */
			pr_add(pr, "%s_vd_%s%s", i ? " " : "", p->views[i]->name,
			       p->nviews > 1 && i == p->nviews - 1 ? "" : ",");
		pr_add(pr, "))");
		pr_end(pr);
	}
	for (int i = 0; i < p->nifaces; i++)
		if (p->ifaces[i]->cls)
			pr_line(pr, "_iface_%s.cls = %s", p->ifaces[i]->name, p->ifaces[i]->cls->pyname);
	for (int i = 0; i < p->nclasses; i++)
		for (int k = 0; k < p->classes[i].nimplementers; k++)
			pr_line(pr, "%s.register(%s)", p->classes[i].pyname, p->classes[i].implementers[k]->pyname);
}

/*
 * What differs between the kinds of class, in one place: the converters
 * the module defines before its Sig tables (a view's are the view's own,
 * emit_py_view) and the class.
 */
static const struct class_kind {
	void (*converters)(printer *pr, const plan *p, const plan_class *c);
	void (*cls)(printer *pr, const plan *p, const plan_class *c);
} class_kinds[] = {
	[CLASS_STRUCT] = {struct_converters, emit_struct_class},
	[CLASS_NAMED_BASIC] = {named_converters, emit_named_class},
	[CLASS_VIEW] = {NULL, emit_py_view_class},
	[CLASS_IFACE] = {NULL, emit_iface_class},
};

void emit_py_class_converters(printer *pr, const plan *p, const plan_class *c)
{
	if (class_kinds[c->kind].converters)
		class_kinds[c->kind].converters(pr, p, c);
}

void emit_py_class(printer *pr, const plan *p, const plan_class *c)
{
	class_kinds[c->kind].cls(pr, p, c);
}
