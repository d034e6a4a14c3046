/*
 * conv_cffi.h: the cffi backend's part of the conversion table (convtab.h
 * has the core): how a C shim (emit_shims.c) passes a value of the kind,
 * and the Python converters the package (emit_package.c) calls.
 */
#ifndef GOPY_CONV_CFFI_H
#define GOPY_CONV_CFFI_H

#include "convtab.h"
#include "sb.h"

/* How a cffi shim passes a value of the kind. */
typedef enum cffi_shape {
	CF_SCALAR,  /* as its C type (conv.c_type / c_out_type) */
	CF_STRING,  /* a pointer and a length: Python passes bytes */
	CF_SEQ,     /* a pointer to a gopy_seq the Python runtime filled */
	CF_VAL,     /* a pointer to a gopy_val the Python runtime filled */
	CF_COMPLEX  /* two parts of type cffi_conv.part, real and imaginary */
} cffi_shape;

typedef struct cffi_conv {
	cffi_shape shape;
	const char *part;       /* CF_COMPLEX: the C type of each part */
	const char *exact;      /* template: true when a Python value needs no conversion
				 * before cffi takes it ("_type(%s) is _int"); NULL: always */
	const char *to;         /* the Python converter (value, sig, idx) -> what the shim
				 * takes: "_rt.to_int8", "_to_Point" */
	const char *from;       /* template: a shim's result -> the Python value; NULL: as is */
	const char *named_to;   /* basic kinds: to for a named type of the kind, when it
				 * differs (bool: the class is an int) */
	const char *bulk;       /* the runtime's BULK_* set of exact Python types a list of
				 * these converts from in one C loop, where cffi's own
				 * conversion agrees with `to`; NULL: one by one */
} cffi_conv;

/* cv's entry, its names expanded for cv's class or view. */
cffi_conv cffi_conv_of(const plan *p, const conv *cv);

/* The runtime's name of a shape: how a converted value is stored
 * (gopy_cffi.py: store): "\"scalar\"", "\"string\"". */
const char *cffi_shape_name(cffi_shape s);

/* cffi checks the range of an exact int itself: the value needs neither
 * conversion nor check in Python. */
bool cffi_passes_as_is(const plan *p, const conv *cv);

/* The C type cffi knows a value of cv as, an argument or (out) a result:
 * cgo's, except that a complex value is two parts (gopyc_complex64/128,
 * declared by the cffi module). */
const char *cffi_c_type(const conv *cv, bool out);

/* The places a value's shape is spelled, with the text for a value `s`
 * of kind string. */
typedef enum cffi_place {
	CF_SHIM_PARAM, /* the shim's parameter declaration: "const char *s, GoInt s_len" */
	CF_EXPORT_ARG, /* the shim's argument to the Go export: "(GoString){s, s_len}" */
	CF_EXPORT_OUT, /* the shim's pointer to a result passed to the export: "&s" */
	CF_PY_ARG,     /* what Python passes the shim for a converted value: "s, _len(s)" */
	CF_PY_ZERO,    /* what Python passes for a value it does not have (a field a
			* constructor is not given, which Go ignores): "b\"\"" */
	CF_NPLACES
} cffi_place;

/* Appends how a value of cv named name is spelled at where. */
void cffi_spell(sb *out, const plan *p, const conv *cv, cffi_place where, const char *name);

#endif
