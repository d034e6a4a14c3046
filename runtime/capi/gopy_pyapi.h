/*
 * gopy_pyapi.h: what Go calls on the Python side (the gopy_pyapi table of
 * gopy_abi.h), the CPython side: Go holds Python objects (proxies of
 * interfaces, callables as funcs, exceptions as errors) and calls them,
 * from the goroutine of a Python call or from one Go started.
 *
 * Layer: above gopy_dyn.h (a callback's arguments are made by
 * gopy_from_val and its results by gopy_dyn_result), which is all it
 * includes; only gopy_capi.h builds on it (gopy_capi.h lists the layers).
 *
 * The table is static, one per generated module (each module links its
 * own Go runtime), and names the module whose classes a callback's
 * values are instances of: the one most recently executed (a strong
 * reference, kept for the process, as the Go runtime is).
 *
 * Every function takes the GIL itself (PyGILState_Ensure), on any thread.
 * Once the module's atexit callback has run, decref does nothing: objects
 * Go still holds are left to the process's end rather than freed while
 * the interpreter tears down. Once finalization itself began, incref,
 * call and unraisable do nothing either (call fails): a thread that is
 * not Python's own must not wait for the GIL then. PyPy cannot tell when
 * finalization begins: there both start with the atexit callback.
 */
#ifndef GOPY_PYAPI_H
#define GOPY_PYAPI_H

#include "gopy_dyn.h"

/* Module exec, this layer's part (gopy_capi.h: gopy_module_init): makes
 * module the one callbacks convert for and registers the table with Go
 * (gopy_set_pyapi). 0, or -1 with an exception. */
int gopy_pyapi_init(PyObject *module);

#endif
