/*
 * conv_capi.h: the C-API backend's part of the conversion table
 * (convtab.h has the core): which runtime converter module.c calls in each
 * direction for a kind, and which builtin a named type's class subclasses.
 */
#ifndef GOPY_CONV_CAPI_H
#define GOPY_CONV_CAPI_H

#include "convtab.h"

typedef struct capi_conv {
	const char *from_py;   /* converter Python -> conv.c_type (gopy_conv_fn):
				* "gopy_to_int64", "to_Point" */
	const char *to_py;     /* converter conv.c_out_type -> new Python object */
	bool to_py_module;     /* to_py takes (module, value): it makes class instances */
	const char *pybase;    /* basic kinds: the builtin type a named type's class
				* subclasses: "PyLong_Type" */
	const char *named_from_py; /* basic kinds: from_py for a named type of the kind,
				    * when it differs (bool: the class is an int) */
} capi_conv;

/* cv's entry, its names expanded for cv's class or view. */
capi_conv capi_conv_of(const plan *p, const conv *cv);

#endif
