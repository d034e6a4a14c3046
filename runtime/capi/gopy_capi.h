/*
 * gopy_capi.h: the C runtime of the C-API backend as generated code
 * (module.c) sees it, and its top layer (runtime/capi/gopy_module.c).
 *
 * The runtime is layered; each layer includes and calls only the layers
 * below it, so no include or call goes up or around:
 *
 *   gopy_capi.h  gopy_module.c  the module's lifecycle over every layer
 *   gopy_pyapi.h gopy_pyapi.c   what Go calls Python through (callbacks)
 *   gopy_dyn.h   gopy_dyn.c     interface values (any, error, interfaces)
 *   gopy_io.h    gopy_io.c      io.Reader, io.Writer... as binary file objects
 *   gopy_view.h  gopy_view.c    slices, arrays and maps as Python objects
 *   gopy_std.h   gopy_std.c     time.Time, time.Duration, big.Int, big.Rat as
 *                               datetime, timedelta, int and Fraction
 *   gopy_ctx.h   gopy_ctx.c     calls taking a context.Context: timeout=,
 *                               Ctrl-C cancels
 *   gopy_obj.h   gopy_obj.c     Go values and classes, handles
 *   gopy_rt.h    gopy_rt.c      frames, argument binding, scalar
 *                               conversions, errors, module state
 *
 * gopy_rt_priv.h is gopy_rt.c's helpers for the layers above, not for
 * generated code. tests/check_include_cycles.py keeps the includes acyclic.
 */
#ifndef GOPY_CAPI_H
#define GOPY_CAPI_H

#include "gopy_rt.h"
#include "gopy_obj.h"
#include "gopy_view.h"
#include "gopy_std.h"
#include "gopy_io.h"
#include "gopy_ctx.h"
#include "gopy_dyn.h"
#include "gopy_pyapi.h"

/* Module exec: initializes every layer in order (gopy_rt_init, the
 * generic view classes of gopy_view_init, GoValue, Ref and the
 * interface base of gopy_dyn_init, the stream class of gopy_io_init,
 * then the table Go calls Python through, gopy_pyapi_init). 0, or -1 with an exception. */
int gopy_module_init(PyObject *module, int nclasses);

#endif
