/* convtab.c: see convtab.h. */
#include "convtab.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sb.h"
#include "support.h"
#include "util.h"

_Static_assert((int)CK_COMPLEX128 == (int)B_COMPLEX128 && (int)CK_BOOL == (int)B_BOOL,
	       "conv_kind's basic kinds follow model_basic");

/*
 * A single number, bool or handle result is returned by the export itself,
 * widened to a type with room for a sentinel (convtab.h: conv_ret), so the
 * common call is one crossing with no out-pointer, for every backend.
 */
static const conv_ret ret_signed = {"long long", "C.longlong", "-0x7ffffffffffffef9", "GOPY_FAIL_SIGNED",
				    "LL"};
static const conv_ret ret_unsigned = {"unsigned long long", "C.ulonglong", "0xfffffffffffffef9",
				      "GOPY_FAIL_UNSIGNED", "ULL"};
static const conv_ret ret_float32 = {"double", "C.double", "1e300", "GOPY_FAIL_FLOAT32", ""};
static const conv_ret ret_float64 = {"double", "C.double", "-7.2911220195563975e-304", "GOPY_FAIL_FLOAT64",
				     ""};

const conv_ret *const *convtab_rets(int *n)
{
	static const conv_ret *const rets[] = {&ret_signed, &ret_unsigned, &ret_float32, &ret_float64};

	*n = (int)(sizeof rets / sizeof *rets);
	return rets;
}

/* Numbers and bool cross by value; the Go glue needs no conversion. */
#define SCALAR(k, gokind, py, ctype, format, ret_, goret) \
	[k] = {.kind = k, .pytype = py, .pytype_in = py, .py_base = py, .buf_format = format, \
	       .hashable = true, .c_type = ctype, .c_out_type = ctype, .ret = ret_, \
	       .go = {.param = gokind, .in = "%s", .out_type = gokind, .out = "%s", \
		      .slice_in = "gopySlice(%s, %s)", .ret = goret}}
#define SIGNED(k, gokind, ctype, format) SCALAR(k, gokind, "int", ctype, format, &ret_signed, "C.longlong(%s)")
#define UNSIGNED(k, gokind, ctype, format) \
	SCALAR(k, gokind, "int", ctype, format, &ret_unsigned, "C.ulonglong(%s)")
#define FLOAT(k, gokind, ctype, format, ret_) SCALAR(k, gokind, "float", ctype, format, ret_, "C.double(%s)")
#define COMPLEX(k, gokind, ctype, format) SCALAR(k, gokind, "complex", ctype, format, NULL, NULL)

static const conv basic_convs[CK_COMPLEX128 + 1] = {
	/* bool cannot be subclassed: a named bool's class is an int. */
	[CK_BOOL] = {.kind = CK_BOOL, .pytype = "bool", .pytype_in = "bool", .py_base = "int",
		     .buf_format = "?", .hashable = true, .c_type = "GoUint8", .c_out_type = "GoUint8",
		     .ret = &ret_signed,
		     .go = {.param = "bool", .in = "%s", .out_type = "bool", .out = "%s",
			    .slice_in = "gopySlice(%s, %s)", .ret = "gopyRetBool(%s)"}},
	/* Go copies strings it receives (C memory must not be retained) and
	 * returns them in malloc'd memory the C side frees. */
	[CK_STRING] = {.kind = CK_STRING, .pytype = "str", .pytype_in = "str", .py_base = "str",
		       .hashable = true, .c_type = "GoString", .c_out_type = "gopy_str",
		       .go = {.param = "string", .in = "gopyString(%s)", .out_type = "C.gopy_str",
			      .out = "gopyCStr(%s)", .slice_in = "gopyStrings(%s, %s)"}},
	SIGNED(CK_INT, "int", "GoInt", "n"),
	SIGNED(CK_INT8, "int8", "GoInt8", "b"),
	SIGNED(CK_INT16, "int16", "GoInt16", "h"),
	SIGNED(CK_INT32, "int32", "GoInt32", "i"),
	SIGNED(CK_INT64, "int64", "GoInt64", "q"),
	UNSIGNED(CK_UINT, "uint", "GoUint", "N"),
	SIGNED(CK_UINT8, "uint8", "GoUint8", "B"),
	SIGNED(CK_UINT16, "uint16", "GoUint16", "H"),
	SIGNED(CK_UINT32, "uint32", "GoUint32", "I"),
	UNSIGNED(CK_UINT64, "uint64", "GoUint64", "Q"),
	UNSIGNED(CK_UINTPTR, "uintptr", "GoUintptr", "N"),
	FLOAT(CK_FLOAT32, "float32", "GoFloat32", "f", &ret_float32),
	FLOAT(CK_FLOAT64, "float64", "GoFloat64", "d", &ret_float64),
	COMPLEX(CK_COMPLEX64, "complex64", "GoComplex64", "Zf"),
	COMPLEX(CK_COMPLEX128, "complex128", "GoComplex128", "Zd"),
};

/*
 * []byte crosses as bytes: any contiguous buffer in (Go copies its bytes),
 * a bytes object out (a copy made in C memory by Go).
 */
static const conv bytes_conv = {
	.kind = CK_BYTES, .pytype = "bytes", .pytype_in = "bytes | bytearray | memoryview | None",
	.c_type = "gopy_seq", .c_out_type = "gopy_str",
	.go = {.param = "C.gopy_seq", .in = "gopyBytes(%s)", .out_type = "C.gopy_str",
	       .out = "gopyCBytes(%s)", .slice_in = "gopyEach(%s, %s, gopyBytes)",
	       .lend_in = "gopyLend(%s, gopyBytes)"},
};

static const char *const kind_names[CK_COUNT] = {
	[CK_BOOL] = "bool", [CK_STRING] = "string", [CK_INT] = "int", [CK_INT8] = "int8",
	[CK_INT16] = "int16", [CK_INT32] = "int32", [CK_INT64] = "int64", [CK_UINT] = "uint",
	[CK_UINT8] = "uint8", [CK_UINT16] = "uint16", [CK_UINT32] = "uint32", [CK_UINT64] = "uint64",
	[CK_UINTPTR] = "uintptr", [CK_FLOAT32] = "float32", [CK_FLOAT64] = "float64",
	[CK_COMPLEX64] = "complex64", [CK_COMPLEX128] = "complex128", [CK_BYTES] = "[]byte",
	[CK_STRUCT] = "struct", [CK_POINTER] = "pointer", [CK_NAMED] = "named", [CK_SLICE] = "slice",
	[CK_ARRAY] = "array", [CK_MAP] = "map", [CK_IFACE] = "interface", [CK_VALPTR] = "pointer",
	[CK_TIME] = "time.Time",
	[CK_TIME_PTR] = "*time.Time", [CK_DURATION] = "time.Duration", [CK_BIGINT] = "big.Int",
	[CK_BIGINT_PTR] = "*big.Int", [CK_RAT] = "big.Rat", [CK_RAT_PTR] = "*big.Rat",
	[CK_IO] = "interface",
	[CK_CONTEXT] = "context.Context",
};

const char *conv_kind_name(conv_kind k)
{
	if ((unsigned)k >= CK_COUNT)
		BUG("bad conversion kind %d", (int)k);
	return kind_names[k];
}

conv_kind conv_basic_kind(const conv *cv)
{
	if (cv->kind == CK_NAMED)
		cv = cv->under;
	return cv->kind <= CK_COMPLEX128 ? cv->kind : CK_COUNT;
}

bool conv_is_struct(const conv *cv)
{
	return cv->kind == CK_STRUCT || cv->kind == CK_POINTER;
}

bool conv_is_view(const conv *cv)
{
	return cv->kind == CK_SLICE || cv->kind == CK_ARRAY || cv->kind == CK_MAP;
}

bool conv_is_iface(const conv *cv)
{
	return cv->kind == CK_IFACE || cv->kind == CK_IO || cv->kind == CK_CONTEXT;
}

bool conv_is_val(const conv *cv)
{
	return conv_is_iface(cv) || cv->kind == CK_VALPTR;
}

static const const_conv const_convs[] = {
	[C_BOOL] = {"bool", "GOPY_CONST_BOOL"},
	[C_STRING] = {"str", "GOPY_CONST_STRING"},
	[C_INT] = {"int", "GOPY_CONST_INT"},
	[C_FLOAT] = {"float", "GOPY_CONST_FLOAT"},
	[C_COMPLEX] = {"complex", "GOPY_CONST_COMPLEX"},
};

const const_conv *convtab_const(model_constkind k)
{
	if ((unsigned)k > C_COMPLEX)
		BUG("bad constant kind %d", (int)k);
	return &const_convs[k];
}

const conv *convtab_basic(model_basic b)
{
	return (unsigned)b <= B_COMPLEX128 ? &basic_convs[b] : NULL;
}

static const char *fmt(const plan *p, const char *f, ...) GOPY_PRINTF(2, 3);
static const char *fmt(const plan *p, const char *f, ...)
{
	va_list ap;
	sb b = SB_INIT;

	va_start(ap, f);
	sb_vprintf(&b, f, ap);
	va_end(ap);
	const char *s = arena_strdup(&p->m->arena, sb_str(&b));
	sb_free(&b);
	return s;
}

const char *conv_wrap(const plan *p, const char *tmpl, const char *inner)
{
	const char *s = strstr(tmpl, "%s");

	if (!s)
		BUG("template %s has no %%s", tmpl);
	return fmt(p, "%.*s%s%s", (int)(s - tmpl), tmpl, inner, s + 2);
}

/* The Go spelling of cv's type, with the glue's import aliases. */
static const char *go_spelling(const plan *p, const conv *cv)
{
	if (cv->kind == CK_VALPTR) /* the value's type */
		return go_spelling(p, cv->under);
	if (cv->view)
		return model_type_at(p->m, cv->view->type)->spell;
	if (cv->iface)
		return model_type_at(p->m, cv->iface->type)->spell;
	if (cv->cls)
		return cv->cls->named->spell;
	return conv_kind_name(cv->kind);
}

const char *conv_expand(const plan *p, const char *tmpl, const conv *cv)
{
	sb b = SB_INIT;

	if (!tmpl || !strchr(tmpl, '{'))
		return tmpl;
	for (const char *s = tmpl; *s; s++) {
		if (!strncmp(s, "{name}", 6) && (cv->view || cv->cls || cv->iface)) {
			sb_add(&b, cv->view ? cv->view->name : cv->iface ? cv->iface->name : cv->cls->pyname);
			s += 5;
		} else if (!strncmp(s, "{basic}", 7) && cv->under) {
			sb_add(&b, conv_kind_name(conv_basic_kind(cv->under)));
			s += 6;
		} else if (!strncmp(s, "{cls}", 5)) {
			sb_printf(&b, "%d", cv->cls ? cv->cls->index : -1);
			s += 4;
		} else if (!strncmp(s, "{T}", 3)) {
			sb_add(&b, go_spelling(p, cv));
			s += 2;
		} else {
			sb_addc(&b, *s);
		}
	}
	const char *r = arena_strdup(&p->m->arena, sb_str(&b));
	sb_free(&b);
	return r;
}

/*
 * A struct class's values cross as handles: Go copies the value out of the
 * handle's *T for a T parameter, and a T result is copied to the heap and
 * registered. Reading a struct-typed field registers its address instead,
 * which makes the result a view into the parent (glue.ref_out).
 */
static const conv handle_convs[] = {
	{.kind = CK_STRUCT, .c_type = "GoInt64", .c_out_type = "GoInt64", .ret = &ret_signed,
	 .go = {.param = "int64", .in = "gopyValue[{T}](%s)", .out_type = "int64", .out = "gopyNewValue(%s)",
		.ref_out = "gopyNewHandle(&%s)", .slice_in = "gopyValues[{T}](%s, %s)",
		.recv = "gopyObj[{T}](%s)", .ret = "C.longlong(%s)"}},
	{.kind = CK_POINTER, .c_type = "GoInt64", .c_out_type = "GoInt64", .ret = &ret_signed,
	 .go = {.param = "int64", .in = "gopyPtr[{T}](%s)", .out_type = "int64", .out = "gopyPtrHandle(%s)",
		.slice_in = "gopyPtrs[{T}](%s, %s)", .ret = "C.longlong(%s)"}},
	/* A container's argument is a gopy_seq (a view passed back, or the
	 * elements converted by the backend) that the glue's gopyIn_NAME turns
	 * into the Go value; a result is a handle to a copy of the header
	 * (sharing the elements); a field, variable or element is a handle to
	 * its address, so the view aliases it. */
	{.kind = CK_SLICE, .c_type = "gopy_seq", .c_out_type = "GoInt64", .ret = &ret_signed,
	 .go = {.param = "C.gopy_seq", .in = "gopyIn_{name}(%s)", .out_type = "int64",
		.out = "gopyNewValue(%s)", .ref_out = "gopyNewHandle(&%s)",
		.slice_in = "gopyEach(%s, %s, gopyIn_{name})", .ret = "C.longlong(%s)"}},
	/* An interface value is a gopy_val record each way (gopy_dyn.go);
	 * {cls} is the interface's class, which wraps a value of a type
	 * Python has no class for (-1: the opaque GoValue). An interface
	 * class's receiver is the record of an instance, passed by its
	 * address (a *C.gopy_val): a copy of the record through each
	 * layer of cgo costs more than the call. */
	{.kind = CK_IFACE, .c_type = "gopy_val", .c_out_type = "gopy_val",
	 .go = {.param = "C.gopy_val", .in = "gopyIface_{name}(&%s)", .out_type = "C.gopy_val",
		.out = "gopyValOut(%s, {cls})", .slice_in = "gopyEachVal(%s, %s, gopyIface_{name})",
		.recv = "gopyRecv[{T}](%s)"}},
	/* A pointer to a basic value is a gopy_val record each way: nil, the
	 * value (Go gets a pointer to a copy), or a Ref's handle (Go gets a
	 * pointer into the Ref: gopy_dyn.go, gopyPtrIn). */
	{.kind = CK_VALPTR, .c_type = "gopy_val", .c_out_type = "gopy_val",
	 .go = {.param = "C.gopy_val", .in = "gopyPtrIn[{T}](&%s)", .out_type = "C.gopy_val",
		.out = "gopyPtrOut(%s)", .slice_in = "gopyEachVal(%s, %s, gopyPtrIn[{T}])"}},
};

/* Copies the template entry t into the arena, its templates expanded for
 * cv's class or view. */
static conv *instantiate(const plan *p, const conv *t, conv *cv)
{
	cv->c_type = t->c_type;
	cv->c_out_type = t->c_out_type;
	cv->ret = t->ret;
	cv->go.param = t->go.param;
	cv->go.out_type = t->go.out_type;
	cv->go.in = conv_expand(p, t->go.in, cv);
	cv->go.out = conv_expand(p, t->go.out, cv);
	cv->go.ref_out = conv_expand(p, t->go.ref_out, cv);
	cv->go.slice_in = conv_expand(p, t->go.slice_in, cv);
	cv->go.recv = conv_expand(p, t->go.recv, cv);
	cv->go.ret = t->go.ret;
	return cv;
}

static conv *struct_conv(const plan *p, const plan_class *c, bool pointer)
{
	conv *cv = arena_alloc(&p->m->arena, sizeof *cv);

	cv->kind = pointer ? CK_POINTER : CK_STRUCT;
	cv->cls = c;
	cv->pytype = pointer ? fmt(p, "%s | None", plan_class_pyref(p, c)) : plan_class_pyref(p, c);
	cv->pytype_in = cv->pytype;
	return instantiate(p, &handle_convs[pointer], cv);
}

/*
 * A named basic type crosses as its underlying kind, converted to and from
 * the named type in Go; results become instances of the class.
 */
static conv *named_conv(const plan *p, const plan_class *c)
{
	const conv *b = c->underlying;
	conv *cv = arena_alloc(&p->m->arena, sizeof *cv);

	*cv = *b;
	cv->kind = CK_NAMED;
	cv->under = b;
	cv->cls = c;
	cv->pytype = plan_class_pyref(p, c); /* pytype_in stays the builtin: plain values are accepted */
	cv->go.in = fmt(p, "%s(%s)", c->named->spell, b->go.in);
	cv->go.out = conv_wrap(p, b->go.out, fmt(p, "%s(%%s)", conv_kind_name(b->kind)));
	/* A []T of the named type is not a []underlying: the copy is made
	 * as T, whose bytes are the underlying kind's. */
	cv->go.slice_in = fmt(p, "%.*s(*%s)(unsafe.Pointer(%%s)), %%s)",
			      (int)(strchr(b->go.slice_in, '(') - b->go.slice_in + 1), b->go.slice_in,
			      c->named->spell);
	cv->go.recv = cv->go.in;
	return cv;
}

/* The element's stub type inside a container's: "float", "Point". */
static const char *elem_pytype(const conv *e, bool in)
{
	return in ? e->pytype_in : e->pytype;
}

void convtab_add_view(plan *p, plan_view *v)
{
	conv *cv = arena_alloc(&p->m->arena, sizeof *cv);
	const conv *e = v->ecv, *k = v->kcv;
	static const conv_kind kinds[] = {[TK_SLICE] = CK_SLICE, [TK_ARRAY] = CK_ARRAY, [TK_MAP] = CK_MAP};

	if (v->u->kind != TK_SLICE && v->u->kind != TK_ARRAY && v->u->kind != TK_MAP)
		BUG("view of a type of kind %d", (int)v->u->kind);
	cv->kind = kinds[v->u->kind];
	cv->view = v;
	cv->cls = v->cls;
	if (v->cls) {
		cv->pytype = plan_class_pyref(p, v->cls);
		cv->pytype_in = k ? fmt(p, "%s | Mapping[%s, %s]", cv->pytype, k->pytype_in, e->pytype_in)
				  : fmt(p, "%s | Iterable[%s]", cv->pytype, e->pytype_in);
	} else if (k) {
		cv->pytype = fmt(p, "MutableMapping[%s, %s]", elem_pytype(k, false), elem_pytype(e, false));
		cv->pytype_in = fmt(p, "Mapping[%s, %s]", elem_pytype(k, true), elem_pytype(e, true));
	} else {
		cv->pytype = fmt(p, "Sequence[%s]", elem_pytype(e, false));
		cv->pytype_in = fmt(p, "Iterable[%s]", elem_pytype(e, true));
	}
	/* None is a nil slice or map; an array cannot be nil. */
	if (cv->kind != CK_ARRAY)
		cv->pytype_in = fmt(p, "%s | None", cv->pytype_in);
	instantiate(p, &handle_convs[2], cv);
	if (v->cls)
		cv->go.recv = conv_expand(p, "gopyView[{T}](int64(%s.handle))", cv);
	if (v->flat && cv->kind == CK_SLICE)
		cv->go.lend_in = conv_expand(p, "gopyLend(%s, gopyIn_{name})", cv);
	v->cv = cv;
	p->convs[2 * v->type] = cv;
}

/* The Python type a callback may return where Go wants cv: a container is
 * converted from a list, tuple or dict (or a view) without iterating, so
 * not from any iterable as an argument is. */
static const char *result_pytype(const plan *p, const conv *cv)
{
	const plan_view *v = cv->view;
	const char *t;

	if (!conv_is_view(cv))
		return cv->pytype_in;
	if (v->kcv)
		t = fmt(p, "Mapping[%s, %s]", elem_pytype(v->kcv, true), elem_pytype(v->ecv, true));
	else
		t = fmt(p, "Sequence[%s]", elem_pytype(v->ecv, true));
	if (v->cls)
		t = fmt(p, "%s | %s", plan_class_pyref(p, v->cls), t);
	return cv->kind == CK_ARRAY ? t : fmt(p, "%s | None", t);
}

/* "Callable[[int, str], bool] | None": a func type as Python sees it,
 * called with its parameters' Python values (a variadic one: any number)
 * and returning its results (a trailing error raised instead). */
static const char *func_pytype(const plan *p, const model_type *sig)
{
	const model *m = p->m;
	int nres = sig->nresults;
	sb b = SB_INIT;

	if (nres && model_is_error(model_type_at(m, sig->results[nres - 1].type)))
		nres--;
	sb_add(&b, "Callable[");
	if (sig->variadic) {
		sb_add(&b, "...");
	} else {
		sb_addc(&b, '[');
		for (int i = 0; i < sig->nparams; i++)
			sb_printf(&b, "%s%s", i ? ", " : "", convtab_for(p, sig->params[i].type)->pytype);
		sb_addc(&b, ']');
	}
	sb_add(&b, ", ");
	if (nres == 0)
		sb_add(&b, "None");
	else if (nres == 1)
		sb_add(&b, result_pytype(p, convtab_for(p, sig->results[0].type)));
	for (int i = 0; nres > 1 && i < nres; i++)
		sb_printf(&b, "%s%s", i ? ", " : "tuple[", result_pytype(p, convtab_for(p, sig->results[i].type)));
	sb_add(&b, nres > 1 ? "]] | None" : "] | None");
	const char *s = fmt(p, "%s", sb_str(&b));
	sb_free(&b);
	return s;
}

/*
 * io's streams: a Go value comes to Python as a binary file object of the
 * module (an IO record: gopyIOOut), and Python gives Go a file object, a
 * bytes-like object for a reader, or such a Go value back. The stub names
 * the io classes, which typeshed's files and io.BytesIO derive from.
 */
static void io_conv(const plan *p, const plan_iface *i, conv *cv)
{
	const char *files = "_io.RawIOBase | _io.BufferedIOBase | _typing.BinaryIO";

	cv->kind = CK_IO;
	cv->pytype = "_io.RawIOBase | None";
	if (i->io & IO_WRITE)
		cv->pytype_in = fmt(p, "%s | None", files);
	else
		cv->pytype_in = fmt(p, "%s | bytes | bytearray | memoryview | None", files);
	cv->go.out = fmt(p, "gopyIOOut(%%s, %d)", i->io);
}

/*
 * Stub types: an interface of the package is its class (its values may
 * also be instances of the bound types that implement it, registered as
 * virtual subclasses); Python's value of an error is a GoError. Parameters
 * accept any object Go can hold.
 */
void convtab_add_iface(plan *p, plan_iface *i)
{
	conv *cv = arena_alloc(&p->m->arena, sizeof *cv);

	cv->kind = CK_IFACE;
	cv->iface = i;
	cv->cls = i->cls;
	if (i->cls)
		cv->pytype = fmt(p, "%s | None", plan_class_pyref(p, i->cls));
	else if (i->is_error)
		cv->pytype = "GoError | None";
	else
		cv->pytype = "Any";
	cv->pytype_in = i->is_error ? "BaseException | None" : i->cls ? cv->pytype : "object";
	if (i->func)
		cv->pytype = cv->pytype_in = func_pytype(p, i->func);
	instantiate(p, &handle_convs[3], cv);
	if (i->io)
		io_conv(p, i, cv);
	i->cv = cv;
	p->convs[2 * i->type] = cv;
}

bool convtab_is_context(const model_type *t)
{
	return t->kind == TK_NAMED && t->pkgpath && t->name && !strcmp(t->pkgpath, "context") &&
	       !strcmp(t->name, "Context");
}

/*
 * A context is an interface value like any other (a GoValue to Python; None
 * is nil in a field, variable or container), except that a parameter's
 * None is context.Background() (emit_go.c: gopyCtx), and the call that
 * takes one binds it itself.
 */
void convtab_context(plan *p, int type)
{
	const conv *iface = p->convs[2 * type];
	conv *cv = arena_alloc(&p->m->arena, sizeof *cv);

	*cv = *iface;
	cv->kind = CK_CONTEXT;
	cv->pytype = "GoValue | None";
	cv->pytype_in = "GoValue | None";
	p->convs[2 * type] = cv;
	((plan_iface *)iface->iface)->cv = cv;
}

/* Where convtab_for looks for the conversion of pointer type t (id type):
 * beside a named type's own conversion, else under the pointer's id. */
static void set_pointer_conv(plan *p, const model_type *t, int type, const conv *cv)
{
	if (model_type_at(p->m, t->elem)->kind == TK_NAMED)
		p->convs[2 * t->elem + 1] = cv;
	else
		p->convs[2 * type] = cv;
}

const conv *convtab_add_valptr(plan *p, int type, const conv *value)
{
	const model_type *t = model_type_at(p->m, type);
	conv *cv = arena_alloc(&p->m->arena, sizeof *cv);

	cv->kind = CK_VALPTR;
	cv->under = value;
	cv->pytype = fmt(p, "%s | None", value->pytype);
	cv->pytype_in = fmt(p, "%s | Ref | None", value->pytype_in);
	instantiate(p, &handle_convs[4], cv);
	set_pointer_conv(p, t, type, cv);
	return cv;
}

const conv *convtab_add_view_ptr(plan *p, int type, const plan_view *v)
{
	conv *cv = arena_alloc(&p->m->arena, sizeof *cv);

	*cv = *v->cv;
	cv->pytype = fmt(p, "%s | None", v->cv->pytype);
	if (cv->kind == CK_ARRAY) /* nil, unlike an array */
		cv->pytype_in = fmt(p, "%s | None", v->cv->pytype_in);
	cv->ret = NULL;
	cv->go.in = conv_expand(p, "gopyInPtr_{name}(%s)", cv);
	cv->go.out = cv->go.ref_out = "gopyPtrHandle(%s)";
	cv->go.slice_in = conv_expand(p, "gopyEach(%s, %s, gopyInPtr_{name})", cv);
	cv->go.recv = cv->go.lend_in = NULL;
	set_pointer_conv(p, model_type_at(p->m, type), type, cv);
	return cv;
}

void convtab_add_class(plan *p, const plan_class *c)
{
	int id = c->named->id;

	if (c->kind == CLASS_IFACE)
		return; /* support registered its interface (convtab_add_iface) */
	if (c->kind == CLASS_STRUCT) {
		p->convs[2 * id] = struct_conv(p, c, false);
		p->convs[2 * id + 1] = struct_conv(p, c, true);
	} else {
		p->convs[2 * id] = named_conv(p, c);
	}
}

const conv *convtab_for(const plan *p, int type)
{
	const model_type *t = model_type_at(p->m, type);

	switch (t->kind) {
	case TK_BASIC:
		return convtab_basic(t->basic);
	case TK_NAMED:
		return p->convs[2 * type];
	case TK_SLICE:
		if (model_type_at(p->m, t->elem)->kind == TK_BASIC &&
		    model_type_at(p->m, t->elem)->basic == B_UINT8)
			return &bytes_conv; /* []byte and []uint8: one Go type */
		return p->convs[2 * type];
	case TK_ARRAY:
	case TK_MAP:
	case TK_INTERFACE:
	case TK_SIGNATURE:
		return p->convs[2 * type];
	case TK_POINTER:
		if (model_type_at(p->m, t->elem)->kind == TK_NAMED)
			return p->convs[2 * t->elem + 1];
		return p->convs[2 * type]; /* *int: convtab_add_valptr */
	default:
		return NULL;
	}
}

/*
 * Go's everyday types of other packages cross as Python's own values, not
 * as classes: the kinds of their time, big and rat records (gopy_abi.h)
 * cross as []byte does, a gopy_seq in and a malloc'd gopy_str out, and a
 * Duration as its int64 nanoseconds. The conversions are Go functions of
 * the runtime (gopy_std.go), so the glue never spells the packages.
 */
#define RECORD(k, py, py_in, hash, go_in, go_out) \
	[k] = {.kind = k, .pytype = py, .pytype_in = py_in, .hashable = hash, .c_type = "gopy_seq", \
	       .c_out_type = "gopy_str", \
	       .go = {.param = "C.gopy_seq", .in = go_in "(%s)", .out_type = "C.gopy_str", .out = go_out "(%s)", \
		      .slice_in = "gopyEach(%s, %s, " go_in ")"}}

static const conv std_convs[CK_COUNT] = {
	RECORD(CK_TIME, "_datetime.datetime", "_datetime.datetime", true, "gopyTimeIn", "gopyTimeOut"),
	RECORD(CK_TIME_PTR, "_datetime.datetime | None", "_datetime.datetime | None", false, "gopyTimePtrIn",
	       "gopyTimePtrOut"),
	[CK_DURATION] = {.kind = CK_DURATION, .pytype = "_datetime.timedelta",
			 .pytype_in = "_datetime.timedelta | int | float", .hashable = true,
			 .c_type = "GoInt64", .c_out_type = "GoInt64", .ret = &ret_signed,
			 .go = {.param = "int64", .in = "gopyDuration(%s)", .out_type = "int64", .out = "int64(%s)",
				.slice_in = "gopyEach(%s, %s, gopyDuration)", .ret = "C.longlong(%s)"}},
	RECORD(CK_BIGINT, "int", "int", false, "gopyBigIn", "gopyBigOut"),
	RECORD(CK_BIGINT_PTR, "int | None", "int | None", false, "gopyBigPtrIn", "gopyBigPtrOut"),
	RECORD(CK_RAT, "_fractions.Fraction", "_fractions.Fraction | int", false, "gopyRatIn", "gopyRatOut"),
	RECORD(CK_RAT_PTR, "_fractions.Fraction | None", "_fractions.Fraction | int | None", false,
	       "gopyRatPtrIn", "gopyRatPtrOut"),
};

/* Which package path and name each value kind is; a pointer kind follows
 * its value kind. */
static const struct std_type {
	const char *pkgpath, *name;
	conv_kind kind, ptr_kind; /* ptr_kind CK_COUNT: the pointer is not supported */
} std_types[] = {
	{"time", "Time", CK_TIME, CK_TIME_PTR},
	{"time", "Duration", CK_DURATION, CK_COUNT},
	{"math/big", "Int", CK_BIGINT, CK_BIGINT_PTR},
	{"math/big", "Rat", CK_RAT, CK_RAT_PTR},
};

const conv *convtab_std(plan *p, int type, bool pointer)
{
	const model_type *t = model_type_at(p->m, type);

	if (t->kind != TK_NAMED || !t->pkgpath || !t->name)
		return NULL;
	for (size_t i = 0; i < sizeof std_types / sizeof *std_types; i++) {
		const struct std_type *s = &std_types[i];
		conv_kind k = pointer ? s->ptr_kind : s->kind;

		if (strcmp(t->pkgpath, s->pkgpath) != 0 || strcmp(t->name, s->name) != 0)
			continue;
		if (k == CK_COUNT)
			return NULL;
		p->convs[2 * type + pointer] = &std_convs[k];
		return &std_convs[k];
	}
	return NULL;
}

int convtab_io(const plan *p, int type)
{
	static const struct {
		const char *name;
		int mask;
	} streams[] = {
		{"Reader", IO_READ},
		{"Writer", IO_WRITE},
		{"ReadCloser", IO_READ | IO_CLOSE},
		{"WriteCloser", IO_WRITE | IO_CLOSE},
		{"ReadWriter", IO_READ | IO_WRITE},
		{"ReadWriteCloser", IO_READ | IO_WRITE | IO_CLOSE},
	};
	const model_type *t = model_type_at(p->m, type);

	/* Binding io itself keeps its classes, as for time and math/big. */
	if (t->kind != TK_NAMED || !t->pkgpath || !t->name || strcmp(t->pkgpath, "io") != 0 ||
	    !strcmp(p->m->path, "io"))
		return 0;
	for (size_t i = 0; i < sizeof streams / sizeof *streams; i++)
		if (!strcmp(t->name, streams[i].name))
			return streams[i].mask;
	return 0;
}

bool conv_is_std(const conv *cv)
{
	return cv->kind >= CK_TIME && cv->kind <= CK_RAT_PTR;
}

unsigned convtab_std_used(const plan *p)
{
	unsigned used = 0;

	for (int i = 0; i < 2 * p->m->ntypes; i++)
		if (p->convs[i] && conv_is_std(p->convs[i]))
			used |= p->convs[i]->kind >= CK_BIGINT ? STD_BIG : STD_TIME;
	return used;
}
