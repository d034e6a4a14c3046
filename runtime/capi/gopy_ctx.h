/*
 * gopy_ctx.h: calls of Go functions and methods that take a
 * context.Context, the C-API side. The Go side is runtime/go/gopy_ctx.go.
 *
 * Such a call differs from the others in three ways (docs/design.md:
 * Contexts):
 *  - binding: the context may be left out (None is context.Background()),
 *    and a keyword-only timeout (seconds as an int or float, or a
 *    timedelta; None: none) puts the call under a deadline;
 *  - the export starts the function on a goroutine and returns a call id;
 *    gopy_ctx_await waits for it with the GIL released, in slices between
 *    which the main thread handles signals;
 *  - a signal's exception (KeyboardInterrupt) cancels the call's context,
 *    waits for the function to return, and is what the call raises
 *    (gopy_ctx_done): its results and its failure are dropped.
 *
 * Layer: above gopy_rt (frames, binding, messages).
 *
 * Ownership: *interrupt holds the exception taken by gopy_ctx_await (a new
 * reference) until gopy_ctx_done raises it.
 */
#ifndef GOPY_CTX_H
#define GOPY_CTX_H

#include "gopy_rt.h"

/*
 * Binds a call's arguments to f->sig's parameters as gopy_bind_args does,
 * except that parameter ctx (a context) is optional: when it is passed by
 * neither position nor keyword it is None, and when positional arguments
 * then fall short of the parameters (not counting the context) they skip
 * it: F(d) is F(None, d) for F(ctx, d). A variadic function takes its
 * context positionally, or by keyword. The keyword argument named timeout
 * is the call's timeout: *timeout_ns is -1 (none, also for None) or its
 * nanoseconds (at least 0). 0, or -1 with TypeError or OverflowError set.
 */
int gopy_ctx_bind(gopy_frame *f, int ctx, const char *timeout, PyObject *const *args, Py_ssize_t nargs,
		  PyObject *kwnames, PyObject **argv, PyObject *const **va, Py_ssize_t *nva,
		  long long *timeout_ns);

/*
 * Waits for the started call to return, with the GIL released; on the main
 * thread in slices between which signals are handled, and a signal's
 * exception (*interrupt, a new reference) cancels the call's context first.
 * Returns the call's failure (0: none), which the caller raises as any.
 */
gopy_fail_addr gopy_ctx_await(long long call, PyObject **interrupt);

/* What the wrapper returns: res, or with an interrupt, NULL with the
 * interrupt raised (res and any exception dropped; interrupt stolen). */
PyObject *gopy_ctx_done(PyObject *res, PyObject *interrupt);

#endif
