/*
 * gopy_rt_priv.h: helpers of the bottom layer (gopy_rt.c) that the runtime's
 * C files share with each other and not with generated code. Layer: that
 * of gopy_rt.h; every runtime C file may include it.
 */
#ifndef GOPY_RT_PRIV_H
#define GOPY_RT_PRIV_H

#include "gopy_rt.h"

/*
 * What f is converting, as messages name it: "F() argument 'a'",
 * "T.M() argument 'self'" (idx -1), "pkg.T field 'X'", "F() argument
 * 'nums'[2]", or "value" without a signature. A new reference, or NULL.
 */
PyObject *gopy_priv_subject(const gopy_frame *f, int idx);

/*
 * Raises exc with "<subject> <fmt...>", the subject naming what f is
 * converting ("F() argument 'a'", "pkg.T field 'X'", ...; see gopy_sig).
 * fmt is a PyUnicode_FromFormat format. Always returns -1.
 */
int gopy_priv_arg_error(const gopy_frame *f, int idx, PyObject *exc,
			const char *fmt, ...);

/*
 * t's name as messages show it: tp_name, except that for a class made
 * from a spec ("calc.Point") PyPy's tp_name lacks the module, which is
 * then taken from __module__. A new reference, or NULL.
 */
PyObject *gopy_priv_type_name(PyTypeObject *t);

#endif
