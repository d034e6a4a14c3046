/*
 * emit_go.c: writes glue.go, the Go half of a module. One cgo export per
 * bound function, method, field accessor and class operation, e.g.
 *
 *	//export gopy_fn_Div
 *	func gopy_fn_Div(p0 int, p1 int, r0 *int) (fail C.gopy_fail_addr) {
 *		defer gopyRecover(&fail)
 *		v0, err := calc.Div(p0, p1)
 *		if err != nil {
 *			return gopyError(err)
 *		}
 *		*r0 = v0
 *		return 0
 *	}
 *
 * Parameters arrive as the convtab's go_param types (Go values of structs
 * as handles) and results leave through out-pointers into C memory, so no
 * Go pointer ever reaches C. A function, method, field read or variable
 * read with one scalar result returns it (plan_func.direct, convtab.h:
 * ret_ctype), and a failure as its sentinel:
 *
 *	//export gopy_fn_Add
 *	func gopy_fn_Add(p0 int, p1 int) (r0 C.longlong) {
 *		done := false
 *		defer func() {
 *			if !done {
 *				r0 = GOPY_FAIL_SIGNED
 *				gopyPendPanic(recover())
 *			}
 *		}()
 *		v0 := calc.Add(p0, p1)
 *		r0 = C.longlong(v0)
 *		done = true
 *		return
 *	}
 */
#include "emit.h"

#include <stdio.h>
#include <string.h>

static void apply2(sb *out, const char *tmpl, const char *a, const char *b)
{
	const char *s = strstr(tmpl, "%s");
	const char *t = s ? strstr(s + 2, "%s") : NULL;

	if (!t)
		BUG("template %s needs two %%s", tmpl);
	sb_addn(out, tmpl, (size_t)(s - tmpl));
	sb_add(out, a);
	sb_addn(out, s + 2, (size_t)(t - s - 2));
	sb_add(out, b);
	sb_add(out, t + 2);
}

/* The doc comment and //export line of an export. */
static void emit_header(sb *out, const char *export, const char *what, const char *decl)
{
	sb_printf(out, "\n// %s %s", export, what);
	if (decl)
		sb_printf(out, ":\n//\n//\t%s", decl);
	sb_printf(out, "\n//\n//export %s\n", export);
}

static void emit_signature(sb *out, const plan_func *f)
{
	int n = 0;

	sb_add(out, "func ");
	emit_export_name(out, f);
	sb_addc(out, '(');
	if (f->recv) {
		sb_printf(out, "recv %s", f->recv->value->go.param);
		n++;
	}
	for (int i = 0; i < f->nparams; i++, n++) {
		const plan_value *v = &f->params[i];
		if (n)
			sb_add(out, ", ");
		if (f->variadic && i == f->nparams - 1)
			sb_printf(out, "p%d *%s, n%d int", i, v->cv->go.param, i);
		else
			sb_printf(out, "p%d %s", i, v->cv->go.param);
	}
	if (f->direct) {
		sb_printf(out, ") (r0 %s) {\n", f->results[0].cv->ret->gotype);
		return;
	}
	for (int i = 0; i < f->nresults; i++, n++)
		sb_printf(out, "%sr%d *%s", n ? ", " : "", i, f->results[i].cv->go.out_type);
	sb_add(out, ") (fail C.gopy_fail_addr) {\n");
}

static void emit_call(sb *out, const plan *p, const plan_func *f)
{
	char name[32], count[32];

	if (f->recv)
		emit_apply(out, f->recv->value->go.recv, "recv");
	else
		sb_add(out, emit_pkg_alias(p));
	sb_printf(out, ".%s(", f->decl->name);
	for (int i = 0; i < f->nparams; i++) {
		const plan_value *v = &f->params[i];
		if (i)
			sb_add(out, ", ");
		snprintf(name, sizeof name, "p%d", i);
		if (f->variadic && i == f->nparams - 1) {
			snprintf(count, sizeof count, "n%d", i);
			apply2(out, v->cv->go.slice_in, name, count);
			sb_add(out, "...");
		} else {
			emit_apply(out, v->lend ? v->cv->go.lend_in : v->cv->go.in, name);
		}
	}
	sb_add(out, ")");
}

/*
 * An export that returns its one result (plan_func.direct, and field and
 * variable reads): a failure returns the result's sentinel and leaves the
 * record for the caller (gopy_rt.go: gopyPend). direct_open opens the
 * body; direct_return returns the Go value expr converted with conv_tmpl.
 */
static void direct_open(sb *out, const conv *cv)
{
	sb_printf(out, "\tdone := false\n\tdefer func() {\n\t\tif !done {\n\t\t\tr0 = %s\n"
		       "\t\t\tgopyPendPanic(recover())\n\t\t}\n\t}()\n",
		  cv->ret->sentinel_name);
}

static void direct_return(sb *out, const conv *cv, const char *conv_tmpl, const char *expr)
{
	sb value = SB_INIT;

	emit_apply(&value, conv_tmpl, expr);
	sb_add(out, "\tr0 = ");
	emit_apply(out, cv->go.ret, sb_str(&value));
	sb_add(out, "\n\tdone = true\n\treturn\n}\n");
	sb_free(&value);
}

static void emit_direct_body(sb *out, const plan *p, const plan_func *f)
{
	const conv *cv = f->results[0].cv;

	direct_open(out, cv);
	sb_add(out, f->returns_error ? "\tv0, err := " : "\tv0 := ");
	emit_call(out, p, f);
	sb_addc(out, '\n');
	if (f->returns_error)
		sb_add(out, "\tif err != nil {\n\t\tgopyPend(gopyError(err))\n\t\treturn\n\t}\n");
	direct_return(out, cv, cv->go.out, "v0");
}

/* The signature and body of the export that reads a field or variable:
 * expr is its Go expression; the read of a struct is a view of it. */
static void emit_read(sb *out, const char *export, const char *params, const conv *cv, const char *expr)
{
	const char *tmpl = cv->go.ref_out ? cv->go.ref_out : cv->go.out;

	if (cv->ret) {
		sb_printf(out, "func %s(%s) (r0 %s) {\n", export, params, cv->ret->gotype);
		direct_open(out, cv);
		direct_return(out, cv, tmpl, expr);
		return;
	}
	sb_printf(out, "func %s(%s%sr0 *%s) (fail C.gopy_fail_addr) {\n\tdefer gopyRecover(&fail)\n\t*r0 = ",
		  export, params, *params ? ", " : "", cv->go.out_type);
	emit_apply(out, tmpl, expr);
	sb_add(out, "\n\treturn 0\n}\n");
}

static void emit_func(sb *out, const plan *p, const plan_func *f)
{
	sb export = SB_INIT, decl = SB_INIT, what = SB_INIT;
	char name[32];

	emit_export_name(&export, f);
	emit_go_decl(&decl, p, f);
	if (f->recv)
		sb_printf(&what, "wraps the method %s.%s", f->recv->named->spell, f->decl->name);
	else
		sb_printf(&what, "wraps %s.%s", p->m->name, f->decl->name);
	emit_header(out, sb_str(&export), sb_str(&what), sb_str(&decl));
	emit_signature(out, f);
	if (f->direct) {
		emit_direct_body(out, p, f);
		sb_free(&export), sb_free(&decl), sb_free(&what);
		return;
	}
	sb_add(out, "\tdefer gopyRecover(&fail)\n\t");

	if (f->nresults || f->returns_error) {
		for (int i = 0; i < f->nresults; i++)
			sb_printf(out, "%sv%d", i ? ", " : "", i);
		if (f->returns_error)
			sb_add(out, f->nresults ? ", err" : "err");
		sb_add(out, " := ");
	}
	emit_call(out, p, f);
	sb_addc(out, '\n');
	if (f->returns_error)
		sb_add(out, "\tif err != nil {\n\t\treturn gopyError(err)\n\t}\n");
	for (int i = 0; i < f->nresults; i++) {
		snprintf(name, sizeof name, "v%d", i);
		sb_printf(out, "\t*r%d = ", i);
		emit_apply(out, f->results[i].cv->go.out, name);
		sb_addc(out, '\n');
	}
	sb_add(out, "\treturn 0\n}\n");
	sb_free(&export), sb_free(&decl), sb_free(&what);
}

/* The Go expression for field f of the object with handle h. */
static void field_expr(sb *out, const plan_class *c, const plan_field *f)
{
	emit_apply(out, c->value->go.recv, "h");
	sb_printf(out, ".%s", f->name);
}

static void emit_field(sb *out, const plan_class *c, const plan_field *f)
{
	sb export = SB_INIT, what = SB_INIT, expr = SB_INIT;
	const conv *cv = f->cv;

	field_expr(&expr, c, f);

	emit_member_export(&export, "get", c, f->name);
	sb_printf(&what, "reads the field %s.%s", c->named->spell, f->name);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	emit_read(out, sb_str(&export), "h int64", cv, sb_str(&expr));

	sb_reset(&export), sb_reset(&what);
	emit_member_export(&export, "set", c, f->name);
	sb_printf(&what, "writes the field %s.%s", c->named->spell, f->name);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	sb_printf(out, "func %s(h int64, p0 %s) (fail C.gopy_fail_addr) {\n", sb_str(&export), cv->go.param);
	sb_printf(out, "\tdefer gopyRecover(&fail)\n\t%s = ", sb_str(&expr));
	emit_apply(out, cv->go.in, "p0");
	sb_add(out, "\n\treturn 0\n}\n");
	sb_free(&export), sb_free(&what), sb_free(&expr);
}

/* gopy_init_T: sets the fields whose bit is set in `set`, on the value of
 * handle h, or on a new value when h is 0. */
static void emit_init(sb *out, const plan_class *c)
{
	sb export = SB_INIT, what = SB_INIT;
	char name[32];
	int k = 0;

	emit_member_export(&export, "init", c, NULL);
	sb_printf(&what, "sets the fields of a %s (a new one when h is 0);\n"
		  "// bit i of set says whether constructor field i was given", c->named->spell);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	sb_printf(out, "func %s(h int64, set uint64", sb_str(&export));
	for (int i = 0; i < c->nfields; i++)
		if (c->fields[i].ctor)
			sb_printf(out, ", p%d %s", k++, c->fields[i].cv->go.param);
	sb_printf(out, ", r0 *int64) (fail C.gopy_fail_addr) {\n\tdefer gopyRecover(&fail)\n\tv := new(%s)\n"
		       "\tif h != 0 {\n\t\tv = gopyObj[%s](h)\n\t}\n",
		  c->named->spell, c->named->spell);
	k = 0;
	for (int i = 0; i < c->nfields; i++) {
		if (!c->fields[i].ctor)
			continue;
		snprintf(name, sizeof name, "p%d", k);
		sb_printf(out, "\tif set&(1<<%d) != 0 {\n\t\tv.%s = ", k, c->fields[i].name);
		emit_apply(out, c->fields[i].cv->go.in, name);
		sb_add(out, "\n\t}\n");
		k++;
	}
	sb_add(out, "\t*r0 = h\n\tif h == 0 {\n\t\t*r0 = gopyNewHandle(v)\n\t}\n\treturn 0\n}\n");
	sb_free(&export), sb_free(&what);
}

static void emit_struct_ops(sb *out, const plan_class *c)
{
	sb export = SB_INIT, what = SB_INIT;
	const char *T = c->named->spell;

	emit_member_export(&export, "copy", c, NULL);
	sb_printf(&what, "copies a %s (deep: also what it points to)", T);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	sb_printf(out, "func %s(h int64, deep bool, r0 *int64) (fail C.gopy_fail_addr) {\n"
		       "\tdefer gopyRecover(&fail)\n\t*r0 = gopyCopy[%s](h, deep)\n\treturn 0\n}\n",
		  sb_str(&export), T);
	if (c->comparable) {
		sb_reset(&export), sb_reset(&what);
		emit_member_export(&export, "eq", c, NULL);
		sb_printf(&what, "compares two %s values with ==", T);
		emit_header(out, sb_str(&export), sb_str(&what), NULL);
		sb_printf(out, "func %s(a int64, b int64, r0 *bool) (fail C.gopy_fail_addr) {\n"
			       "\tdefer gopyRecover(&fail)\n\t*r0 = *gopyObj[%s](a) == *gopyObj[%s](b)\n"
			       "\treturn 0\n}\n",
			  sb_str(&export), T, T);
	}
	sb_free(&export), sb_free(&what);
}

static void emit_class(sb *out, const plan *p, const plan_class *c)
{
	if (c->kind == CLASS_STRUCT) {
		emit_init(out, c);
		emit_struct_ops(out, c);
		for (int i = 0; i < c->nfields; i++)
			emit_field(out, c, &c->fields[i]);
	}
	for (int i = 0; i < c->nmethods; i++)
		emit_func(out, p, &c->methods[i]);
}

/* gopy_getvar_V / gopy_setvar_V: read and write the package variable V.
 * The C side calls them with the GIL held, which serializes Python's own
 * accesses; goroutines must synchronize as the Go memory model requires. */
static void emit_var(sb *out, const plan *p, const plan_var *v)
{
	const conv *cv = v->cv;
	const char *name = v->decl->name;
	sb expr = SB_INIT, what = SB_INIT, export = SB_INIT;

	sb_printf(&expr, "%s.%s", emit_pkg_alias(p), name);
	sb_printf(&export, "gopy_getvar_%s", name);
	sb_printf(&what, "reads the variable %s.%s", p->m->name, name);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	emit_read(out, sb_str(&export), "", cv, sb_str(&expr));

	sb_reset(&export), sb_reset(&what);
	sb_printf(&export, "gopy_setvar_%s", name);
	sb_printf(&what, "writes the variable %s.%s", p->m->name, name);
	emit_header(out, sb_str(&export), sb_str(&what), NULL);
	sb_printf(out, "func %s(p0 %s) (fail C.gopy_fail_addr) {\n\tdefer gopyRecover(&fail)\n\t%s = ",
		  sb_str(&export), cv->go.param, sb_str(&expr));
	emit_apply(out, cv->go.in, "p0");
	sb_add(out, "\n\treturn 0\n}\n");
	sb_free(&expr), sb_free(&what), sb_free(&export);
}

/* ---- views: slices, arrays and maps (runtime/gopy_views.go) ---- */

/* The Go value of the C value at unsafe.Pointer ptr, converted with cv. */
static void c_value_in(sb *out, const conv *cv, const char *ptr)
{
	sb deref = SB_INIT;

	sb_printf(&deref, "*(*%s)(%s)", cv->go.param, ptr);
	emit_apply(out, cv->go.in, sb_str(&deref));
	sb_free(&deref);
}

/* The C value of the Go value expr; with alias, a view of it when it can
 * be one (expr must then be addressable). */
static void c_value_out(sb *out, const conv *cv, const char *expr, bool alias)
{
	emit_apply(out, alias && cv->go.ref_out ? cv->go.ref_out : cv->go.out, expr);
}

/* gopyIn_X: the Go value of a container argument (gopy_abi.h: gopy_seq). */
static void emit_view_in(sb *out, const plan_view *v, const char *T)
{
	const conv *e = v->ecv;
	bool array = v->u->kind == TK_ARRAY;

	sb_printf(out, "\n// gopyIn_%s is a %s argument: the value of a view passed back (no\n"
		       "// copy), or a copy of the elements C converted.\n", v->name, T);
	if (array)
		sb_printf(out, "func gopyIn_%s(a C.gopy_seq) (r %s) {\n", v->name, T);
	else
		sb_printf(out, "func gopyIn_%s(a C.gopy_seq) %s {\n", v->name, T);
	sb_printf(out, "\tif a.handle != 0 {\n\t\treturn *gopyView[%s](int64(a.handle))\n\t}\n", T);
	/* A negative length is Python's None: a nil slice or map (gopy_abi.h);
	 * an empty list is an empty slice, not nil. */
	if (v->u->kind == TK_SLICE)
		sb_printf(out, "\tif a.n <= 0 {\n\t\tif a.n < 0 {\n\t\t\treturn nil\n\t\t}\n"
			       "\t\treturn %s{}\n\t}\n", T);
	else if (!array)
		sb_add(out, "\tif a.n < 0 {\n\t\treturn nil\n\t}\n");
	if (v->u->kind == TK_MAP) {
		sb_printf(out, "\tkeys := unsafe.Slice((*%s)(a.data), int(a.n))\n"
			       "\tvalues := unsafe.Slice((*%s)(a.data2), int(a.n))\n"
			       "\tm := make(%s, len(keys))\n\tfor i := range keys {\n\t\tm[",
			  v->kcv->go.param, e->go.param, T);
		emit_apply(out, v->kcv->go.in, "keys[i]");
		sb_add(out, "] = ");
		emit_apply(out, e->go.in, "values[i]");
		sb_add(out, "\n\t}\n\treturn m\n}\n");
		return;
	}
	sb ptr = SB_INIT, elems = SB_INIT;
	sb_printf(&ptr, "(*%s)(a.data)", e->go.param);
	apply2(&elems, e->go.slice_in, sb_str(&ptr), "int(a.n)");
	if (array)
		sb_printf(out, "\tcopy(r[:], %s)\n\treturn r\n}\n", sb_str(&elems));
	else
		sb_printf(out, "\treturn %s(%s)\n}\n", T, sb_str(&elems));
	sb_free(&ptr), sb_free(&elems);
}

/* The doc comment and first lines of the view export gopy_view_X_op. */
static void view_export(sb *out, const plan_view *v, const char *op, const char *what,
			const char *params)
{
	sb export = SB_INIT;

	sb_printf(&export, "gopy_view_%s_%s", v->name, op);
	emit_header(out, sb_str(&export), what, NULL);
	sb_printf(out, "func %s(%s) (fail C.gopy_fail_addr) {\n\tdefer gopyRecover(&fail)\n", sb_str(&export), params);
	sb_free(&export);
}

/* Element access for slices and arrays whose elements Go must convert. */
static void emit_seq_exports(sb *out, const plan *p, const plan_view *v, const char *T)
{
	const conv *e = v->ecv;
	sb what = SB_INIT;

	sb_printf(&what, "reads element i of a %s", T);
	view_export(out, v, "get", sb_str(&what), "h int64, i int, out unsafe.Pointer");
	sb_printf(out, "\ts := gopyView[%s](h)\n\t*(*%s)(out) = ", T, e->go.out_type);
	c_value_out(out, e, "(*s)[i]", true);
	sb_add(out, "\n\treturn 0\n}\n");

	/* Every value is converted before any element is written: the values
	 * may be views of the elements (s[1:3] = s[0:2]). */
	sb_reset(&what);
	sb_printf(&what, "writes elements start, start+step, ... of a %s\n"
		  "// from n C values, all converted before any is written", T);
	view_export(out, v, "set", sb_str(&what), "h int64, start int, step int, n int, in unsafe.Pointer");
	sb_printf(out, "\ts := gopyView[%s](h)\n\tvalues := make([]%s, n)\n"
		       "\tfor i, c := range unsafe.Slice((*%s)(in), n) {\n\t\tvalues[i] = ",
		  T, model_type_at(p->m, v->elem)->spell, e->go.param);
	emit_apply(out, e->go.in, "c");
	sb_add(out, "\n\t}\n\tfor i, x := range values {\n\t\t(*s)[start+i*step] = x\n\t}\n\treturn 0\n}\n");

	sb_reset(&what);
	sb_printf(&what, "copies the elements of a %s out to C in one call", T);
	view_export(out, v, "items", sb_str(&what), "h int64, r0 *unsafe.Pointer, n *int");
	sb_printf(out, "\ts := gopyView[%s](h)\n\tp, items := gopyCArray[%s](len(*s))\n"
		       "\tfor i := range items {\n\t\titems[i] = ", T, e->go.out_type);
	c_value_out(out, e, "(*s)[i]", true);
	sb_add(out, "\n\t}\n\t*r0, *n = p, len(items)\n\treturn 0\n}\n");
	sb_free(&what);
}

static void emit_map_exports(sb *out, const plan_view *v, const char *T)
{
	const conv *e = v->ecv, *k = v->kcv;
	sb what = SB_INIT;

	sb_printf(&what, "is the length of a %s", T);
	view_export(out, v, "len", sb_str(&what), "h int64, r0 *int");
	sb_printf(out, "\t*r0 = len(*gopyView[%s](h))\n\treturn 0\n}\n", T);

	sb_reset(&what);
	sb_printf(&what, "looks a key up in a %s", T);
	view_export(out, v, "get", sb_str(&what), "h int64, key unsafe.Pointer, out unsafe.Pointer, found *bool");
	sb_printf(out, "\tv, ok := (*gopyView[%s](h))[", T);
	c_value_in(out, k, "key");
	sb_printf(out, "]\n\t*found = ok\n\tif ok {\n\t\t*(*%s)(out) = ", e->go.out_type);
	c_value_out(out, e, "v", false);
	sb_add(out, "\n\t}\n\treturn 0\n}\n");

	sb_reset(&what);
	sb_printf(&what, "sets a key of a %s", T);
	view_export(out, v, "set", sb_str(&what), "h int64, key unsafe.Pointer, value unsafe.Pointer");
	sb_printf(out, "\t(*gopyView[%s](h))[", T);
	c_value_in(out, k, "key");
	sb_add(out, "] = ");
	c_value_in(out, e, "value");
	sb_add(out, "\n\treturn 0\n}\n");

	sb_reset(&what);
	sb_printf(&what, "deletes a key of a %s", T);
	view_export(out, v, "del", sb_str(&what), "h int64, key unsafe.Pointer, found *bool");
	sb_printf(out, "\tm := *gopyView[%s](h)\n\tk := ", T);
	c_value_in(out, k, "key");
	sb_add(out, "\n\t_, *found = m[k]\n\tdelete(m, k)\n\treturn 0\n}\n");

	sb_reset(&what);
	sb_printf(&what, "copies the keys and values of a %s out to C in one call", T);
	view_export(out, v, "items", sb_str(&what), "h int64, r0 *unsafe.Pointer, r1 *unsafe.Pointer, n *int");
	sb_printf(out, "\tm := *gopyView[%s](h)\n\tpk, keys := gopyCArray[%s](len(m))\n"
		       "\tpv, values := gopyCArray[%s](len(m))\n\ti := 0\n\tfor k, v := range m {\n"
		       "\t\tkeys[i] = ", T, k->go.out_type, e->go.out_type);
	c_value_out(out, k, "k", false);
	sb_add(out, "\n\t\tvalues[i] = ");
	c_value_out(out, e, "v", false);
	sb_add(out, "\n\t\ti++\n\t}\n\t*r0, *r1, *n = pk, pv, i\n\treturn 0\n}\n");

	sb_reset(&what);
	sb_printf(&what, "deletes every key of a %s", T);
	view_export(out, v, "clear", sb_str(&what), "h int64");
	sb_printf(out, "\tclear(*gopyView[%s](h))\n\treturn 0\n}\n", T);
	sb_free(&what);
}

static void emit_view(sb *out, const plan *p, const plan_view *v)
{
	const char *T = model_type_at(p->m, v->type)->spell;
	sb what = SB_INIT;

	sb_printf(out, "\n// ---- %s ----\n", T);
	emit_view_in(out, v, T);
	sb_printf(&what, "makes a new %s from an argument", T);
	view_export(out, v, "make", sb_str(&what), "a C.gopy_seq, r0 *int64");
	sb_printf(out, "\t*r0 = gopyNewValue(gopyIn_%s(a))\n\treturn 0\n}\n", v->name);
	if (v->u->kind == TK_MAP)
		emit_map_exports(out, v, T);
	else if (!v->flat) /* flat elements: C reads and writes them in place */
		emit_seq_exports(out, p, v, T);
	sb_free(&what);
}

/*
 * The results a failed direct export returns (convtab.h: conv_ret), named
 * once from the table. The C definitions go in the cgo preamble, which cgo
 * copies into _cgo_export.h for module.c and the cffi shims; Go gets its own
 * constants of the same names, since cgo reads a float macro such as
 * -7.2911220195563975e-304 as 0.
 */
static void emit_sentinel_macros(sb *out)
{
	int n;
	const conv_ret *const *rets = convtab_rets(&n);

	sb_add(out, "\n// What a direct export returns when the call failed (gopy_take_fail).\n");
	for (int i = 0; i < n; i++)
		sb_printf(out, "#define %s (%s%s)\n", rets[i]->sentinel_name, rets[i]->sentinel, rets[i]->c_suffix);
}

static void emit_sentinel_consts(sb *out)
{
	int n;
	const conv_ret *const *rets = convtab_rets(&n);

	int width = 0;

	for (int i = 0; i < n; i++)
		if ((int)strlen(rets[i]->sentinel_name) > width)
			width = (int)strlen(rets[i]->sentinel_name);
	sb_add(out, "\n// The preamble's GOPY_FAIL_* for Go.\nconst (\n");
	for (int i = 0; i < n; i++) /* aligned as gofmt does */
		sb_printf(out, "\t%-*s = %s\n", width, rets[i]->sentinel_name, rets[i]->sentinel);
	sb_add(out, ")\n");
}

void emit_go(const plan *p, sb *out)
{
	sb body = SB_INIT;

	sb_add(out, "// ");
	emit_generated_by(out, p);
	sb_printf(out, "\n\n// Package main holds the cgo exports through which the Python module %s\n"
		  "// calls package %s. module.c is the Python side; gopy_rt.go the runtime.\n"
		  "package main\n\n", p->modname, p->m->name);
	/* A call to an undeclared function would link (Python's symbols stay
	 * unresolved in the shared object) and crash at run time: make it an
	 * error, as it is a gopy bug. */
	sb_add(out, "/*\n#cgo CFLAGS: -Werror=implicit-function-declaration -Werror=int-conversion\n"
		    "#include \"gopy_abi.h\"\n");
	emit_sentinel_macros(out);
	sb_add(out, "*/\nimport \"C\"\n\n");
	for (int i = 0; i < p->nviews; i++)
		emit_view(&body, p, p->views[i]);
	for (int i = 0; i < p->nclasses; i++)
		emit_class(&body, p, &p->classes[i]);
	for (int i = 0; i < p->nfuncs; i++)
		emit_func(&body, p, &p->funcs[i]);
	for (int i = 0; i < p->nvars; i++)
		emit_var(&body, p, &p->vars[i]);
	emit_go_imports(out, p, sb_str(&body));
	if (strstr(sb_str(&body), "unsafe."))
		sb_add(out, "import \"unsafe\"\n");
	emit_sentinel_consts(out);
	sb_add(out, sb_str(&body));
	sb_free(&body);
	sb_add(out, "\n// main is required by -buildmode=c-shared and never runs.\nfunc main() {}\n");
}
