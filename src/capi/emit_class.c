/* src/capi/emit_class.c: see emit_class.h. */
#include "emit_class.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void emit_struct_converters(printer *pr, const plan *p, const plan_class *c, const used_set *u)
{
	const char *n = c->pyname;

	(void)p;
	if (used(u, "to_%s", n)) {
		func_open(pr, "static int", "to_%s(gopy_frame *f, int idx, PyObject *o, void *out)", n);
		pr_line(pr, "return gopy_to_handle(f, idx, o, out, CLASS_%s, 0);", n);
		pr_close(pr, "}");
	}
	if (used(u, "to_%s_ptr", n)) {
		func_open(pr, "static int", "to_%s_ptr(gopy_frame *f, int idx, PyObject *o, void *out)", n);
		pr_line(pr, "return gopy_to_handle(f, idx, o, out, CLASS_%s, 1);", n);
		pr_close(pr, "}");
	}
	if (used(u, "from_%s", n)) {
		func_open(pr, "static PyObject *", "from_%s(PyObject *module, GoInt64 h)", n);
		pr_line(pr, "return gopy_from_handle(module, CLASS_%s, h);", n);
		pr_close(pr, "}");
	}
}

static void emit_named_converters(printer *pr, const plan *p, const plan_class *c, const used_set *u)
{
	const char *n = c->pyname;

	if (!used(u, "from_%s", n))
		return;
	func_open(pr, "static PyObject *", "from_%s(PyObject *module, %s v)", n, c->underlying->c_out_type);
	pr_line(pr, "return gopy_from_named(module, CLASS_%s, %s(v));", n, capi_conv_of(p, c->underlying).to_py);
	pr_close(pr, "}");
}

static void emit_field(printer *pr, const plan *p, const plan_class *c, const plan_field *fd)
{
	sb cname = SB_INIT, qual = SB_INIT, get = SB_INIT, set = SB_INIT;

	sb_printf(&cname, "%s__%s", c->pyname, fd->name);
	sb_add(&qual, plan_class_qualname(p, c));
	emit_member_export(&get, "get", c, fd->name);
	emit_member_export(&set, "set", c, fd->name);
	pr_blank(pr);
	pr_line(pr, "/* the field %s.%s %s */", c->named->shown, fd->name, model_type_at(p->m, fd->type)->shown);
	accessor a = {sb_str(&cname), sb_str(&qual), DS_FIELD, fd->pyname, fd->type, fd->cv,
		      sb_str(&get), sb_str(&set), false, false};
	emit_accessor(pr, p, &a);
	sb_free(&cname), sb_free(&qual), sb_free(&get), sb_free(&set);
}

/* Point_fill: sets the given fields of the value with handle h, or of a
 * new value when h is 0; *out receives the handle. */
static void emit_struct_fill(printer *pr, const plan *p, const plan_class *c, const plan_value *params, int k)
{
	const char *n = c->pyname;
	sb exp = SB_INIT, cond = SB_INIT;

	func_open(pr, "static int", "%s_fill(PyObject *module, GoInt64 h, PyObject *args, PyObject *kwargs, "
		  "GoInt64 *out)", n);
	pr_line(pr, "gopy_frame f = GOPY_FRAME_INIT(&%s_new_sig, module);", n);
	pr_line(pr, "PyObject *argv[%d];", k ? k : 1);
	if (k) {
		pr_open(pr, "struct {");
		for (int i = 0; i < k; i++)
			pr_line(pr, "%s p%d; /* %s */", params[i].cv->c_type, i, params[i].goname);
		pr_close(pr, "} v = {0};");
	}
	pr_line(pr, "GoUint64 set = 0;");
	pr_line(pr, "gopy_fail_addr fail;");
	pr_line(pr, "int rc = -1;");
	pr_blank(pr);
	if_then(pr, "gopy_bind_new(&f, args, kwargs, argv) < 0", "goto done;");
	for (int i = 0; i < k; i++) {
		sb_reset(&cond);
		sb_printf(&cond, "%s(&f, %d, argv[%d], &v.p%d) < 0", capi_conv_of(p, params[i].cv).from_py, i, i, i);
		pr_open(pr, "if (argv[%d]) {", i);
		if_then(pr, sb_str(&cond), "goto done;");
		pr_line(pr, "set |= (GoUint64)1 << %d;", i);
		pr_close(pr, "}");
	}
	emit_member_export(&exp, "init", c, NULL);
	pr_start(pr, "fail = GOPY_GO(%s(h, set", sb_str(&exp));
	for (int i = 0; i < k; i++)
		pr_add(pr, ", v.p%d", i);
	pr_add(pr, ", out));");
	pr_end(pr);
	raise_if(pr, "fail");
	pr_line(pr, "rc = 0;");
	frame_done(pr, "rc");
	sb_free(&exp), sb_free(&cond);
}

/*
 * Construction: Point(X, Y) sets the fields given, by position or name, in
 * one call to gopy_init_Point. tp_new does it when the class's __init__ is
 * ours (so __init__ then has nothing left to do); when a Python subclass
 * defines its own __init__, tp_new makes a zero value and our __init__
 * (reached through super().__init__) fills in the fields.
 */
static void emit_struct_new(printer *pr, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;
	plan_value *params = xcalloc((size_t)c->nfields + 1, sizeof *params);
	sb sig = SB_INIT, line = SB_INIT;
	int k = 0;

	for (int i = 0; i < c->nfields; i++)
		if (c->fields[i].ctor)
			params[k++] = (plan_value){.goname = c->fields[i].name, .pyname = c->fields[i].pyname,
						   .type = c->fields[i].type, .cv = c->fields[i].cv};
	sb_printf(&sig, "%s_new", n);
	pr_blank(pr);
	pr_line(pr, "/* %s(...): fields not given keep their zero value. */", n);
	emit_sig_tables(pr, p, sb_str(&sig), c->pyshort, params, k, false, DS_NEW);
	emit_struct_fill(pr, p, c, params, k);

	pr_blank(pr);
	pr_line(pr, "static int %s_init(PyObject *self, PyObject *args, PyObject *kwargs);", n);
	func_open(pr, "static PyObject *", "%s_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)", n);
	pr_line(pr, "PyObject *module = gopy_module_of_type(cls, &module_def);");
	pr_line(pr, "GoInt64 h;");
	pr_blank(pr);
	sb_printf(&line, "gopy_check_new(module, cls, CLASS_%s, &module_def, \"%s\") < 0", n, n);
	if_then(pr, sb_str(&line), "return NULL;");
	sb_reset(&line);
	sb_printf(&line, "cls->tp_init != %s_init", n);
	if_then(pr, sb_str(&line), "args = kwargs = NULL; /* for the subclass's __init__ */");
	sb_reset(&line);
	sb_printf(&line, "%s_fill(module, 0, args, kwargs, &h) < 0", n);
	if_then(pr, sb_str(&line), "return NULL;");
	pr_line(pr, "return gopy_object_wrap(cls, h);");
	pr_close(pr, "}");

	func_open(pr, "static int", "%s_init(PyObject *self, PyObject *args, PyObject *kwargs)", n);
	pr_line(pr, "PyObject *module;");
	pr_line(pr, "GoInt64 h;");
	pr_blank(pr);
	sb_reset(&line);
	sb_printf(&line, "Py_TYPE(self)->tp_init == %s_init", n);
	if_then(pr, sb_str(&line), "return 0; /* tp_new took the arguments */");
	if_then(pr, "!(module = gopy_module_of(self, &module_def))", "return -1;");
	pr_line(pr, "return %s_fill(module, gopy_handle_of(self), args, kwargs, &h);", n);
	pr_close(pr, "}");
	free(params);
	sb_free(&sig), sb_free(&line);
}

/* A slot function whose body is one return statement. */
static void slot_func(printer *pr, const char *type, const char *proto, const char *ret)
{
	func_open(pr, type, "%s", proto);
	pr_line(pr, "return %s;", ret);
	pr_close(pr, "}");
}

static void emit_struct_slots(printer *pr, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;
	sb proto = SB_INIT, ret = SB_INIT;

	/* repr shows the struct's own fields; promoted ones appear inside the
	 * embedded field's repr. */
	pr_blank(pr);
	pr_start(pr, "static const char *const %s_fieldnames[] = {", n);
	for (int i = 0; i < c->nfields; i++)
		if (!c->fields[i].promoted)
			pr_add(pr, "\"%s\", ", c->fields[i].pyname);
	pr_add(pr, "NULL};");
	pr_end(pr);
	pr_blank(pr);
	pr_open(pr, "static const gopy_structdef %s_def = {", n);
	pr_line(pr, "&module_def,");
	pr_line(pr, "\"%s\",", plan_class_qualname(p, c));
	pr_line(pr, "%s_fieldnames,", n);
	pr_indent(pr);
	emit_member_export(pr->out, "copy", c, NULL);
	pr_add(pr, ",");
	pr_end(pr);
	pr_indent(pr);
	if (c->comparable)
		emit_member_export(pr->out, "eq", c, NULL);
	else
		pr_add(pr, "NULL");
	pr_add(pr, ",");
	pr_end(pr);
	pr_indent(pr);
	if (c->string)
		emit_export_name(pr->out, c->string);
	else
		pr_add(pr, "NULL");
	pr_add(pr, ",");
	pr_end(pr);
	table_close(pr);

#define SLOT(type, proto_fmt, ret_fmt) \
	do { \
		sb_reset(&proto), sb_reset(&ret); \
		sb_printf(&proto, proto_fmt, n); \
		sb_printf(&ret, ret_fmt, n); \
		slot_func(pr, type, sb_str(&proto), sb_str(&ret)); \
	} while (0)
	SLOT("static PyObject *", "%s_repr(PyObject *self)", "gopy_object_repr(self, &%s_def)");
	if (c->string)
		SLOT("static PyObject *", "%s_str(PyObject *self)", "gopy_object_str(self, &%s_def)");
	if (c->comparable && !c->error)
		SLOT("static PyObject *", "%s_richcompare(PyObject *self, PyObject *other, int op)",
		     "gopy_object_richcompare(self, other, op, &%s_def)");
#undef SLOT
	func_open(pr, "static PyObject *", "%s_copy(PyObject *self, PyObject *unused)", n);
	pr_line(pr, "(void)unused;");
	pr_line(pr, "return gopy_object_copy(self, 0, &%s_def);", n);
	pr_close(pr, "}");
	func_open(pr, "static PyObject *", "%s_deepcopy(PyObject *self, PyObject *memo)", n);
	pr_line(pr, "(void)memo;");
	pr_line(pr, "return gopy_object_copy(self, 1, &%s_def);", n);
	pr_close(pr, "}");
	sb_free(&proto), sb_free(&ret);
}

/* str() of a named basic or container value is its String method, looked up
 * on the instance as Python's own __str__ would be (a subclass may override
 * it). Structs call the export directly (gopy_object_str). */
static void emit_string_slot(printer *pr, const plan_class *c)
{
	func_open(pr, "static PyObject *", "%s_str(PyObject *self)", c->pyname);
	pr_line(pr, "return PyObject_CallMethod(self, \"%s\", NULL);", c->string->pyname);
	pr_close(pr, "}");
}

static void emit_struct_members(printer *pr, const plan *p, const plan_class *c)
{
	for (int i = 0; i < c->nfields; i++)
		emit_field(pr, p, c, &c->fields[i]);
	emit_struct_new(pr, p, c);
	emit_struct_slots(pr, p, c);
}

static void emit_named_members(printer *pr, const plan *p, const plan_class *c)
{
	const char *n = c->pyname;
	plan_value value = {.goname = "value", .pyname = "value", .type = c->decl->type, .cv = c->value};
	int as_bool = c->underlying->kind == CK_BOOL;
	sb sig = SB_INIT;

	pr_blank(pr);
	pr_line(pr, "/* %s(value): checks that value fits %s. */", n, c->named->shown);
	sb_printf(&sig, "%s_new", n);
	emit_sig_tables(pr, p, sb_str(&sig), c->pyshort, &value, 1, false, DS_NEW);
	sb_free(&sig);
	func_open(pr, "static PyObject *", "%s_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)", n);
	pr_line(pr, "return gopy_named_new(cls, args, kwargs, %s, &%s_new_sig);", capi_conv_of(p, c->value).from_py, n);
	pr_close(pr, "}");
	func_open(pr, "static PyObject *", "%s_repr(PyObject *self)", n);
	pr_line(pr, "return gopy_named_repr(self, \"%s\", %d);", plan_class_qualname(p, c), as_bool);
	pr_close(pr, "}");
	if (c->string) {
		emit_string_slot(pr, c);
		return;
	}
	func_open(pr, "static PyObject *", "%s_str(PyObject *self)", n);
	pr_line(pr, "return gopy_named_str(self, %d);", as_bool);
	pr_close(pr, "}");
}

/* Everything else comes from the generic view class it derives from. */
static void emit_view_members(printer *pr, const plan *p, const plan_class *c)
{
	(void)p;
	func_open(pr, "static PyObject *", "%s_new(PyTypeObject *cls, PyObject *args, PyObject *kwargs)", c->pyname);
	pr_line(pr, "return gopy_view_new(cls, args, kwargs, &view_%s_def);", c->view->name);
	pr_close(pr, "}");
	if (c->string)
		emit_string_slot(pr, c);
}

static void struct_methods(printer *pr, const plan_class *c)
{
	pr_line(pr, "{\"__copy__\", %s_copy, METH_NOARGS, \"An independent Go copy.\"},", c->pyname);
	pr_line(pr, "{\"__deepcopy__\", %s_deepcopy, METH_O,", c->pyname);
	pr_line(pr, " \"An independent Go copy, including what pointers reach.\"},");
	/* BaseException's __reduce__ would pickle an empty value. */
	if (c->error)
		pr_line(pr, "{\"__reduce__\", gopy_object_reduce, METH_NOARGS, NULL},");
}

static void struct_getset(printer *pr, const plan_class *c)
{
	sb get = SB_INIT, set = SB_INIT, decl = SB_INIT;

	sb_printf(&decl, "static PyGetSetDef %s_getset[]", c->pyname);
	table_open(pr, sb_str(&decl));
	for (int i = 0; i < c->nfields; i++) {
		const plan_field *fd = &c->fields[i];
		sb_reset(&get), sb_reset(&set);
		sb_printf(&get, "get_%s__%s", c->pyname, fd->name);
		sb_printf(&set, "set_%s__%s", c->pyname, fd->name);
		getset_entry(pr, fd->pyname, sb_str(&get), sb_str(&set), fd->doc);
	}
	pr_line(pr, "{NULL, NULL, NULL, NULL, NULL}");
	table_close(pr);
	sb_free(&get), sb_free(&set), sb_free(&decl);
}

static void struct_slots_before(printer *pr, const plan_class *c)
{
	pr_line(pr, "{Py_tp_repr, %s_repr},", c->pyname);
	pr_line(pr, "{Py_tp_init, %s_init},", c->pyname);
	if (c->string)
		pr_line(pr, "{Py_tp_str, %s_str},", c->pyname);
}

/*
 * Go values are mutable: unhashable, as Python does for mutable values.
 * An error class keeps GoError's == (errors.Is) and identity hash, as
 * every exception.
 */
static void struct_slots_after(printer *pr, const plan_class *c)
{
	pr_line(pr, "{Py_tp_getset, %s_getset},", c->pyname);
	pr_line(pr, "{Py_tp_dealloc, gopy_object_dealloc},");
	if (c->error)
		return;
	pr_line(pr, "{Py_tp_hash, PyObject_HashNotImplemented},");
	pr_line(pr, "GOPY_STRUCT_PYPY_SLOTS");
	if (c->comparable)
		pr_line(pr, "{Py_tp_richcompare, %s_richcompare},", c->pyname);
}

static void named_slots_before(printer *pr, const plan_class *c)
{
	pr_line(pr, "{Py_tp_repr, %s_repr},", c->pyname);
	pr_line(pr, "{Py_tp_str, %s_str},", c->pyname);
}

static void view_slots_before(printer *pr, const plan_class *c)
{
	if (c->string)
		pr_line(pr, "{Py_tp_str, %s_str},", c->pyname);
}

/* gopy_add_class's base argument (module_exec): the class's base. */
static void struct_base(sb *out, const plan *p, const plan_class *c)
{
	(void)p, (void)c;
	sb_add(out, "NULL");
}

static void named_base(sb *out, const plan *p, const plan_class *c)
{
	sb_printf(out, "(PyObject *)&%s", capi_conv_of(p, c->underlying).pybase);
}

static void view_base(sb *out, const plan *p, const plan_class *c)
{
	(void)p;
	sb_printf(out, "gopy_view_class(module, %s)", view_kind_name(c->view));
}

/* What module.c does for each kind of class; NULL: nothing. */
static const struct class_capi {
	void (*converters)(printer *pr, const plan *p, const plan_class *c, const used_set *u);
	void (*members)(printer *pr, const plan *p, const plan_class *c);
	void (*methods)(printer *pr, const plan_class *c);      /* PyMethodDef entries of its own */
	void (*tables)(printer *pr, const plan_class *c);       /* tables after the methods' */
	void (*slots_before)(printer *pr, const plan_class *c); /* type slots before Py_tp_methods */
	void (*slots_after)(printer *pr, const plan_class *c);  /* and after */
	const char *basicsize;
	void (*base)(sb *out, const plan *p, const plan_class *c);
} class_capi[] = {
	[CLASS_STRUCT] = {emit_struct_converters, emit_struct_members, struct_methods, struct_getset,
			  struct_slots_before, struct_slots_after, "sizeof(gopy_object)", struct_base},
	[CLASS_NAMED_BASIC] = {emit_named_converters, emit_named_members, NULL, NULL, named_slots_before, NULL, "0",
			       named_base},
	[CLASS_VIEW] = {NULL, emit_view_members, NULL, NULL, view_slots_before, NULL, "0", view_base},
	/* Made by gopy_add_iface_class from its methods alone (emit_iface_class). */
	[CLASS_IFACE] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

/*
 * An interface type's converter: its description for messages and the
 * method check, and the module's one converter of results. An interface
 * class's instances are made by the runtime (gopy_add_iface_class).
 */
void emit_iface(printer *pr, const plan *p, const plan_iface *i, const used_set *u)
{
	const char *n = i->name;

	if (!used(u, "to_iface_%s", n))
		return;
	pr_blank(pr);
	pr_line(pr, "/* the Go interface %s */", i->shown);
	pr_start(pr, "static const char *const iface_%s_methods[] = {", n);
	for (int k = 0; k < i->nmethods; k++)
		pr_add(pr, "\"%s\", ", i->cls ? i->cls->methods[k].pyname : i->methods[k]);
	pr_add(pr, "NULL};");
	pr_end(pr);
	pr_line(pr, "static const gopy_ifacedef iface_%s_def = {\"%s\", iface_%s_methods, %s%s, %s};", n, i->shown,
		n, i->cls ? "CLASS_" : "-1", i->cls ? i->cls->pyname : "", plan_pykind_name(i->pykind));
	func_open(pr, "static int", "to_iface_%s(gopy_frame *f, int idx, PyObject *o, void *out)", n);
	pr_line(pr, "return gopy_to_val(f, idx, o, (gopy_val *)out, &iface_%s_def);", n);
	pr_close(pr, "}");
	(void)p;
}

void emit_iface_results(printer *pr, const used_set *u)
{
	if (!used(u, "%s", "from_iface"))
		return;
	func_open(pr, "static PyObject *", "from_iface(PyObject *module, gopy_val v)");
	pr_line(pr, "return gopy_from_val(module, &v);");
	pr_close(pr, "}");
}

/* An interface class: its methods' wrappers and table. */
static void emit_iface_class(printer *pr, const plan *p, const plan_class *c)
{
	sb decl = SB_INIT;

	pr_blank(pr);
	pr_line(pr, "/* ---- %s: the Go interface %s ---- */", c->pyname, c->named->shown);
	for (int i = 0; i < c->nmethods; i++)
		emit_wrapper(pr, p, &c->methods[i]);
	sb_printf(&decl, "static PyMethodDef %s_methods[]", c->pyname);
	table_open(pr, sb_str(&decl));
	for (int i = 0; i < c->nmethods; i++)
		emit_method_entry(pr, &c->methods[i], "GOPY_METHOD_FLAGS");
	pr_line(pr, "{NULL, NULL, 0, NULL}");
	table_close(pr);
	sb_free(&decl);
}

void emit_class_add(printer *pr, const plan *p, const plan_class *c)
{
	if (c->kind == CLASS_IFACE) {
		pr_add(pr, "gopy_add_iface_class(module, CLASS_%s, \"%s\", ", c->pyname, plan_class_qualname(p, c));
		add_doc(pr, c->decl->doc, 2);
		pr_add(pr, ", %s_methods) < 0", c->pyname);
		return;
	}
	if (c->error) {
		pr_add(pr, "gopy_add_error_class(module, CLASS_%s, &%s_spec, \"%s%s\") < 0", c->pyname,
		       c->pyname, c->error_by_value ? "" : "*", c->named->shown);
		return;
	}
	pr_add(pr, "gopy_add_class(module, CLASS_%s, &%s_spec, ", c->pyname, c->pyname);
	class_capi[c->kind].base(pr->out, p, c);
	pr_add(pr, ") < 0");
}

void emit_class_converters(printer *pr, const plan *p, const plan_class *c, const used_set *u)
{
	if (class_capi[c->kind].converters)
		class_capi[c->kind].converters(pr, p, c, u);
}

void emit_class(printer *pr, const plan *p, const plan_class *c)
{
	const struct class_capi *k = &class_capi[c->kind];
	const char *n = c->pyname;
	sb decl = SB_INIT;

	if (c->kind == CLASS_IFACE) {
		emit_iface_class(pr, p, c);
		return;
	}
	pr_blank(pr);
	pr_line(pr, "/* ---- %s: the Go type %s ---- */", n, c->named->shown);
	for (int i = 0; i < c->nmethods; i++)
		emit_wrapper(pr, p, &c->methods[i]);
	k->members(pr, p, c);

	sb_printf(&decl, "static PyMethodDef %s_methods[]", n);
	table_open(pr, sb_str(&decl));
	for (int i = 0; i < c->nmethods; i++)
		emit_method_entry(pr, &c->methods[i], "GOPY_METHOD_FLAGS");
	if (k->methods)
		k->methods(pr, c);
	pr_line(pr, "{NULL, NULL, 0, NULL}");
	table_close(pr);
	if (k->tables)
		k->tables(pr, c);

	sb_reset(&decl);
	sb_printf(&decl, "static PyType_Slot %s_slots[]", n);
	table_open(pr, sb_str(&decl));
	pr_start(pr, "{Py_tp_doc, (void *)");
	add_doc(pr, c->decl->doc, 3);
	pr_add(pr, "},");
	pr_end(pr);
	pr_line(pr, "{Py_tp_new, %s_new},", n);
	k->slots_before(pr, c);
	pr_line(pr, "{Py_tp_methods, %s_methods},", n);
	if (k->slots_after)
		k->slots_after(pr, c);
	pr_line(pr, "{0, NULL}");
	table_close(pr);

	sb_reset(&decl);
	sb_printf(&decl, "static PyType_Spec %s_spec", n);
	table_open(pr, sb_str(&decl));
	pr_line(pr, ".name = \"%s\",", plan_class_qualname(p, c));
	pr_line(pr, ".basicsize = %s,", c->error ? "sizeof(gopy_errobject)" : k->basicsize);
	pr_line(pr, ".flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,");
	pr_line(pr, ".slots = %s_slots,", n);
	table_close(pr);
	sb_free(&decl);
}
