/* convtab.c: see convtab.h. */
#include "convtab.h"

#include <stddef.h>

/* Numbers and bool cross by value; the Go glue needs no conversion. */
#define NUMBER(kind, py, ctype) \
	{kind, py, kind, "%s", kind, "%s", "gopySlice(%s, %s)", \
	 ctype, ctype, "gopy_to_" kind, "gopy_from_" kind}

static const conv basic_convs[B_COUNT] = {
	[B_BOOL] = {"bool", "bool", "bool", "%s", "bool", "%s", "gopySlice(%s, %s)",
		    "GoUint8", "GoUint8", "gopy_to_bool", "gopy_from_bool"},
	/* Go copies strings it receives (C memory must not be retained) and
	 * returns them in malloc'd memory the C side frees. */
	[B_STRING] = {"string", "str", "string", "gopyString(%s)", "C.gopy_str", "gopyCStr(%s)",
		      "gopyStrings(%s, %s)", "GoString", "gopy_str", "gopy_to_string", "gopy_from_str"},
	[B_INT] = NUMBER("int", "int", "GoInt"),
	[B_INT8] = NUMBER("int8", "int", "GoInt8"),
	[B_INT16] = NUMBER("int16", "int", "GoInt16"),
	[B_INT32] = NUMBER("int32", "int", "GoInt32"),
	[B_INT64] = NUMBER("int64", "int", "GoInt64"),
	[B_UINT] = NUMBER("uint", "int", "GoUint"),
	[B_UINT8] = NUMBER("uint8", "int", "GoUint8"),
	[B_UINT16] = NUMBER("uint16", "int", "GoUint16"),
	[B_UINT32] = NUMBER("uint32", "int", "GoUint32"),
	[B_UINT64] = NUMBER("uint64", "int", "GoUint64"),
	[B_UINTPTR] = NUMBER("uintptr", "int", "GoUintptr"),
	[B_FLOAT32] = NUMBER("float32", "float", "GoFloat32"),
	[B_FLOAT64] = NUMBER("float64", "float", "GoFloat64"),
	[B_COMPLEX64] = NUMBER("complex64", "complex", "GoComplex64"),
	[B_COMPLEX128] = NUMBER("complex128", "complex", "GoComplex128"),
};

const conv *convtab_for(const model *m, int type)
{
	const model_type *t = model_type_at(m, type);

	if (t->kind != TK_BASIC)
		return NULL;
	if (!basic_convs[t->basic].gokind)
		return NULL; /* unsafe.Pointer, untyped kinds */
	return &basic_convs[t->basic];
}
