/* conv_capi.c: see conv_capi.h. The converters are in runtime gopy_rt.h
 * (basic kinds) or generated per class and view by emit_module.c. */
#include "conv_capi.h"

#include "support.h"
#include "util.h"

#define NUMBER(k, kind, base) [k] = {.from_py = "gopy_to_" kind, .to_py = "gopy_from_" kind, .pybase = base}

static const capi_conv table[CK_COUNT] = {
	[CK_BOOL] = {.from_py = "gopy_to_bool", .to_py = "gopy_from_bool", .pybase = "PyLong_Type",
		     .named_from_py = "gopy_to_named_bool"},
	[CK_STRING] = {.from_py = "gopy_to_string", .to_py = "gopy_from_str", .pybase = "PyUnicode_Type"},
	NUMBER(CK_INT, "int", "PyLong_Type"),
	NUMBER(CK_INT8, "int8", "PyLong_Type"),
	NUMBER(CK_INT16, "int16", "PyLong_Type"),
	NUMBER(CK_INT32, "int32", "PyLong_Type"),
	NUMBER(CK_INT64, "int64", "PyLong_Type"),
	NUMBER(CK_UINT, "uint", "PyLong_Type"),
	NUMBER(CK_UINT8, "uint8", "PyLong_Type"),
	NUMBER(CK_UINT16, "uint16", "PyLong_Type"),
	NUMBER(CK_UINT32, "uint32", "PyLong_Type"),
	NUMBER(CK_UINT64, "uint64", "PyLong_Type"),
	NUMBER(CK_UINTPTR, "uintptr", "PyLong_Type"),
	NUMBER(CK_FLOAT32, "float32", "PyFloat_Type"),
	NUMBER(CK_FLOAT64, "float64", "PyFloat_Type"),
	NUMBER(CK_COMPLEX64, "complex64", "PyComplex_Type"),
	NUMBER(CK_COMPLEX128, "complex128", "PyComplex_Type"),
	[CK_BYTES] = {.from_py = "gopy_to_bytes", .to_py = "gopy_from_bytes"},
	/* Per class and view: module.c defines the converters. */
	[CK_STRUCT] = {.from_py = "to_{name}", .to_py = "from_{name}", .to_py_module = true},
	[CK_POINTER] = {.from_py = "to_{name}_ptr", .to_py = "from_{name}", .to_py_module = true},
	[CK_NAMED] = {.to_py = "from_{name}", .to_py_module = true}, /* in: the underlying kind's */
	[CK_SLICE] = {.from_py = "to_view_{name}", .to_py = "from_view_{name}", .to_py_module = true},
	[CK_ARRAY] = {.from_py = "to_view_{name}", .to_py = "from_view_{name}", .to_py_module = true},
	[CK_MAP] = {.from_py = "to_view_{name}", .to_py = "from_view_{name}", .to_py_module = true},
	/* Per interface type: a converter with its description (gopy_dyn.h). */
	[CK_IFACE] = {.from_py = "to_iface_{name}", .to_py = "from_iface", .to_py_module = true},
	[CK_CONTEXT] = {.from_py = "to_iface_{name}", .to_py = "from_iface", .to_py_module = true},
	/* A pointer to a basic value: the runtime's converter for the kind. */
	[CK_VALPTR] = {.from_py = "gopy_to_ptr_{basic}", .to_py = "from_iface", .to_py_module = true},
	/* Go's everyday types (gopy_std.h). */
	[CK_TIME] = {.from_py = "gopy_to_time", .to_py = "gopy_from_time"},
	[CK_TIME_PTR] = {.from_py = "gopy_to_time_ptr", .to_py = "gopy_from_time"},
	[CK_DURATION] = {.from_py = "gopy_to_duration", .to_py = "gopy_from_duration"},
	[CK_BIGINT] = {.from_py = "gopy_to_bigint", .to_py = "gopy_from_bigint"},
	[CK_BIGINT_PTR] = {.from_py = "gopy_to_bigint_ptr", .to_py = "gopy_from_bigint"},
	[CK_RAT] = {.from_py = "gopy_to_rat", .to_py = "gopy_from_rat"},
	[CK_RAT_PTR] = {.from_py = "gopy_to_rat_ptr", .to_py = "gopy_from_rat"},
	/* io's streams: an interface, whose IO records are file objects (gopy_io.h). */
	[CK_IO] = {.from_py = "to_iface_{name}", .to_py = "from_iface", .to_py_module = true},
};

capi_conv capi_conv_of(const plan *p, const conv *cv)
{
	capi_conv c = table[cv->kind];

	if (cv->kind == CK_NAMED) {
		const capi_conv *u = &table[cv->under->kind];
		c.from_py = u->named_from_py ? u->named_from_py : u->from_py;
		c.pybase = u->pybase;
	}
	if (cv->kind == CK_VALPTR && cv->under->kind == CK_NAMED && conv_basic_kind(cv->under) == CK_BOOL)
		c.from_py = "gopy_to_ptr_named_bool"; /* a named bool's class is an int */
	c.from_py = conv_expand(p, c.from_py, cv);
	c.to_py = conv_expand(p, c.to_py, cv);
	return c;
}
