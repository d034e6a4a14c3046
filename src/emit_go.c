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
 * Parameters arrive as the convtab's conv_glue.param types (Go values of structs
 * as handles) and results leave through out-pointers into C memory, so no
 * Go pointer ever reaches C. A function, method, field read or variable
 * read with one scalar result returns it (plan_func.direct, convtab.h:
 * conv_ret), and a failure as its sentinel:
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
#include "printer.h"

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

/* One line: before, then the template tmpl applied to expr. */
static void apply_line(printer *pr, const char *before, const char *tmpl, const char *expr)
{
	pr_start(pr, "%s", before);
	emit_apply(pr->out, tmpl, expr);
	pr_end(pr);
}

/* The doc comment and //export line of an export: what says what it does
 * (lines of text), decl, the Go declaration wrapped, shows as a code block
 * of the doc. */
static void emit_header(printer *pr, const char *export, const char *what, const char *decl)
{
	sb text = SB_INIT;

	sb_printf(&text, "%s %s%s", export, what, decl ? ":" : "");
	pr_blank(pr);
	for (const char *s = sb_str(&text), *nl; *s; s = nl ? nl + 1 : s + strlen(s)) {
		nl = strchr(s, '\n');
		pr_line(pr, "// %.*s", nl ? (int)(nl - s) : (int)strlen(s), s);
	}
	sb_free(&text);
	if (decl) {
		pr_line(pr, "//");
		pr_line(pr, "//\t%s", decl);
	}
	pr_line(pr, "//");
	pr_line(pr, "//export %s", export);
}

/* An export that returns its failure: "func SIG (fail C.gopy_fail_addr) {"
 * recovering panics; fail_close ends it when the call went well. */
static void fail_open(printer *pr, const char *sig)
{
	pr_open(pr, "func %s (fail C.gopy_fail_addr) {", sig);
	pr_line(pr, "defer gopyRecover(&fail)");
}

static void fail_close(printer *pr)
{
	pr_line(pr, "return 0");
	pr_close(pr, "}");
}

/* NAME(params) of f's export, and (direct) its result. An interface class's
 * receiver is its record's address (convtab.c). */
static void emit_signature(sb *out, const plan_func *f)
{
	int n = 0;

	emit_export_name(out, f);
	sb_addc(out, '(');
	if (f->ctx_param >= 0) {
		sb_add(out, "gopyTimeout int64, gopyCall *int64");
		n += 2;
	}
	if (f->recv) {
		sb_printf(out, "%srecv %s%s", n ? ", " : "", conv_is_iface(f->recv->value) ? "*" : "",
			  f->recv->value->go.param);
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
		sb_printf(out, ") (r0 %s)", f->results[0].cv->ret->gotype);
		return;
	}
	for (int i = 0; i < f->nresults; i++, n++)
		sb_printf(out, "%sr%d *%s", n ? ", " : "", i, f->results[i].cv->go.out_type);
	sb_addc(out, ')');
}

static void emit_call(sb *out, const plan *p, const plan_func *f)
{
	char name[32], count[32];

	if (f->recv)
		emit_apply(out, f->recv->value->go.recv, "recv");
	else
		sb_add(out, emit_decl_alias(p, f->decl));
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
		} else if (v->cv->kind == CK_CONTEXT) { /* None is Background() */
			sb_add(out, i == f->ctx_param ? "gopyC.bind(gopyCtx(" : "gopyCtx(");
			emit_apply(out, v->cv->go.in, name);
			sb_add(out, i == f->ctx_param ? "))" : ")");
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
static void direct_open(printer *pr, const conv *cv)
{
	pr_line(pr, "done := false");
	pr_open(pr, "defer func() {");
	pr_open(pr, "if !done {");
	pr_line(pr, "r0 = %s", cv->ret->sentinel_name);
	pr_line(pr, "gopyPendPanic(recover())");
	pr_close(pr, "}");
	pr_close(pr, "}()");
}

static void direct_return(printer *pr, const conv *cv, const char *conv_tmpl, const char *expr)
{
	sb value = SB_INIT;

	emit_apply(&value, conv_tmpl, expr);
	apply_line(pr, "r0 = ", cv->go.ret, sb_str(&value));
	pr_line(pr, "done = true");
	pr_line(pr, "return");
	pr_close(pr, "}");
	sb_free(&value);
}

/* An error result: returned, or (direct) left for the caller. */
static void check_err(printer *pr, bool direct)
{
	pr_open(pr, "if err != nil {");
	if (direct) {
		pr_line(pr, "gopyPend(gopyError(err))");
		pr_line(pr, "return");
	} else {
		pr_line(pr, "return gopyError(err)");
	}
	pr_close(pr, "}");
}

static void emit_direct_body(printer *pr, const plan *p, const plan_func *f)
{
	const conv *cv = f->results[0].cv;

	direct_open(pr, cv);
	pr_start(pr, "%s", f->returns_error ? "v0, err := " : "v0 := ");
	emit_call(pr->out, p, f);
	pr_end(pr);
	if (f->returns_error)
		check_err(pr, true);
	direct_return(pr, cv, cv->go.out, "v0");
}

/* The export that reads a field or variable: expr is its Go expression;
 * the read of a struct is a view of it. */
static void emit_read(printer *pr, const char *export, const char *params, const conv *cv, const char *expr)
{
	const char *tmpl = cv->go.ref_out ? cv->go.ref_out : cv->go.out;
	sb sig = SB_INIT;

	if (cv->ret) {
		pr_open(pr, "func %s(%s) (r0 %s) {", export, params, cv->ret->gotype);
		direct_open(pr, cv);
		direct_return(pr, cv, tmpl, expr);
		return;
	}
	sb_printf(&sig, "%s(%s%sr0 *%s)", export, params, *params ? ", " : "", cv->go.out_type);
	fail_open(pr, sb_str(&sig));
	apply_line(pr, "*r0 = ", tmpl, expr);
	fail_close(pr);
	sb_free(&sig);
}

/* The export that writes a field or variable: expr = parameter p0. */
static void emit_write(printer *pr, const char *export, const char *params, const conv *cv, const char *expr)
{
	sb sig = SB_INIT, set = SB_INIT;

	sb_printf(&sig, "%s(%s%sp0 %s)", export, params, *params ? ", " : "", cv->go.param);
	sb_printf(&set, "%s = ", expr);
	fail_open(pr, sb_str(&sig));
	apply_line(pr, sb_str(&set), cv->go.in, "p0");
	fail_close(pr);
	sb_free(&sig), sb_free(&set);
}

static void emit_func(printer *pr, const plan *p, const plan_func *f)
{
	sb export = SB_INIT, decl = SB_INIT, what = SB_INIT, sig = SB_INIT, r = SB_INIT;
	char name[32];

	emit_export_name(&export, f);
	emit_go_decl(&decl, p, f);
	if (f->recv)
		sb_printf(&what, "wraps the method %s.%s", f->recv->named->spell, f->decl->name);
	else
		sb_printf(&what, "wraps %s.%s", f->decl->pkg ? f->decl->pkg->name : p->m->name, f->decl->name);
	emit_header(pr, sb_str(&export), sb_str(&what), sb_str(&decl));
	emit_signature(&sig, f);
	if (f->direct) {
		pr_open(pr, "func %s {", sb_str(&sig));
		emit_direct_body(pr, p, f);
	} else {
		fail_open(pr, sb_str(&sig));
		/* Run on a goroutine the caller can interrupt (gopy_ctx.go); the
		 * body is the usual one. */
		if (f->ctx_param >= 0) {
			pr_open(pr, "return gopyCtxGo(gopyTimeout, gopyCall, func(gopyC *gopyCtxCall) (fail C.gopy_fail_addr) {");
			pr_line(pr, "defer gopyRecover(&fail)");
		}
		pr_indent(pr);
		for (int i = 0; i < f->nresults; i++)
			pr_add(pr, "%sv%d", i ? ", " : "", i);
		if (f->returns_error)
			pr_add(pr, "%s", f->nresults ? ", err" : "err");
		if (f->nresults || f->returns_error)
			pr_add(pr, " := ");
		emit_call(pr->out, p, f);
		pr_end(pr);
		if (f->returns_error)
			check_err(pr, false);
		for (int i = 0; i < f->nresults; i++) {
			snprintf(name, sizeof name, "v%d", i);
			sb_reset(&r);
			sb_printf(&r, "*r%d = ", i);
			apply_line(pr, sb_str(&r), f->results[i].cv->go.out, name);
		}
		if (f->ctx_param >= 0) {
			pr_line(pr, "return 0");
			pr_close(pr, "})");
			pr_close(pr, "}");
		} else {
			fail_close(pr);
		}
	}
	sb_free(&export), sb_free(&decl), sb_free(&what), sb_free(&sig), sb_free(&r);
}

static void emit_field(printer *pr, const plan_class *c, const plan_field *f)
{
	sb export = SB_INIT, what = SB_INIT, expr = SB_INIT;

	/* The field of the object with handle h. */
	emit_apply(&expr, c->value->go.recv, "h");
	sb_printf(&expr, ".%s", f->name);

	emit_member_export(&export, "get", c, f->name);
	sb_printf(&what, "reads the field %s.%s", c->named->spell, f->name);
	emit_header(pr, sb_str(&export), sb_str(&what), NULL);
	emit_read(pr, sb_str(&export), "h int64", f->cv, sb_str(&expr));

	sb_reset(&export), sb_reset(&what);
	emit_member_export(&export, "set", c, f->name);
	sb_printf(&what, "writes the field %s.%s", c->named->spell, f->name);
	emit_header(pr, sb_str(&export), sb_str(&what), NULL);
	emit_write(pr, sb_str(&export), "h int64", f->cv, sb_str(&expr));
	sb_free(&export), sb_free(&what), sb_free(&expr);
}

/* gopy_init_T: sets the fields whose bit is set in `set`, on the value of
 * handle h, or on a new value when h is 0. */
static void emit_init(printer *pr, const plan_class *c)
{
	sb export = SB_INIT, what = SB_INIT, sig = SB_INIT, set = SB_INIT;
	const char *T = c->named->spell;
	char name[32];
	int k = 0;

	emit_member_export(&export, "init", c, NULL);
	sb_printf(&what, "sets the fields of a %s (a new one when h is 0);\n"
		  "bit i of set says whether constructor field i was given", T);
	emit_header(pr, sb_str(&export), sb_str(&what), NULL);
	sb_printf(&sig, "%s(h int64, set uint64", sb_str(&export));
	for (int i = 0; i < c->nfields; i++)
		if (c->fields[i].ctor)
			sb_printf(&sig, ", p%d %s", k++, c->fields[i].cv->go.param);
	sb_add(&sig, ", r0 *int64)");
	fail_open(pr, sb_str(&sig));
	pr_line(pr, "v := new(%s)", T);
	pr_open(pr, "if h != 0 {");
	pr_line(pr, "v = gopyObj[%s](h)", T);
	pr_close(pr, "}");
	k = 0;
	for (int i = 0; i < c->nfields; i++) {
		if (!c->fields[i].ctor)
			continue;
		snprintf(name, sizeof name, "p%d", k);
		sb_reset(&set);
		sb_printf(&set, "v.%s = ", c->fields[i].name);
		pr_open(pr, "if set&(1<<%d) != 0 {", k);
		apply_line(pr, sb_str(&set), c->fields[i].cv->go.in, name);
		pr_close(pr, "}");
		k++;
	}
	pr_line(pr, "*r0 = h");
	pr_open(pr, "if h == 0 {");
	pr_line(pr, "*r0 = gopyNewHandle(v)");
	pr_close(pr, "}");
	fail_close(pr);
	sb_free(&export), sb_free(&what), sb_free(&sig), sb_free(&set);
}

static void emit_struct_ops(printer *pr, const plan_class *c)
{
	sb export = SB_INIT, what = SB_INIT, sig = SB_INIT;
	const char *T = c->named->spell;

	emit_member_export(&export, "copy", c, NULL);
	sb_printf(&what, "copies a %s (deep: also what it points to)", T);
	emit_header(pr, sb_str(&export), sb_str(&what), NULL);
	sb_printf(&sig, "%s(h int64, deep bool, r0 *int64)", sb_str(&export));
	fail_open(pr, sb_str(&sig));
	pr_line(pr, "*r0 = gopyCopy[%s](h, deep)", T);
	fail_close(pr);
	if (c->comparable) {
		sb_reset(&export), sb_reset(&what), sb_reset(&sig);
		emit_member_export(&export, "eq", c, NULL);
		sb_printf(&what, "compares two %s values with ==", T);
		emit_header(pr, sb_str(&export), sb_str(&what), NULL);
		/* Not a and b: packages may be imported under those names. */
		sb_printf(&sig, "%s(gopyA int64, gopyB int64, r0 *bool)", sb_str(&export));
		fail_open(pr, sb_str(&sig));
		pr_line(pr, "*r0 = *gopyObj[%s](gopyA) == *gopyObj[%s](gopyB)", T, T);
		fail_close(pr);
	}
	sb_free(&export), sb_free(&what), sb_free(&sig);
}

static void emit_class(printer *pr, const plan *p, const plan_class *c)
{
	if (c->kind == CLASS_STRUCT) {
		emit_init(pr, c);
		emit_struct_ops(pr, c);
		for (int i = 0; i < c->nfields; i++)
			emit_field(pr, c, &c->fields[i]);
	}
	for (int i = 0; i < c->nmethods; i++)
		emit_func(pr, p, &c->methods[i]);
}

/* gopy_getvar_V / gopy_setvar_V: read and write the package variable V.
 * The C side calls them with the GIL held, which serializes Python's own
 * accesses; goroutines must synchronize as the Go memory model requires. */
static void emit_var(printer *pr, const plan *p, const plan_var *v)
{
	const char *name = v->decl->name, *pkg = v->decl->pkg ? v->decl->pkg->name : p->m->name;
	sb expr = SB_INIT, what = SB_INIT, export = SB_INIT;

	sb_printf(&expr, "%s.%s", emit_decl_alias(p, v->decl), name);
	sb_printf(&export, "gopy_getvar_%s", v->sym);
	sb_printf(&what, "reads the variable %s.%s", pkg, name);
	emit_header(pr, sb_str(&export), sb_str(&what), NULL);
	emit_read(pr, sb_str(&export), "", v->cv, sb_str(&expr));

	sb_reset(&export), sb_reset(&what);
	sb_printf(&export, "gopy_setvar_%s", v->sym);
	sb_printf(&what, "writes the variable %s.%s", pkg, name);
	emit_header(pr, sb_str(&export), sb_str(&what), NULL);
	emit_write(pr, sb_str(&export), "", v->cv, sb_str(&expr));
	sb_free(&expr), sb_free(&what), sb_free(&export);
}

/* ---- views: slices, arrays and maps (runtime/go/gopy_views.go) ---- */

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

/* One line: before, then the C value of expr (c_value_out). */
static void c_out_line(printer *pr, const char *before, const conv *cv, const char *expr, bool alias)
{
	pr_start(pr, "%s", before);
	c_value_out(pr->out, cv, expr, alias);
	pr_end(pr);
}

/* The elements of a slice or array argument, copied from C. */
static void seq_elems(sb *out, const plan_view *v)
{
	sb ptr = SB_INIT;

	sb_printf(&ptr, "(*%s)(a.data)", v->ecv->go.param);
	apply2(out, v->ecv->go.slice_in, sb_str(&ptr), "int(a.n)");
	sb_free(&ptr);
}

/* How gopyIn_X ends, by the container's kind. */
static void slice_in(printer *pr, const plan_view *v, const char *T)
{
	sb elems = SB_INIT;

	/* A negative length is Python's None: a nil slice (gopy_abi.h); an
	 * empty list is an empty slice, not nil. */
	pr_open(pr, "if a.n <= 0 {");
	pr_open(pr, "if a.n < 0 {");
	pr_line(pr, "return nil");
	pr_close(pr, "}");
	pr_line(pr, "return %s{}", T);
	pr_close(pr, "}");
	seq_elems(&elems, v);
	pr_line(pr, "return %s(%s)", T, sb_str(&elems));
	sb_free(&elems);
}

static void array_in(printer *pr, const plan_view *v, const char *T)
{
	sb elems = SB_INIT;

	(void)T;
	seq_elems(&elems, v);
	pr_line(pr, "copy(r[:], %s)", sb_str(&elems));
	pr_line(pr, "return r");
	sb_free(&elems);
}

static void map_in(printer *pr, const plan_view *v, const char *T)
{
	pr_open(pr, "if a.n < 0 {");
	pr_line(pr, "return nil");
	pr_close(pr, "}");
	pr_line(pr, "keys := unsafe.Slice((*%s)(a.data), int(a.n))", v->kcv->go.param);
	pr_line(pr, "values := unsafe.Slice((*%s)(a.data2), int(a.n))", v->ecv->go.param);
	pr_line(pr, "m := make(%s, len(keys))", T);
	pr_open(pr, "for i := range keys {");
	pr_start(pr, "m[");
	emit_apply(pr->out, v->kcv->go.in, "keys[i]");
	pr_add(pr, "] = ");
	emit_apply(pr->out, v->ecv->go.in, "values[i]");
	pr_end(pr);
	pr_close(pr, "}");
	pr_line(pr, "return m");
}

static void emit_seq_exports(printer *pr, const plan *p, const plan_view *v, const char *T);
static void emit_map_exports(printer *pr, const plan *p, const plan_view *v, const char *T);

/* What differs between the kinds of container. */
static const struct view_go {
	const char *in_result;   /* gopyIn_X's result: "%s" or "(r %s)", %s its type */
	void (*in)(printer *pr, const plan_view *v, const char *T);
	/* The element exports, unless the view is flat (maps never are):
	 * C then reads and writes the elements in place. */
	void (*exports)(printer *pr, const plan *p, const plan_view *v, const char *T);
} view_go[CK_COUNT] = {
	[CK_SLICE] = {"%s", slice_in, emit_seq_exports},
	[CK_ARRAY] = {"(r %s)", array_in, emit_seq_exports},
	[CK_MAP] = {"%s", map_in, emit_map_exports},
};

/* gopyIn_X: the Go value of a container argument (gopy_abi.h: gopy_seq). */
static void emit_view_in(printer *pr, const plan_view *v, const char *T)
{
	const struct view_go *k = &view_go[v->cv->kind];
	sb result = SB_INIT;

	pr_blank(pr);
	pr_line(pr, "// gopyIn_%s is a %s argument: the value of a view passed back (no", v->name, T);
	pr_line(pr, "// copy), or a copy of the elements C converted.");
	sb_printf(&result, k->in_result, T);
	pr_open(pr, "func gopyIn_%s(a C.gopy_seq) %s {", v->name, sb_str(&result));
	pr_open(pr, "if a.handle != 0 {");
	pr_line(pr, "return *gopyView[%s](int64(a.handle))", T);
	pr_close(pr, "}");
	k->in(pr, v, T);
	pr_close(pr, "}");
	sb_free(&result);

	pr_blank(pr);
	pr_line(pr, "// gopyInPtr_%s is a *%s argument: the pointer a view passed back holds", v->name, T);
	pr_line(pr, "// (Go and the view share the container), nil for None, or a pointer to a");
	pr_line(pr, "// copy of the elements C converted.");
	pr_open(pr, "func gopyInPtr_%s(a C.gopy_seq) *%s {", v->name, T);
	pr_open(pr, "if a.handle != 0 {");
	pr_line(pr, "return gopyView[%s](int64(a.handle))", T);
	pr_close(pr, "}");
	pr_open(pr, "if a.n < 0 {");
	pr_line(pr, "return nil");
	pr_close(pr, "}");
	pr_line(pr, "x := gopyIn_%s(a)", v->name);
	pr_line(pr, "return &x");
	pr_close(pr, "}");
}

/* The doc comment and first lines of the view export gopy_view_X_op. */
static void view_export(printer *pr, const plan_view *v, const char *op, const char *what,
			const char *params)
{
	sb export = SB_INIT, sig = SB_INIT;

	sb_printf(&export, "gopy_view_%s_%s", v->name, op);
	emit_header(pr, sb_str(&export), what, NULL);
	sb_printf(&sig, "%s(%s)", sb_str(&export), params);
	fail_open(pr, sb_str(&sig));
	sb_free(&export), sb_free(&sig);
}

/* Element access for slices and arrays whose elements Go must convert. */
static void emit_seq_exports(printer *pr, const plan *p, const plan_view *v, const char *T)
{
	const conv *e = v->ecv;
	sb what = SB_INIT, line = SB_INIT;

	sb_printf(&what, "reads element i of a %s", T);
	view_export(pr, v, "get", sb_str(&what), "h int64, i int, out unsafe.Pointer");
	pr_line(pr, "s := gopyView[%s](h)", T);
	sb_printf(&line, "*(*%s)(out) = ", e->go.out_type);
	c_out_line(pr, sb_str(&line), e, "(*s)[i]", true);
	fail_close(pr);

	/* Every value is converted before any element is written: the values
	 * may be views of the elements (s[1:3] = s[0:2]). */
	sb_reset(&what);
	sb_printf(&what, "writes elements start, start+step, ... of a %s\n"
		  "from n C values, all converted before any is written", T);
	view_export(pr, v, "set", sb_str(&what), "h int64, start int, step int, n int, in unsafe.Pointer");
	pr_line(pr, "s := gopyView[%s](h)", T);
	pr_line(pr, "values := make([]%s, n)", model_type_at(p->m, v->elem)->spell);
	pr_open(pr, "for i, c := range unsafe.Slice((*%s)(in), n) {", e->go.param);
	apply_line(pr, "values[i] = ", e->go.in, "c");
	pr_close(pr, "}");
	pr_open(pr, "for i, x := range values {");
	pr_line(pr, "(*s)[start+i*step] = x");
	pr_close(pr, "}");
	fail_close(pr);

	sb_reset(&what);
	sb_printf(&what, "copies the elements of a %s out to C in one call", T);
	view_export(pr, v, "items", sb_str(&what), "h int64, r0 *unsafe.Pointer, n *int");
	pr_line(pr, "s := gopyView[%s](h)", T);
	pr_line(pr, "p, items := gopyCArray[%s](len(*s))", e->go.out_type);
	pr_open(pr, "for i := range items {");
	c_out_line(pr, "items[i] = ", e, "(*s)[i]", true);
	pr_close(pr, "}");
	pr_line(pr, "*r0, *n = p, len(items)");
	fail_close(pr);
	sb_free(&what), sb_free(&line);
}

static void emit_map_exports(printer *pr, const plan *p, const plan_view *v, const char *T)
{
	const conv *e = v->ecv, *k = v->kcv;
	sb what = SB_INIT, line = SB_INIT;

	(void)p;
	sb_printf(&what, "is the length of a %s", T);
	view_export(pr, v, "len", sb_str(&what), "h int64, r0 *int");
	pr_line(pr, "*r0 = len(*gopyView[%s](h))", T);
	fail_close(pr);

	sb_reset(&what);
	sb_printf(&what, "looks a key up in a %s", T);
	view_export(pr, v, "get", sb_str(&what), "h int64, key unsafe.Pointer, out unsafe.Pointer, found *bool");
	pr_start(pr, "v, ok := (*gopyView[%s](h))[", T);
	c_value_in(pr->out, k, "key");
	pr_add(pr, "]");
	pr_end(pr);
	pr_line(pr, "*found = ok");
	pr_open(pr, "if ok {");
	sb_printf(&line, "*(*%s)(out) = ", e->go.out_type);
	c_out_line(pr, sb_str(&line), e, "v", false);
	pr_close(pr, "}");
	fail_close(pr);

	sb_reset(&what);
	sb_printf(&what, "sets a key of a %s", T);
	view_export(pr, v, "set", sb_str(&what), "h int64, key unsafe.Pointer, value unsafe.Pointer");
	pr_start(pr, "(*gopyView[%s](h))[", T);
	c_value_in(pr->out, k, "key");
	pr_add(pr, "] = ");
	c_value_in(pr->out, e, "value");
	pr_end(pr);
	fail_close(pr);

	sb_reset(&what);
	sb_printf(&what, "deletes a key of a %s", T);
	view_export(pr, v, "del", sb_str(&what), "h int64, key unsafe.Pointer, found *bool");
	pr_line(pr, "m := *gopyView[%s](h)", T);
	pr_start(pr, "k := ");
	c_value_in(pr->out, k, "key");
	pr_end(pr);
	pr_line(pr, "_, *found = m[k]");
	pr_line(pr, "delete(m, k)");
	fail_close(pr);

	sb_reset(&what);
	sb_printf(&what, "copies the keys and values of a %s out to C in one call", T);
	view_export(pr, v, "items", sb_str(&what), "h int64, r0 *unsafe.Pointer, r1 *unsafe.Pointer, n *int");
	pr_line(pr, "m := *gopyView[%s](h)", T);
	pr_line(pr, "pk, keys := gopyCArray[%s](len(m))", k->go.out_type);
	pr_line(pr, "pv, values := gopyCArray[%s](len(m))", e->go.out_type);
	pr_line(pr, "i := 0");
	pr_open(pr, "for k, v := range m {");
	c_out_line(pr, "keys[i] = ", k, "k", false);
	c_out_line(pr, "values[i] = ", e, "v", false);
	pr_line(pr, "i++");
	pr_close(pr, "}");
	pr_line(pr, "*r0, *r1, *n = pk, pv, i");
	fail_close(pr);

	sb_reset(&what);
	sb_printf(&what, "deletes every key of a %s", T);
	view_export(pr, v, "clear", sb_str(&what), "h int64");
	pr_line(pr, "clear(*gopyView[%s](h))", T);
	fail_close(pr);
	sb_free(&what), sb_free(&line);
}

static void emit_view(printer *pr, const plan *p, const plan_view *v)
{
	const char *T = model_type_at(p->m, v->type)->spell;
	const struct view_go *k = &view_go[v->cv->kind];
	sb what = SB_INIT;

	pr_blank(pr);
	pr_line(pr, "// ---- %s ----", T);
	emit_view_in(pr, v, T);
	sb_printf(&what, "makes a new %s from an argument", T);
	view_export(pr, v, "make", sb_str(&what), "gopyArg C.gopy_seq, r0 *int64");
	pr_line(pr, "*r0 = gopyNewValue(gopyIn_%s(gopyArg))", v->name);
	fail_close(pr);
	if (!v->flat)
		k->exports(pr, p, v, T);
	sb_free(&what);
}

/*
 * The results a failed direct export returns (convtab.h: conv_ret), named
 * once from the table. The C definitions go in the cgo preamble, which cgo
 * copies into _cgo_export.h for module.c and the cffi shims; Go gets its own
 * constants of the same names, since cgo reads a float macro such as
 * -7.2911220195563975e-304 as 0.
 */
static void emit_sentinel_macros(printer *pr)
{
	int n;
	const conv_ret *const *rets = convtab_rets(&n);

	pr_blank(pr);
	pr_line(pr, "// What a direct export returns when the call failed (gopy_take_fail).");
	for (int i = 0; i < n; i++)
		pr_line(pr, "#define %s (%s%s)", rets[i]->sentinel_name, rets[i]->sentinel, rets[i]->c_suffix);
}

static void emit_sentinel_consts(printer *pr)
{
	int n, width = 0;
	const conv_ret *const *rets = convtab_rets(&n);

	for (int i = 0; i < n; i++)
		if ((int)strlen(rets[i]->sentinel_name) > width)
			width = (int)strlen(rets[i]->sentinel_name);
	pr_blank(pr);
	pr_line(pr, "// The preamble's GOPY_FAIL_* for Go.");
	pr_open(pr, "const (");
	for (int i = 0; i < n; i++) /* aligned as gofmt does */
		pr_line(pr, "%-*s = %s", width, rets[i]->sentinel_name, rets[i]->sentinel);
	pr_close(pr, ")");
}

void emit_go(const plan *p, sb *out)
{
	sb body = SB_INIT;
	printer pr = PRINTER_C(out), bpr = PRINTER_C(&body);

	pr_start(&pr, "// ");
	emit_generated_by(out, p);
	pr_end(&pr);
	pr_blank(&pr);
	pr_line(&pr, "// Package main holds the cgo exports through which the Python module %s", p->modname);
	pr_line(&pr, "// calls package %s. module.c is the Python side; gopy_rt.go the runtime.", p->m->name);
	pr_line(&pr, "package main");
	pr_blank(&pr);
	/* A call to an undeclared function would link (Python's symbols stay
	 * unresolved in the shared object) and crash at run time: make it an
	 * error, as it is a gopy bug. */
	pr_line(&pr, "/*");
	pr_line(&pr, "#cgo CFLAGS: -Werror=implicit-function-declaration -Werror=int-conversion");
	pr_line(&pr, "#include \"gopy_abi.h\"");
	emit_sentinel_macros(&pr);
	pr_line(&pr, "*/");
	pr_line(&pr, "import \"C\"");
	pr_blank(&pr);
	for (int i = 0; i < p->nviews; i++)
		emit_view(&bpr, p, p->views[i]);
	for (int i = 0; i < p->nclasses; i++)
		emit_class(&bpr, p, &p->classes[i]);
	for (int i = 0; i < p->nfuncs; i++)
		emit_func(&bpr, p, &p->funcs[i]);
	for (int i = 0; i < p->nvars; i++)
		emit_var(&bpr, p, &p->vars[i]);
	emit_go_dyn(&bpr, p);
	emit_go_imports(out, p, sb_str(&body));
	if (strstr(sb_str(&body), "unsafe."))
		pr_line(&pr, "import \"unsafe\"");
	emit_sentinel_consts(&pr);
	sb_add(out, sb_str(&body));
	sb_free(&body);
	pr_blank(&pr);
	pr_line(&pr, "// main is required by -buildmode=c-shared and never runs.");
	pr_line(&pr, "func main() {}");
}
