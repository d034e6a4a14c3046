/* conv_cffi.c: see conv_cffi.h. The converters are in runtime gopy_cffi.py
 * (basic kinds) or generated per class and view by emit_class.c and
 * emit_view.c. */
#include "conv_cffi.h"

#include <string.h>

#include "support.h"
#include "util.h"

/* Ints (bool too) are range-checked by cffi as by the runtime's converter,
 * float64 taken exactly: a list of exact ones converts in one C loop (bulk).
 * float32 narrows and complex splits: never in bulk. */
#define INT(k, kind) [k] = {.shape = CF_SCALAR, .exact = "_type(%s) is _int", .to = "_rt.to_" kind, \
			    .bulk = "_view.BULK_INT"}

static const cffi_conv table[CK_COUNT] = {
	[CK_BOOL] = {.shape = CF_SCALAR, .exact = "_type(%s) is _bool", .to = "_rt.to_bool",
		     .from = "_bool(%s)", .named_to = "_rt.to_named_bool", .bulk = "_view.BULK_BOOL"},
	[CK_STRING] = {.shape = CF_STRING, .to = "_rt.to_string", .from = "_rt.from_str(%s)"},
	INT(CK_INT, "int"),
	INT(CK_INT8, "int8"),
	INT(CK_INT16, "int16"),
	INT(CK_INT32, "int32"),
	INT(CK_INT64, "int64"),
	INT(CK_UINT, "uint"),
	INT(CK_UINT8, "uint8"),
	INT(CK_UINT16, "uint16"),
	INT(CK_UINT32, "uint32"),
	INT(CK_UINT64, "uint64"),
	INT(CK_UINTPTR, "uintptr"),
	/* A float32 is narrowed by its converter: never passed as is. */
	[CK_FLOAT32] = {.shape = CF_SCALAR, .to = "_rt.to_float32"},
	[CK_FLOAT64] = {.shape = CF_SCALAR, .exact = "_type(%s) is _float", .to = "_rt.to_float64",
			.bulk = "_view.BULK_FLOAT"},
	[CK_COMPLEX64] = {.shape = CF_COMPLEX, .part = "GoFloat32", .to = "_rt.to_complex64",
			  .from = "_rt.from_complex(%s)"},
	[CK_COMPLEX128] = {.shape = CF_COMPLEX, .part = "GoFloat64", .exact = "_type(%s) is _complex",
			   .to = "_rt.to_complex128", .from = "_rt.from_complex(%s)"},
	[CK_BYTES] = {.shape = CF_SEQ, .to = "_rt.to_bytes", .from = "_rt.from_bytes(%s)"},
	/* Per class and view: the package defines the converters. */
	[CK_STRUCT] = {.shape = CF_SCALAR, .to = "_to_{name}", .from = "_from_{name}(%s)"},
	[CK_POINTER] = {.shape = CF_SCALAR, .to = "_to_{name}_ptr", .from = "_from_{name}(%s)"},
	[CK_NAMED] = {.from = "_from_{name}(%s)"}, /* the rest: the underlying kind's */
	[CK_SLICE] = {.shape = CF_SEQ, .to = "_to_view_{name}", .from = "_from_view_{name}(%s)"},
	[CK_ARRAY] = {.shape = CF_SEQ, .to = "_to_view_{name}", .from = "_from_view_{name}(%s)"},
	[CK_MAP] = {.shape = CF_SEQ, .to = "_to_view_{name}", .from = "_from_view_{name}(%s)"},
	/* Per interface type: a converter with its description (gopy_cffi_dyn.py). */
	[CK_IFACE] = {.shape = CF_VAL, .to = "_to_iface_{name}", .from = "_dyn.from_val(%s)"},
	[CK_CONTEXT] = {.shape = CF_VAL, .to = "_to_iface_{name}", .from = "_dyn.from_val(%s)"},
	/* A pointer to a basic value: the runtime's converter for the kind. */
	[CK_VALPTR] = {.shape = CF_VAL, .to = "_dyn.to_ptr_{basic}", .from = "_dyn.from_val(%s)"},
	/* Go's everyday types (gopy_cffi_std.py): records as []byte is. */
	[CK_TIME] = {.shape = CF_SEQ, .to = "_std.to_time", .from = "_std.from_time(%s)"},
	[CK_TIME_PTR] = {.shape = CF_SEQ, .to = "_std.to_time_ptr", .from = "_std.from_time(%s)"},
	[CK_DURATION] = {.shape = CF_SCALAR, .to = "_std.to_duration", .from = "_std.from_duration(%s)"},
	[CK_BIGINT] = {.shape = CF_SEQ, .to = "_std.to_bigint", .from = "_std.from_bigint(%s)"},
	[CK_BIGINT_PTR] = {.shape = CF_SEQ, .to = "_std.to_bigint_ptr", .from = "_std.from_bigint(%s)"},
	[CK_RAT] = {.shape = CF_SEQ, .to = "_std.to_rat", .from = "_std.from_rat(%s)"},
	[CK_RAT_PTR] = {.shape = CF_SEQ, .to = "_std.to_rat_ptr", .from = "_std.from_rat(%s)"},
	/* io's streams: an interface, whose IO records are file objects (gopy_cffi_io.py). */
	[CK_IO] = {.shape = CF_VAL, .to = "_to_iface_{name}", .from = "_dyn.from_val(%s)"},
};

cffi_conv cffi_conv_of(const plan *p, const conv *cv)
{
	cffi_conv c = table[cv->kind];

	if (cv->kind == CK_NAMED) {
		/* Go hands back the underlying value; the class wraps it. */
		const cffi_conv *u = &table[cv->under->kind];
		const char *from = conv_expand(p, c.from, cv);
		c = *u;
		if (u->named_to) { /* a converter that checks more: not in bulk */
			c.to = u->named_to;
			c.bulk = NULL;
		}
		c.from = conv_wrap(p, from, u->from ? u->from : "%s");
		return c;
	}
	if (cv->kind == CK_VALPTR && cv->under->kind == CK_NAMED && conv_basic_kind(cv->under) == CK_BOOL)
		c.to = "_dyn.to_ptr_named_bool"; /* a named bool's class is an int */
	c.to = conv_expand(p, c.to, cv);
	c.from = conv_expand(p, c.from, cv);
	return c;
}

const char *cffi_shape_name(cffi_shape s)
{
	static const char *const names[] = {
		[CF_SCALAR] = "\"scalar\"", [CF_STRING] = "\"string\"",
		[CF_SEQ] = "\"seq\"", [CF_COMPLEX] = "\"complex\"",
		/* stored as a seq is: the converter's (pointer, keep) */
		[CF_VAL] = "\"seq\"",
	};

	return names[s];
}

bool cffi_passes_as_is(const plan *p, const conv *cv)
{
	cffi_conv c = cffi_conv_of(p, cv);

	return c.exact && c.shape == CF_SCALAR;
}

const char *cffi_c_type(const conv *cv, bool out)
{
	switch (conv_basic_kind(cv)) {
	case CK_COMPLEX64:
		return "gopyc_complex64";
	case CK_COMPLEX128:
		return "gopyc_complex128";
	default:
		return out ? cv->c_out_type : cv->c_type;
	}
}

/* The spellings of each shape in each place (cffi_place); "{n}" is the
 * value's name, "{part}" the part type of a complex, "{ctype}" and
 * "{outtype}" conv.c_type and c_out_type, "{kind}" the basic kind. */
static const char *const shapes[][CF_NPLACES] = {
	[CF_SCALAR] = {"{ctype} {n}", "{n}", "&{n}", "{n}", "0"},
	[CF_STRING] = {"const char *{n}, GoInt {n}_len", "(GoString){{n}, {n}_len}", "&{n}", "{n}, _len({n})",
		       "b\"\""},
	[CF_SEQ] = {"gopy_seq *{n}", "*{n}", "&{n}", "{n}[0]", "(_ffi.new(\"gopy_seq *\"),)"},
	[CF_VAL] = {"gopy_val *{n}", "*{n}", "&{n}", "{n}[0]", "(_ffi.new(\"gopy_val *\"),)"},
	/* cffi declares a complex as two parts; Go's result is one value. */
	[CF_COMPLEX] = {"{part} {n}_re, {part} {n}_im", "gopyc_to_{kind}({n}_re, {n}_im)", "({outtype} *)&{n}",
			"{n}.real, {n}.imag", "0j"},
};

void cffi_spell(sb *out, const plan *p, const conv *cv, cffi_place where, const char *name)
{
	cffi_conv c = cffi_conv_of(p, cv);

	for (const char *s = shapes[c.shape][where]; *s; s++) {
		if (!strncmp(s, "{n}", 3)) {
			sb_add(out, name);
			s += 2;
		} else if (!strncmp(s, "{part}", 6)) {
			sb_add(out, c.part);
			s += 5;
		} else if (!strncmp(s, "{ctype}", 7)) {
			sb_add(out, cv->c_type);
			s += 6;
		} else if (!strncmp(s, "{outtype}", 9)) {
			sb_add(out, cv->c_out_type);
			s += 8;
		} else if (!strncmp(s, "{kind}", 6)) {
			sb_add(out, conv_kind_name(conv_basic_kind(cv)));
			s += 5;
		} else {
			sb_addc(out, *s);
		}
	}
}
