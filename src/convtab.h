/*
 * convtab.h: the conversion table. For each Go kind gopy can pass across
 * the boundary it says, once, how a value crosses: its type in the cgo
 * export, how the Go glue turns it into the user's Go value and back, which
 * runtime converter the C module calls in each direction, and its Python
 * type for stubs and messages. Every emitter reads this table; no emitter
 * has its own switch over Go kinds.
 *
 * Entries are static and never freed.
 */
#ifndef GOPY_CONVTAB_H
#define GOPY_CONVTAB_H

#include "model.h"

typedef struct plan plan;
typedef struct plan_class plan_class;

/* How a cffi shim (src/cffi/emit_shims.c) passes a value of the kind. */
typedef enum cf_shape {
	CF_SCALAR,  /* as its C type (c_type / c_out_type) */
	CF_STRING,  /* a pointer and a length: Python passes bytes */
	CF_SEQ,     /* a pointer to a gopy_seq the Python runtime filled */
	CF_COMPLEX  /* two parts of type cf_part, real and imaginary */
} cf_shape;

typedef struct conv {
	const char *gokind;      /* the Go kind: "int64", "string", "struct", "pointer" */
	const char *pytype;      /* Python type returned: "int", "Point | None", "Celsius" */
	const char *pytype_in;   /* Python type accepted, for stubs: "float" for Celsius */

	/* Go glue (emit_go.c). Templates take one %s: a Go expression. */
	const char *go_param;    /* the value's type in the export signature: "int64" */
	const char *go_in;       /* export parameter -> Go value: "%s", "gopyString(%s)" */
	const char *go_out_type; /* element type of the result out-pointer: "int64", "C.gopy_str" */
	const char *go_out;      /* Go value -> out-pointer element: "%s", "gopyCStr(%s)" */
	const char *go_slice_in; /* (pointer, length) of a C array -> new Go slice; two %s;
				  * NULL: cannot be variadic */
	const char *go_ref_out;  /* addressable Go value -> out element sharing it (a view);
				  * NULL: the same as go_out */
	const char *go_recv;     /* receiver expression for methods of a class; NULL otherwise */

	/* CPython module (src/capi/emit_module.c). */
	const char *c_type;      /* C type of go_param as cgo declares it: "GoInt64" */
	const char *c_out_type;  /* C type of go_out_type: "GoInt64", "gopy_str" */
	const char *c_from_py;   /* runtime converter Python -> c_type (gopy_conv_fn) */
	const char *c_to_py;     /* converter c_out_type -> new Python object */
	bool c_to_py_module;     /* c_to_py takes (module, value): it makes class instances */
	const char *c_pybase;    /* basic kinds: the builtin a named type's class subclasses */
	const char *py_base;     /* the same builtin's Python name, for stubs: "int" for bool */
	const char *buf_format;  /* numbers and bools: the buffer protocol's format of the
				  * Go value's bytes ("d", "n", "?"); NULL otherwise */
	const char *go_lend_in;  /* slices of numbers and bools: like go_in, for a parameter
				  * the call does not keep (plan_value.lend), using the
				  * caller's memory in place when it may; NULL otherwise */

	/* A single scalar result (see plan_func.direct): the export returns it
	 * widened to ret_ctype, a type with room for ret_sentinel, the value
	 * that stands for "the call failed"; the failure record then waits in
	 * a thread-local (gopy_take_fail). NULL: results leave through an
	 * out-pointer. Only int64, uint64 and float64 results can collide
	 * with their sentinel; a collision costs one more C call. */
	const char *ret_ctype;    /* "long long", "unsigned long long", "double" */
	const char *ret_gotype;   /* the same type as cgo spells it: "C.longlong" */
	const char *go_ret;       /* template: a go_out value -> ret_gotype */
	const char *ret_sentinel; /* spelled alike in Go, C and Python */

	/* cffi module (src/cffi/emit_shims.c: the C shims; src/cffi/emit_package.c: the Python surface). */
	cf_shape cf_shape;
	const char *cf_part;     /* CF_COMPLEX: the C type of each part */
	const char *py_exact;    /* template: true when a Python value needs no conversion
				  * before cffi takes it ("type(%s) is int"); NULL: always */
	const char *py_to;       /* the Python converter (value, sig, idx) -> what the shim
				  * takes: "_rt.to_int8", "_to_Point" */
	const char *py_from;     /* template: a shim's result -> the Python value; NULL: as is */
} conv;

/*
 * The conversion for the type with this id, or NULL when gopy cannot yet
 * pass values of that type (support.c turns that into a skip reason).
 * Named types convert only once support has made them classes of p.
 * Entries for classes live in the model's arena, cached in p->convs.
 */
const conv *convtab_for(const plan *p, int type);

/* How a constant's value becomes Python, by its kind (model_constkind). */
typedef struct const_conv {
	const char *pytype;   /* "int" */
	const char *c_kind;   /* runtime kind for gopy_const_value: "GOPY_CONST_INT" */
} const_conv;

const const_conv *convtab_const(model_constkind k);

/* The C type cffi knows a value of cv as, an argument or (out) a result:
 * cgo's, except that a complex value is two parts (gopyc_complex64/128,
 * declared by the cffi module). */
const char *convtab_cffi_type(const conv *cv, bool out);

/* The conversion of a basic kind; NULL for unsafe.Pointer and untyped kinds. */
const conv *convtab_basic(model_basic b);

/* The conversions of a class's values and of pointers to them; support.c
 * calls this once it has made the class. */
void convtab_add_class(plan *p, const plan_class *c);

/* The conversion of a container type's values (v->cv), once support has
 * registered the view; a named container's class shares it. */
typedef struct plan_view plan_view;
void convtab_add_view(plan *p, plan_view *v);

#endif
