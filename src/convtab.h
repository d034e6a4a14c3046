/*
 * convtab.h: the conversion table's core. For each Go kind gopy can pass
 * across the boundary it says, once, what every backend needs to know: the
 * kind (conv_kind), its Python types for stubs and messages, the C types of
 * the cgo export (the ABI), how a single result is returned, and how the Go
 * glue (emit_go.c, shared by every backend) turns the export's values into
 * the user's Go values and back.
 *
 * What a backend adds lives in its own table, keyed by conv_kind and
 * written with designated initializers: src/capi/conv_capi.c (the C-API
 * module's runtime converters) and src/cffi/conv_cffi.c (how a cffi shim
 * passes the value and the Python converters). No emitter has its own
 * switch over Go kinds; adding a kind adds an enumerator here, an entry to
 * basic or per-type construction below and one to each backend's table.
 *
 * Entries for basic kinds are static; entries for classes and views live in
 * the model's arena, cached in p->convs. Neither is ever freed.
 */
#ifndef GOPY_CONVTAB_H
#define GOPY_CONVTAB_H

#include "model.h"

typedef struct plan plan;
typedef struct plan_class plan_class;
typedef struct plan_view plan_view;
typedef struct plan_iface plan_iface;

/*
 * The Go kinds gopy converts. The basic kinds come first, in model_basic's
 * order (convtab.c checks), so that a backend's table of basic kinds and of
 * the rest is one array.
 */
typedef enum conv_kind {
	CK_BOOL,
	CK_STRING,
	CK_INT,
	CK_INT8,
	CK_INT16,
	CK_INT32,
	CK_INT64,
	CK_UINT,
	CK_UINT8,
	CK_UINT16,
	CK_UINT32,
	CK_UINT64,
	CK_UINTPTR,
	CK_FLOAT32,
	CK_FLOAT64,
	CK_COMPLEX64,
	CK_COMPLEX128,
	CK_BYTES,   /* []byte (and []uint8, the same Go type): Python bytes */
	CK_STRUCT,  /* a struct class's value: a handle to a copy */
	CK_POINTER, /* a pointer to a struct class: a handle, or None for nil */
	CK_NAMED,   /* a named basic type: crosses as its underlying kind (conv.under) */
	CK_SLICE,   /* containers cross as views (conv.view) */
	CK_ARRAY,
	CK_MAP,
	CK_IFACE,   /* an interface (any, error, named or not): a gopy_val (conv.iface) */
	CK_VALPTR,  /* a pointer to a basic or named basic value (*int, *Celsius): a
		     * gopy_val holding the value, nil, or a Ref (conv.under: the
		     * value's conversion) */
	/* Go's everyday types of other packages, as Python's own values
	 * (convtab_std): byte records (gopy_abi.h), nanoseconds for a Duration. */
	CK_TIME,       /* time.Time: datetime.datetime */
	CK_TIME_PTR,   /* *time.Time: datetime.datetime, or None for nil */
	CK_DURATION,   /* time.Duration: datetime.timedelta */
	CK_BIGINT,     /* big.Int: int */
	CK_BIGINT_PTR, /* *big.Int: int, or None for nil */
	CK_RAT,        /* big.Rat: fractions.Fraction */
	CK_RAT_PTR,    /* *big.Rat: fractions.Fraction, or None for nil */
	/* io.Reader, io.Writer, io.ReadCloser, io.WriteCloser, io.ReadWriter,
	 * io.ReadWriteCloser (convtab_io): an interface (conv.iface, a
	 * gopy_val each way) whose Python values are binary file objects */
	CK_IO,
	CK_CONTEXT,    /* context.Context: an interface value (conv.iface); a
			* parameter's nil is context.Background(), and a call
			* taking one can be interrupted (plan_func.ctx_param) */
	CK_COUNT
} conv_kind;

/*
 * How an export returns a single scalar result itself (plan_func.direct):
 * widened to a type with room for a sentinel that stands for "the call
 * failed", the failure record waiting in a thread-local (gopy_take_fail).
 * Only int64, uint64 and float64 results can collide with their sentinel;
 * a collision costs one more C call, never a wrong answer.
 */
typedef struct conv_ret {
	const char *ctype;         /* "long long", "unsigned long long", "double" */
	const char *gotype;        /* the same type as cgo spells it: "C.longlong" */
	const char *sentinel;      /* the value, spelled alike in Go, C and Python */
	const char *sentinel_name; /* its name in generated code: "GOPY_FAIL_SIGNED" */
	const char *c_suffix;      /* makes the sentinel a C literal of ctype: "LL" */
} conv_ret;

/* Every conv_ret, for the one definition of their names in generated code
 * (emit_go.c); *n receives the count. */
const conv_ret *const *convtab_rets(int *n);

/* The Go glue's templates (emit_go.c). Each takes one %s, a Go expression,
 * unless it says otherwise. */
typedef struct conv_glue {
	const char *param;    /* the value's type in the export signature: "int64" */
	const char *in;       /* export parameter -> Go value: "%s", "gopyString(%s)" */
	const char *out_type; /* element type of the result out-pointer: "int64", "C.gopy_str" */
	const char *out;      /* Go value -> out-pointer element: "%s", "gopyCStr(%s)" */
	const char *slice_in; /* (pointer, length) of a C array -> new Go slice; two %s;
			       * NULL: cannot be variadic */
	const char *ref_out;  /* addressable Go value -> out element sharing it (a view);
			       * NULL: the same as out */
	const char *recv;     /* receiver expression for methods of a class; NULL otherwise */
	const char *lend_in;  /* slices of numbers and bools: like in, for a parameter the
			       * call does not keep (plan_value.lend), using the caller's
			       * memory in place when it may; NULL otherwise */
	const char *ret;      /* a direct result: an out value -> ret->gotype */
} conv_glue;

typedef struct conv conv;
struct conv {
	conv_kind kind;
	const conv *under;        /* CK_NAMED: the underlying basic kind's conversion;
				   * CK_VALPTR: the conversion of the value pointed to */
	const plan_class *cls;    /* the class of a named type (struct, named basic or
				   * named container), or NULL */
	const plan_view *view;    /* containers: the view */
	const plan_iface *iface;  /* interfaces: which one */

	/* Python, for stubs and messages. */
	const char *pytype;       /* Python type returned: "int", "Point | None", "Celsius" */
	const char *pytype_in;    /* Python type accepted: "float" for Celsius */
	const char *py_base;      /* basic kinds: the builtin a named type's class
				   * subclasses ("int" for bool, which cannot be) */
	const char *buf_format;   /* numbers and bools: the buffer protocol's format of
				   * the Go value's bytes ("d", "n", "?"); NULL otherwise */
	bool hashable;            /* usable as a map key: Python's value is hashable */

	/* The ABI: C types of the cgo export, as cgo declares them. */
	const char *c_type;       /* of glue.param: "GoInt64", "GoString", "gopy_seq" */
	const char *c_out_type;   /* of glue.out_type: "GoInt64", "gopy_str" */
	const conv_ret *ret;      /* a single result returned directly; NULL: through
				   * an out-pointer */

	conv_glue go;
};

/*
 * The conversion for the type with this id, or NULL when gopy cannot yet
 * pass values of that type (support.c turns that into a skip reason).
 * Named types convert only once support has made them classes of p.
 */
const conv *convtab_for(const plan *p, int type);

/* The conversion of a basic kind; NULL for unsafe.Pointer and untyped kinds. */
const conv *convtab_basic(model_basic b);

/* The Go spelling of a kind, for generated names and messages: "int64",
 * "[]byte", "struct", "slice". */
const char *conv_kind_name(conv_kind k);

/* The basic kind a value crosses as: its own, or a named type's underlying
 * one; CK_COUNT for the rest. */
conv_kind conv_basic_kind(const conv *cv);

/* A struct value or a pointer to one: Python holds an instance of the
 * class, which owns a handle. */
bool conv_is_struct(const conv *cv);

/* A slice, array or map: Python holds a view. */
bool conv_is_view(const conv *cv);

/*
 * Expands a backend's template for cv into the plan's arena: "{name}"
 * becomes the identifier part of cv's per-type generated names (the
 * view's or class's: "slice_float64", "Point"), "{T}" the Go spelling of cv's type; "%s" is left for
 * the value. NULL stays NULL.
 */
const char *conv_expand(const plan *p, const char *tmpl, const conv *cv);

/* Replaces the one %s of tmpl with inner (itself a template or expression),
 * in the plan's arena. */
const char *conv_wrap(const plan *p, const char *tmpl, const char *inner);

/* How a constant's value becomes Python, by its kind (model_constkind). */
typedef struct const_conv {
	const char *pytype;   /* "int" */
	const char *c_kind;   /* runtime kind for gopy_const_value: "GOPY_CONST_INT" */
} const_conv;

const const_conv *convtab_const(model_constkind k);

/* The conversions of a class's values and of pointers to them; support.c
 * calls this once it has made the class. */
void convtab_add_class(plan *p, const plan_class *c);

/* The conversion of a container type's values (v->cv), once support has
 * registered the view; a named container's class shares it. */
void convtab_add_view(plan *p, plan_view *v);

/* The conversion of an interface type's values (i->cv), once support has
 * registered it; a named interface's class shares it. */
void convtab_add_iface(plan *p, plan_iface *i);

/* An interface: its values cross as gopy_val records (CK_IFACE, CK_IO,
 * CK_CONTEXT). */
bool conv_is_iface(const conv *cv);

/*
 * Which of io's stream interfaces the type with this id is: a mask of
 * IO_READ, IO_WRITE and IO_CLOSE (the runtime's GOPY_IO_*); 0 for every
 * other type. Keyed by package path and name, so it wins over a class
 * the type might otherwise get. support.c registers such a type as an
 * interface whose conversion is CK_IO (convtab_add_iface).
 */
enum { IO_READ = 1, IO_WRITE = 2, IO_CLOSE = 4 };
int convtab_io(const plan *p, int type);

/* Whether t is context.Context. */
bool convtab_is_context(const model_type *t);

/* Makes the conversion of context.Context (type), whose interface support
 * has registered, a CK_CONTEXT. */
void convtab_context(plan *p, int type);

/* A value crossing as a gopy_val record: an interface's, or a pointer to
 * a basic value (CK_VALPTR). */
bool conv_is_val(const conv *cv);

/* The conversion of *T for a basic or named basic T (value: T's
 * conversion), registered for the pointer type `type` (support.c). */
const conv *convtab_add_valptr(plan *p, int type, const conv *value);

/* The conversion of *S for a container type S whose view v support has
 * registered: a view of what the pointer points to (nil is None), so Go
 * and Python share the container; registered for the pointer type. */
const conv *convtab_add_view_ptr(plan *p, int type, const plan_view *v);
/*
 * The conversion of a named type of another package that crosses as a
 * Python value (time.Time, time.Duration, math/big.Int, math/big.Rat), or
 * of a pointer to one (pointer: *time.Time, *big.Int, *big.Rat); NULL for
 * the other types. Registered in p's cache (convtab_for finds it after).
 */
const conv *convtab_std(plan *p, int type, bool pointer);

/* One of convtab_std's kinds. */
bool conv_is_std(const conv *cv);

/* Which of convtab_std's packages p passes values of somewhere: a mask
 * of STD_TIME (time.Time, *time.Time, time.Duration) and STD_BIG
 * (big.Int, big.Rat and pointers). */
enum { STD_TIME = 1, STD_BIG = 2 };
unsigned convtab_std_used(const plan *p);

#endif
