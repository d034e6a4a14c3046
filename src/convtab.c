/* convtab.c: see convtab.h. */
#include "convtab.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sb.h"
#include "support.h"
#include "util.h"

/* Numbers and bool cross by value; the Go glue needs no conversion. */
#define NUMBER(kind, py, ctype, base, format, cffi) \
	{kind, py, py, kind, "%s", kind, "%s", "gopySlice(%s, %s)", NULL, NULL, \
	 ctype, ctype, "gopy_to_" kind, "gopy_from_" kind, false, base, py, format, NULL, cffi}

/*
 * A single number or bool result is returned by the export itself, widened
 * to a type with room for a sentinel that stands for "the call failed"
 * (convtab.h: ret_ctype), so the common call is one crossing with no
 * out-pointer, for the C-API and cffi modules alike.
 */
#define SIGNED_SENTINEL "-0x7ffffffffffffef9"
#define RET_SIGNED(to_ret) .ret_ctype = "long long", .ret_gotype = "C.longlong", .go_ret = to_ret, \
	.ret_sentinel = SIGNED_SENTINEL
#define RET_DOUBLE(sentinel) .ret_ctype = "double", .ret_gotype = "C.double", .go_ret = "C.double(%s)", \
	.ret_sentinel = sentinel
#define CF_INT(kind) RET_SIGNED("C.longlong(%s)"), .cf_shape = CF_SCALAR, \
	.py_exact = "_type(%s) is _int", .py_to = "_rt.to_" kind
#define CF_UINT(kind) .ret_ctype = "unsigned long long", .ret_gotype = "C.ulonglong", \
	.go_ret = "C.ulonglong(%s)", .ret_sentinel = "0xfffffffffffffef9", .cf_shape = CF_SCALAR, \
	.py_exact = "_type(%s) is _int", .py_to = "_rt.to_" kind
#define CF_FLOAT(kind, sentinel, exact) RET_DOUBLE(sentinel), .cf_shape = CF_SCALAR, \
	.py_exact = exact, .py_to = "_rt.to_" kind
#define CF_COMPLEX(kind, part, exact) .cf_shape = CF_COMPLEX, .cf_part = part, .py_exact = exact, \
	.py_to = "_rt.to_" kind, .py_from = "_rt.from_complex(%s)"

static const conv basic_convs[B_COUNT] = {
	[B_BOOL] = {"bool", "bool", "bool", "bool", "%s", "bool", "%s", "gopySlice(%s, %s)", NULL, NULL,
		    "GoUint8", "GoUint8", "gopy_to_bool", "gopy_from_bool", false,
		    "PyLong_Type", "int" /* bool cannot be subclassed */, "?", NULL,
		    RET_SIGNED("gopyRetBool(%s)"), .cf_shape = CF_SCALAR,
		    .py_exact = "_type(%s) is _bool", .py_to = "_rt.to_bool", .py_from = "_bool(%s)"},
	/* Go copies strings it receives (C memory must not be retained) and
	 * returns them in malloc'd memory the C side frees. */
	[B_STRING] = {"string", "str", "str", "string", "gopyString(%s)", "C.gopy_str", "gopyCStr(%s)",
		      "gopyStrings(%s, %s)", NULL, NULL,
		      "GoString", "gopy_str", "gopy_to_string", "gopy_from_str", false, "PyUnicode_Type", "str",
		      NULL, NULL, .cf_shape = CF_STRING, .py_to = "_rt.to_string", .py_from = "_rt.from_str(%s)"},
	[B_INT] = NUMBER("int", "int", "GoInt", "PyLong_Type", "n", CF_INT("int")),
	[B_INT8] = NUMBER("int8", "int", "GoInt8", "PyLong_Type", "b", CF_INT("int8")),
	[B_INT16] = NUMBER("int16", "int", "GoInt16", "PyLong_Type", "h", CF_INT("int16")),
	[B_INT32] = NUMBER("int32", "int", "GoInt32", "PyLong_Type", "i", CF_INT("int32")),
	[B_INT64] = NUMBER("int64", "int", "GoInt64", "PyLong_Type", "q", CF_INT("int64")),
	[B_UINT] = NUMBER("uint", "int", "GoUint", "PyLong_Type", "N", CF_UINT("uint")),
	[B_UINT8] = NUMBER("uint8", "int", "GoUint8", "PyLong_Type", "B", CF_INT("uint8")),
	[B_UINT16] = NUMBER("uint16", "int", "GoUint16", "PyLong_Type", "H", CF_INT("uint16")),
	[B_UINT32] = NUMBER("uint32", "int", "GoUint32", "PyLong_Type", "I", CF_INT("uint32")),
	[B_UINT64] = NUMBER("uint64", "int", "GoUint64", "PyLong_Type", "Q", CF_UINT("uint64")),
	[B_UINTPTR] = NUMBER("uintptr", "int", "GoUintptr", "PyLong_Type", "N", CF_UINT("uintptr")),
	[B_FLOAT32] = NUMBER("float32", "float", "GoFloat32", "PyFloat_Type", "f", CF_FLOAT("float32", "1e300", NULL /* narrowed */)),
	[B_FLOAT64] = NUMBER("float64", "float", "GoFloat64", "PyFloat_Type", "d", CF_FLOAT("float64", "-7.2911220195563975e-304", "_type(%s) is _float")),
	[B_COMPLEX64] = NUMBER("complex64", "complex", "GoComplex64", "PyComplex_Type", "Zf", CF_COMPLEX("complex64", "GoFloat32", NULL)),
	[B_COMPLEX128] = NUMBER("complex128", "complex", "GoComplex128", "PyComplex_Type", "Zd", CF_COMPLEX("complex128", "GoFloat64", "_type(%s) is _complex")),
};

/*
 * []byte crosses as bytes: any contiguous buffer in (Go copies its bytes),
 * a bytes object out (a copy made in C memory by Go).
 */
static const conv bytes_conv = {
	"[]byte", "bytes", "bytes | bytearray | memoryview | None", "C.gopy_seq", "gopyBytes(%s)",
	"C.gopy_str", "gopyCBytes(%s)", "gopyEach(%s, %s, gopyBytes)", NULL, NULL,
	"gopy_seq", "gopy_str", "gopy_to_bytes", "gopy_from_bytes", false, NULL, NULL, NULL,
	"gopyLend(%s, gopyBytes)",
	.cf_shape = CF_SEQ, .py_to = "_rt.to_bytes", .py_from = "_rt.from_bytes(%s)",
};

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

const char *convtab_cffi_type(const conv *cv, bool out)
{
	if (cv->cf_shape == CF_COMPLEX)
		return !strcmp(cv->gokind, "complex64") ? "gopyc_complex64" : "gopyc_complex128";
	return out ? cv->c_out_type : cv->c_type;
}

const conv *convtab_basic(model_basic b)
{
	return (unsigned)b < B_COUNT && basic_convs[b].gokind ? &basic_convs[b] : NULL;
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

/* Replaces the one %s of tmpl with inner (itself a template or expression). */
static const char *wrap(const plan *p, const char *tmpl, const char *inner)
{
	const char *s = strstr(tmpl, "%s");

	if (!s)
		BUG("template %s has no %%s", tmpl);
	return fmt(p, "%.*s%s%s", (int)(s - tmpl), tmpl, inner, s + 2);
}

/* A handle result (an int64) is returned directly. */
static void set_ret_handle(conv *cv)
{
	static const conv handle = {RET_SIGNED("C.longlong(%s)")};

	cv->ret_ctype = handle.ret_ctype;
	cv->ret_gotype = handle.ret_gotype;
	cv->go_ret = handle.go_ret;
	cv->ret_sentinel = handle.ret_sentinel;
}

/*
 * A struct class's values cross as handles: Go copies the value out of the
 * handle's *T for a T parameter, and a T result is copied to the heap and
 * registered. Reading a struct-typed field registers its address instead,
 * which makes the result a view into the parent (go_ref_out).
 */
static conv *struct_conv(const plan *p, const plan_class *c, bool pointer)
{
	conv *cv = arena_alloc(&p->m->arena, sizeof *cv);
	const char *T = c->named->spell;

	cv->gokind = pointer ? "pointer" : "struct";
	cv->pytype = pointer ? fmt(p, "%s | None", c->pyname) : c->pyname;
	cv->pytype_in = cv->pytype;
	cv->go_param = "int64";
	cv->go_out_type = "int64";
	cv->go_in = pointer ? fmt(p, "gopyPtr[%s](%%s)", T) : fmt(p, "gopyValue[%s](%%s)", T);
	cv->go_out = pointer ? "gopyPtrHandle(%s)" : "gopyNewValue(%s)";
	cv->go_ref_out = pointer ? NULL : "gopyNewHandle(&%s)";
	cv->go_slice_in = pointer ? fmt(p, "gopyPtrs[%s](%%s, %%s)", T) : fmt(p, "gopyValues[%s](%%s, %%s)", T);
	cv->go_recv = pointer ? NULL : fmt(p, "gopyObj[%s](%%s)", T);
	cv->c_type = "GoInt64";
	cv->c_out_type = "GoInt64";
	cv->c_from_py = pointer ? fmt(p, "to_%s_ptr", c->pyname) : fmt(p, "to_%s", c->pyname);
	cv->c_to_py = fmt(p, "from_%s", c->pyname);
	cv->c_to_py_module = true;
	cv->cf_shape = CF_SCALAR;
	set_ret_handle(cv);
	cv->py_to = pointer ? fmt(p, "_to_%s_ptr", c->pyname) : fmt(p, "_to_%s", c->pyname);
	cv->py_from = fmt(p, "_from_%s(%%s)", c->pyname);
	return cv;
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
	cv->pytype = c->pyname; /* pytype_in stays the builtin: plain values are accepted */
	cv->go_in = fmt(p, "%s(%s)", c->named->spell, b->go_in);
	cv->go_out = wrap(p, b->go_out, fmt(p, "%s(%%s)", b->gokind));
	/* A []T of the named type is not a []underlying: the copy is made
	 * as T, whose bytes are the underlying kind's. */
	cv->go_slice_in = fmt(p, "%.*s(*%s)(unsafe.Pointer(%%s)), %%s)",
			      (int)(strchr(b->go_slice_in, '(') - b->go_slice_in + 1), b->go_slice_in,
			      c->named->spell);
	cv->go_recv = cv->go_in;
	if (!strcmp(b->gokind, "bool")) {
		cv->c_from_py = "gopy_to_named_bool"; /* the class is an int subclass */
		cv->py_to = "_rt.to_named_bool";
	}
	cv->c_to_py = fmt(p, "from_%s", c->pyname);
	cv->c_to_py_module = true;
	/* Go hands back the underlying value; the class wraps it. */
	cv->py_from = wrap(p, fmt(p, "_from_%s(%%s)", c->pyname), b->py_from ? b->py_from : "%s");
	return cv;
}

/* The element's stub type inside a container's: "float", "Point". */
static const char *elem_pytype(const conv *e, bool in)
{
	return in ? e->pytype_in : e->pytype;
}

/*
 * A container crosses as a view: a handle to Go's value. An argument is a
 * gopy_seq (a view passed back, or elements converted in C) that the
 * glue's gopyIn_NAME turns into the Go value; a result is a handle to a
 * copy of the header (sharing the elements); a field, variable or element
 * is a handle to its address, so the view aliases it.
 */
void convtab_add_view(plan *p, plan_view *v)
{
	conv *cv = arena_alloc(&p->m->arena, sizeof *cv);
	const conv *e = v->ecv, *k = v->kcv;
	const char *T = model_type_at(p->m, v->type)->spell;

	cv->gokind = v->u->kind == TK_MAP ? "map" : v->u->kind == TK_ARRAY ? "array" : "slice";
	if (v->cls) {
		cv->pytype = v->cls->pyname;
		cv->pytype_in = k ? fmt(p, "%s | Mapping[%s, %s]", v->cls->pyname, k->pytype_in, e->pytype_in)
				  : fmt(p, "%s | Iterable[%s]", v->cls->pyname, e->pytype_in);
	} else if (k) {
		cv->pytype = fmt(p, "MutableMapping[%s, %s]", elem_pytype(k, false), elem_pytype(e, false));
		cv->pytype_in = fmt(p, "Mapping[%s, %s]", elem_pytype(k, true), elem_pytype(e, true));
	} else {
		cv->pytype = fmt(p, "Sequence[%s]", elem_pytype(e, false));
		cv->pytype_in = fmt(p, "Iterable[%s]", elem_pytype(e, true));
	}
	/* None is a nil slice or map; an array cannot be nil. */
	if (v->u->kind != TK_ARRAY)
		cv->pytype_in = fmt(p, "%s | None", cv->pytype_in);
	cv->go_param = "C.gopy_seq";
	cv->go_in = fmt(p, "gopyIn_%s(%%s)", v->name);
	cv->go_out_type = "int64";
	cv->go_out = "gopyNewValue(%s)";
	cv->go_ref_out = "gopyNewHandle(&%s)";
	cv->go_slice_in = fmt(p, "gopyEach(%%s, %%s, gopyIn_%s)", v->name);
	cv->go_recv = v->cls ? fmt(p, "gopyView[%s](int64(%%s.handle))", T) : NULL;
	if (v->flat && v->u->kind == TK_SLICE)
		cv->go_lend_in = fmt(p, "gopyLend(%%s, gopyIn_%s)", v->name);
	cv->c_type = "gopy_seq";
	cv->c_out_type = "GoInt64";
	cv->c_from_py = fmt(p, "to_view_%s", v->name);
	cv->c_to_py = fmt(p, "from_view_%s", v->name);
	cv->c_to_py_module = true;
	cv->cf_shape = CF_SEQ;
	set_ret_handle(cv); /* a result is a handle */
	cv->py_to = fmt(p, "_to_view_%s", v->name);
	cv->py_from = fmt(p, "_from_view_%s(%%s)", v->name);
	v->cv = cv;
	p->convs[2 * v->type] = cv;
}

void convtab_add_class(plan *p, const plan_class *c)
{
	int id = c->named->id;

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
		return p->convs[2 * type];
	case TK_POINTER:
		if (model_type_at(p->m, t->elem)->kind == TK_NAMED)
			return p->convs[2 * t->elem + 1];
		return NULL;
	default:
		return NULL;
	}
}
