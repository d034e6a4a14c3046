/*
 * emit_go_dyn.c: the part of glue.go for values of interface and func
 * types (emit.h: emit_go_dyn), over runtime/go/gopy_dyn.go and gopy_py.go:
 *
 *   gopyBoxBound, gopyNamedIn   the module's classes, for the runtime's
 *                               conversions of interface values
 *   gopyIface_NAME              per interface or func type: an argument's
 *                               (or callback result's) Go value; a Python
 *                               object becomes a value calling back into it
 *   gopyPy_NAME                 per interface Python can implement: a Go
 *                               type whose methods call the object's
 *   gopyPyFunc_NAME             per func type: a Go func calling a callable
 */
#include "emit.h"
#include "printer.h"

#include <stdio.h>
#include <string.h>

/* ---- interface values (runtime/go/gopy_dyn.go) ---- */

/* How a named basic class's value is written into a gopy_val v (the
 * underlying kind's field) and read back: by kind. */
static const struct dyn_basic {
	const char *out; /* statement setting v from t */
	const char *in;  /* Go expression of the underlying type from v */
} dyn_basic[] = {
	[CK_BOOL] = {"v.kind, v.i = C.GOPY_VAL_BOOL, C.longlong(gopyRetBool(bool(t)))", "v.i != 0"},
	[CK_STRING] = {"v.kind, v.str = C.GOPY_VAL_STR, gopyCStr(string(t))", "gopyValString(v)"},
	[CK_INT] = {"gopyValInt(v, int64(t))", "v.i"},
	[CK_UINT] = {"gopyValUint(v, uint64(t))", "uint64(v.i)"},
	[CK_FLOAT64] = {"v.kind, v.f = C.GOPY_VAL_FLOAT, C.double(t)", "v.f"},
	[CK_COMPLEX128] = {"v.kind, v.f, v.f2 = C.GOPY_VAL_COMPLEX, C.double(real(t)), C.double(imag(t))",
			   "complex(float64(v.f), float64(v.f2))"},
};

static const struct dyn_basic *dyn_basic_of(conv_kind k)
{
	switch (k) {
	case CK_INT8: case CK_INT16: case CK_INT32: case CK_INT64:
		return &dyn_basic[CK_INT];
	case CK_UINT8: case CK_UINT16: case CK_UINT32: case CK_UINT64: case CK_UINTPTR:
		return &dyn_basic[CK_UINT];
	case CK_FLOAT32:
		return &dyn_basic[CK_FLOAT64];
	case CK_COMPLEX64:
		return &dyn_basic[CK_COMPLEX128];
	default:
		return &dyn_basic[k];
	}
}

/*
 * gopyBoxError, which gopyError (gopy_rt.go) calls for an error a function
 * returns: an instance of its error class when its dynamic type is a
 * struct type of the package whose T or *T implements error.
 */
static void emit_box_error(printer *pr, const plan *p)
{
	bool any_case = false;

	for (int i = 0; i < p->nclasses; i++)
		any_case |= p->classes[i].error != NULL;
	pr_blank(pr);
	pr_line(pr, "// gopyBoxError writes err into v as an instance of its error class, when");
	pr_line(pr, "// its dynamic type is a struct type of the package (gopy_rt.go).");
	pr_open(pr, "func gopyBoxError(err error, v *C.gopy_val) bool {");
	pr_line(pr, "switch %serr.(type) {", any_case ? "t := " : "");
	for (int i = 0; i < p->nclasses; i++) {
		const plan_class *c = &p->classes[i];
		if (!c->error)
			continue;
		pr_open(pr, "case *%s: // %s", c->named->spell, c->pyname);
		pr_line(pr, "gopyValObj(v, %d, gopyPtrHandle(t))", c->index);
		pr_close(pr, NULL);
		if (c->error_by_value) {
			pr_open(pr, "case %s:", c->named->spell);
			pr_line(pr, "gopyValObj(v, %d, gopyNewValue(t))", c->index);
			pr_close(pr, NULL);
		}
	}
	pr_open(pr, "default:");
	pr_line(pr, "return false");
	pr_close(pr, NULL);
	pr_line(pr, "}");
	pr_line(pr, "return v.kind == C.GOPY_VAL_OBJ // not a nil *T");
	pr_close(pr, "}");
}

/*
 * gopyBoxBound and gopyNamedIn, which the runtime's interface conversions
 * call: a value whose dynamic type has a class reaches Python as an
 * instance of it, and a named basic class's instance reaches Go as its
 * named type. Class indices are those of the module's class table.
 */
static void emit_hooks(printer *pr, const plan *p)
{
	pr_blank(pr);
	pr_line(pr, "// gopyBoxBound writes x into v as an instance of its class, when its");
	pr_line(pr, "// dynamic type is a bound type of the package (gopy_dyn.go).");
	bool any_case = false;
	for (int i = 0; i < p->nclasses; i++)
		any_case |= p->classes[i].kind != CLASS_IFACE;
	pr_open(pr, "func gopyBoxBound(x any, v *C.gopy_val) bool {");
	pr_line(pr, "switch %sx.(type) {", any_case ? "t := " : "");
	for (int i = 0; i < p->nclasses; i++) {
		const plan_class *c = &p->classes[i];
		const char *T = c->named->spell;
		switch (c->kind) {
		case CLASS_STRUCT:
			pr_open(pr, "case *%s: // %s", T, c->pyname);
			pr_line(pr, "gopyValObj(v, %d, gopyPtrHandle(t))", c->index);
			pr_close(pr, NULL);
			pr_open(pr, "case %s:", T);
			pr_line(pr, "gopyValObj(v, %d, gopyNewValue(t))", c->index);
			pr_close(pr, NULL);
			break;
		case CLASS_VIEW:
			pr_open(pr, "case %s: // %s", T, c->pyname);
			pr_line(pr, "gopyValObj(v, %d, gopyNewValue(t))", c->index);
			pr_close(pr, NULL);
			break;
		case CLASS_NAMED_BASIC:
			pr_open(pr, "case %s: // %s", T, c->pyname);
			pr_line(pr, "%s", dyn_basic_of(c->underlying->kind)->out);
			pr_line(pr, "v.cls = %d", c->index);
			pr_close(pr, NULL);
			break;
		case CLASS_IFACE:
			break;
		}
	}
	pr_open(pr, "default:");
	pr_line(pr, "return false");
	pr_close(pr, NULL);
	pr_line(pr, "}");
	pr_line(pr, "return true");
	pr_close(pr, "}");

	emit_box_error(pr, p);

	pr_blank(pr);
	pr_line(pr, "// gopyIfaceHandle is a new handle to x as the type of the interface class");
	pr_line(pr, "// cls (a *Shape, so that its methods need no type assertion), or to x as");
	pr_line(pr, "// a *any for the opaque GoValue (cls -1).");
	pr_open(pr, "func gopyIfaceHandle(x any, cls int) int64 {");
	pr_line(pr, "switch cls {");
	for (int i = 0; i < p->nclasses; i++) {
		const plan_class *c = &p->classes[i];
		if (c->kind != CLASS_IFACE)
			continue;
		pr_open(pr, "case %d: // %s", c->index, c->pyname);
		pr_line(pr, "p := new(%s)", c->named->spell);
		pr_line(pr, "*p = x.(%s)", c->named->spell);
		pr_line(pr, "return gopyNewHandle(p)");
		pr_close(pr, NULL);
	}
	pr_line(pr, "}");
	pr_line(pr, "p := new(any)");
	pr_line(pr, "*p = x");
	pr_line(pr, "return gopyNewHandle(p)");
	pr_close(pr, "}");

	pr_blank(pr);
	pr_line(pr, "// gopyNamedIn is the Go value of v, an instance of the named basic class cls.");
	pr_open(pr, "func gopyNamedIn(cls int, v *C.gopy_val) any {");
	pr_line(pr, "switch cls {");
	for (int i = 0; i < p->nclasses; i++) {
		const plan_class *c = &p->classes[i];
		if (c->kind != CLASS_NAMED_BASIC)
			continue;
		pr_open(pr, "case %d:", c->index);
		pr_line(pr, "return %s(%s)", c->named->spell, dyn_basic_of(c->underlying->kind)->in);
		pr_close(pr, NULL);
	}
	pr_line(pr, "}");
	pr_line(pr, "panic(gopyNotNamed(cls))");
	pr_close(pr, "}");
}

/* The Go spelling of parameter i of sig as the func literal declares it
 * ("...int" for a variadic one). */
static void param_type(sb *out, const plan *p, const model_type *sig, int i)
{
	const model_type *t = model_type_at(p->m, sig->params[i].type);

	if (sig->variadic && i == sig->nparams - 1)
		sb_printf(out, "...%s", model_type_at(p->m, t->elem)->spell);
	else
		sb_add(out, t->spell);
}

/* "(p0 int, p1 ...string) (r0 bool, r1 error)": sig with named parts. */
static void signature(sb *out, const plan *p, const model_type *sig)
{
	sb_addc(out, '(');
	for (int i = 0; i < sig->nparams; i++) {
		sb_printf(out, "%sp%d ", i ? ", " : "", i);
		param_type(out, p, sig, i);
	}
	sb_addc(out, ')');
	if (sig->nresults) {
		sb_add(out, " (");
		for (int i = 0; i < sig->nresults; i++)
			sb_printf(out, "%sr%d %s", i ? ", " : "", i, model_type_at(p->m, sig->results[i].type)->spell);
		sb_addc(out, ')');
	}
}

static bool has_error_result(const plan *p, const model_type *sig)
{
	return sig->nresults > 0 && model_is_error(model_type_at(p->m, sig->results[sig->nresults - 1].type));
}

/* The class index a Go value of this type goes to Python as, when its
 * dynamic type has no class: an interface's class, or -1. */
static int value_class(const plan *p, int type)
{
	const conv *cv = convtab_for(p, type);

	return cv && cv->cls && conv_is_iface(cv) ? cv->cls->index : -1;
}

/* Sets the record at dst from the Go value expr of this type when it is a
 * slice, array or map without a class: a view of a copy of its header, which
 * shares the elements as a result does. false for any other type. */
static bool emit_view_arg(printer *pr, const plan *p, int type, const char *dst, const char *expr)
{
	const conv *cv = convtab_for(p, type);

	if (!conv_is_view(cv) || cv->cls)
		return false;
	pr_line(pr, "gopyValView(%s, %d, gopyNewValue(%s)) // %s", dst, cv->view->index, expr,
		model_type_at(p->m, type)->shown);
	return true;
}

/* Sets record args[i] from parameter p<i>: a number, bool or string of a
 * basic type directly (no interface conversion, which would allocate), a
 * container as a view (emit_view_arg), anything else by its dynamic type
 * (gopyValSet: a named container's class is a bound type). */
static void emit_arg(printer *pr, const plan *p, int type, int i)
{
	const model_type *t = model_type_at(p->m, type);
	const conv *cv = convtab_for(p, type);
	const char *setter = NULL;
	char dst[32], expr[32];

	snprintf(dst, sizeof dst, "&args[%d]", i);
	snprintf(expr, sizeof expr, "p%d", i);
	if (emit_view_arg(pr, p, type, dst, expr))
		return;

	if (cv && (cv->kind == CK_VALPTR || cv->kind == CK_IO)) { /* the value, or None; a stream */
		char arg[16];
		snprintf(arg, sizeof arg, "p%d", i);
		pr_start(pr, "args[%d] = ", i);
		emit_apply(pr->out, cv->go.out, arg);
		pr_end(pr);
		return;
	}
	if (t->kind == TK_BASIC) {
		switch (t->basic) {
		case B_BOOL:
			setter = "gopyValBool(&args[%d], p%d)";
			break;
		case B_INT: case B_INT8: case B_INT16: case B_INT32: case B_INT64:
			setter = "gopyValInt(&args[%d], int64(p%d))";
			break;
		case B_UINT: case B_UINT8: case B_UINT16: case B_UINT32: case B_UINT64: case B_UINTPTR:
			setter = "gopyValUint(&args[%d], uint64(p%d))";
			break;
		case B_FLOAT32: case B_FLOAT64:
			setter = "gopyValFloat(&args[%d], float64(p%d))";
			break;
		default:
			break;
		}
	}
	if (setter) {
		pr_start(pr, setter, i, i);
		pr_end(pr);
	} else {
		pr_line(pr, "gopyValSet(&args[%d], p%d, %d)", i, i, value_class(p, type));
	}
}

/* The C.GOPY_VAL_* of a bool or number of a basic type as a by-value
 * argument of gopyCallPyScalars, and the Go expression of its bits
 * (a format taking the parameter's index); NULL for any other type. */
static const char *scalar_arg(const plan *p, int type, const char **bits)
{
	const model_type *t = model_type_at(p->m, type);

	if (t->kind != TK_BASIC)
		return NULL;
	switch (t->basic) {
	case B_BOOL:
		*bits = "gopyBitsBool(p%d)";
		return "BOOL";
	case B_INT: case B_INT8: case B_INT16: case B_INT32: case B_INT64:
		*bits = "int64(p%d)";
		return "INT";
	case B_UINT: case B_UINT8: case B_UINT16: case B_UINT32: case B_UINT64: case B_UINTPTR:
		*bits = "int64(p%d)";
		return "UINT";
	case B_FLOAT32: case B_FLOAT64:
		*bits = "gopyBitsFloat(float64(p%d))";
		return "FLOAT";
	default:
		return NULL;
	}
}

/* The common callback's size limit: the C side's GOPY_SCALAR_ARGS. */
enum { SCALAR_ARGS = 4 };

/*
 * The body of the common callback, when sig has one: at most SCALAR_ARGS
 * parameters, all bools or numbers of basic types, and at most one
 * result besides an error, of a type gopyValTo converts. One call of
 * gopyCallPyScalars, which passes the arguments by value and so needs no
 * records in C memory. false when sig is not one.
 */
static bool scalar_call_body(printer *pr, const plan *p, const model_type *sig, const char *ref,
			     const char *method, bool has_err, int nres)
{
	const char *kinds[SCALAR_ARGS], *bits[SCALAR_ARGS];

	if (sig->variadic || sig->nparams > SCALAR_ARGS || nres > 1 ||
	    (nres == 1 && conv_is_iface(convtab_for(p, sig->results[0].type))))
		return false;
	for (int i = 0; i < sig->nparams; i++)
		if (!(kinds[i] = scalar_arg(p, sig->params[i].type, &bits[i])))
			return false;
	if (nres)
		pr_start(pr, "r0, %s = gopyCallPyScalars[%s]", has_err ? "r1" : "_",
			 model_type_at(p->m, sig->results[0].type)->spell);
	else
		pr_start(pr, "%sgopyCallPyScalars0", has_err ? "r0 = " : "");
	pr_add(pr, "(%s, %s, %d, ", ref, method, sig->nparams);
	for (int i = 0; i < sig->nparams; i++) {
		pr_add(pr, "%sC.GOPY_VAL_%s", i ? "|" : "", kinds[i]);
		if (i)
			pr_add(pr, "<<%d", 4 * i);
	}
	if (!sig->nparams)
		pr_add(pr, "0");
	for (int i = 0; i < SCALAR_ARGS; i++) {
		pr_add(pr, ", ");
		if (i < sig->nparams)
			pr_add(pr, bits[i], i);
		else
			pr_add(pr, "0");
	}
	pr_add(pr, ", %s)", has_err ? "true" : "false");
	pr_end(pr);
	pr_line(pr, "return");
	return true;
}

/*
 * The body of a Go func or method calling Python: the arguments as
 * records (a variadic one spread), one call, the results converted back;
 * method is the Go expression of the method name's C string ("nil" for a
 * call of the object itself).
 */
static void call_body(printer *pr, const plan *p, const model_type *sig, const char *ref, const char *method)
{
	bool has_err = has_error_result(p, sig);
	/* A func whose only result is an error takes what Python returns as
	 * the error (None: nil), so `return fs.SkipDir` works as in Go;
	 * otherwise the non-error results are returned and errors raised. */
	bool err_only = has_err && sig->nresults == 1;
	int nres = sig->nresults - has_err + err_only, nfixed = sig->nparams - sig->variadic;

	if (scalar_call_body(pr, p, sig, ref, method, has_err, nres))
		return;

	/* The records live in C memory (gopyValsGet): Go's would be moved to
	 * the heap. */
	if (sig->variadic) {
		pr_line(pr, "nargs := %d + len(p%d)", nfixed, nfixed);
		pr_line(pr, "block, vals := gopyValsGet(nargs + %d)", nres);
		pr_line(pr, "defer gopyValsPut(block, vals)");
		if (nres)
			pr_line(pr, "args, res := vals[:nargs], vals[nargs:]");
		else
			pr_line(pr, "args := vals");
	} else {
		pr_line(pr, "block, vals := gopyValsGet(%d)", sig->nparams + nres);
		pr_line(pr, "defer gopyValsPut(block, vals)");
		if (nres)
			pr_line(pr, "args, res := vals[:%d], vals[%d:]", sig->nparams, sig->nparams);
		else
			pr_line(pr, "args := vals");
	}
	for (int i = 0; i < nfixed; i++)
		emit_arg(pr, p, sig->params[i].type, i);
	if (sig->variadic) {
		int elem = model_type_at(p->m, sig->params[nfixed].type)->elem;
		char dst[32];
		snprintf(dst, sizeof dst, "&args[%d+i]", nfixed);
		pr_open(pr, "for i, x := range p%d {", nfixed);
		if (!emit_view_arg(pr, p, elem, dst, "x"))
			pr_line(pr, "gopyValSet(%s, x, %d)", dst, value_class(p, elem));
		pr_close(pr, "}");
	}
	char err[32] = "";

	if (has_err && !err_only)
		snprintf(err, sizeof err, "r%d = ", sig->nresults - 1);
	if (err_only) {
		pr_open(pr, "if err := gopyCallPy(%s, %s, args, res, true, func() { r0 = gopyErrorIn(&res[0]) }); err != nil {",
			ref, method);
		pr_line(pr, "r0 = err");
		pr_close(pr, "}");
		pr_line(pr, "return");
		return;
	}
	if (nres == 0) { /* nothing to convert */
		pr_line(pr, "%sgopyCallPy(%s, %s, args, nil, %s, nil)", err, ref, method, has_err ? "true" : "false");
		pr_line(pr, "return");
		return;
	}
	pr_open(pr, "%sgopyCallPy(%s, %s, args, res, %s, func() {", err, ref, method, has_err ? "true" : "false");
	for (int i = 0; i < nres; i++) {
		int type = sig->results[i].type;
		const conv *cv = convtab_for(p, type);
		char res[32];
		snprintf(res, sizeof res, "&res[%d]", i);
		pr_start(pr, "r%d = ", i);
		if (conv_is_val(cv))
			emit_apply(pr->out, cv->go.in, res + 1); /* the template takes the address itself */
		else
			pr_add(pr, "gopyValTo[%s](%s)", model_type_at(p->m, type)->spell, res);
		pr_end(pr);
	}
	pr_close(pr, "})");
	pr_line(pr, "return");
}

/* gopyPy_NAME: a Python object as interface i. */
static void emit_proxy(printer *pr, const plan *p, const plan_iface *i)
{
	sb sig = SB_INIT, name = SB_INIT;

	pr_blank(pr);
	pr_line(pr, "// gopyPy_%s is a Python object standing for a Go %s: each method calls the", i->name, i->shown);
	pr_line(pr, "// object's.");
	pr_line(pr, "type gopyPy_%s struct{ gopyPyObj }", i->name);
	for (int k = 0; k < i->nmethods; k++) {
		sb_reset(&sig), sb_reset(&name);
		sb_printf(&name, "gopyPyName_%s__%s", i->name, i->methods[k]);
		signature(&sig, p, i->sigs[k]);
		pr_blank(pr);
		pr_line(pr, "var %s = gopyPyName(\"%s\")", sb_str(&name),
			i->cls ? i->cls->methods[k].pyname : i->methods[k]);
		pr_blank(pr);
		pr_open(pr, "func (o gopyPy_%s) %s%s {", i->name, i->methods[k], sb_str(&sig));
		call_body(pr, p, i->sigs[k], "o.ref", sb_str(&name));
		pr_close(pr, "}");
	}
	sb_free(&sig), sb_free(&name);
}

/* gopyPyFunc_NAME: a Python callable as func type i. */
static void emit_func_proxy(printer *pr, const plan *p, const plan_iface *i)
{
	sb sig = SB_INIT;

	signature(&sig, p, i->func);
	pr_blank(pr);
	pr_line(pr, "// gopyPyFunc_%s is a Python callable standing for a Go %s.", i->name, i->shown);
	pr_open(pr, "func gopyPyFunc_%s(o gopyPyObj) %s {", i->name, model_type_at(p->m, i->type)->spell);
	pr_open(pr, "return gopyPyFunc((%s)(func%s {", model_type_at(p->m, i->type)->spell, sb_str(&sig));
	call_body(pr, p, i->func, "o.ref", "nil");
	pr_close(pr, "}), o)");
	pr_close(pr, "}");
	sb_free(&sig);
}

/* gopyIface_NAME: the Go value of a record where Go wants interface or
 * func type i. */
static void emit_iface_in(printer *pr, const plan *p, const plan_iface *i)
{
	const char *T = model_type_at(p->m, i->type)->spell;
	static const char *const from_py[] = {
		[PY_METHODS] = "gopyPy_%s{gopyPyObj{gopyHoldPy(v.py)}}",
		[PY_EXCEPTION] = "gopyPyError{gopyPyObj{gopyHoldPy(v.py)}}",
		[PY_CALLABLE] = "gopyPyFunc_%s(gopyPyObj{gopyHoldPy(v.py)})",
	};

	if (i->io) { /* the runtime's streams (gopy_io.go) */
		pr_blank(pr);
		pr_line(pr, "// gopyIface_%s is the %s a record from Python stands for.", i->name, i->shown);
		pr_open(pr, "func gopyIface_%s(v *C.gopy_val) %s {", i->name, T);
		pr_line(pr, "return gopyIOIn[%s](v, %d)", T, i->io);
		pr_close(pr, "}");
		pr_blank(pr);
		pr_line(pr, "var _ = gopyHook(gopyIface_%s)", i->name);
		return;
	}
	if (i->pykind == PY_METHODS)
		emit_proxy(pr, p, i);
	else if (i->pykind == PY_CALLABLE)
		emit_func_proxy(pr, p, i);
	pr_blank(pr);
	pr_line(pr, "// gopyIface_%s is the %s a record from Python stands for.", i->name, i->shown);
	pr_open(pr, "func gopyIface_%s(v *C.gopy_val) %s {", i->name, T);
	if (i->pykind != PY_NONE) {
		pr_open(pr, "if v.kind == C.GOPY_VAL_PY {");
		pr_start(pr, "return ");
		sb_printf(pr->out, from_py[i->pykind], i->name);
		pr_end(pr);
		pr_close(pr, "}");
	}
	pr_line(pr, "return gopyIface[%s](v)", T);
	pr_close(pr, "}");
	pr_blank(pr);
	pr_line(pr, "var _ = gopyHook(gopyIface_%s)", i->name);
}

/*
 * Go's everyday types inside interface values and callbacks (gopy_std.go),
 * turned on only where interface values cross, so that other modules link
 * none of it: time's always then, math/big's (costly: it keeps every
 * method of big.Int and big.Rat) where the package names math/big, as a
 * value of it can then be inside one. Elsewhere such a value is opaque.
 */
static void emit_std_hooks(printer *pr, const plan *p)
{
	unsigned used = convtab_std_used(p);
	bool big = used & STD_BIG;

	for (int i = 0; i < p->m->nimports && p->nifaces && !big; i++)
		big = !strcmp(p->m->imports[i].path, "math/big");
	if (p->nifaces || used) {
		pr_blank(pr);
		pr_line(pr, "var _ = gopyUseTime()");
	}
	if (big)
		pr_line(pr, "var _ = gopyUseBig()");
}

void emit_go_dyn(printer *pr, const plan *p)
{
	if (p->nifaces) {
		pr_blank(pr);
		pr_line(pr, "// ---- interface and func values (gopy_dyn.go, gopy_py.go) ----");
	}
	for (int i = 0; i < p->nifaces; i++)
		emit_iface_in(pr, p, p->ifaces[i]);
	emit_std_hooks(pr, p);
	emit_hooks(pr, p);
}
