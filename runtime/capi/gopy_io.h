/*
 * gopy_io.h: io.Reader, io.Writer and their combinations with io.Closer
 * as Python binary file objects, the CPython side (runtime/capi/gopy_io.c,
 * with the Go side in runtime/go/gopy_io.go).
 *
 * Layer: above gopy_obj.h and gopy_rt.h, which are all it includes and
 * calls; gopy_dyn.h builds on it (values of these interface types are
 * interface values whose records gopy_dyn converts with the help of this
 * layer).
 *
 * Go to Python: an IO record (gopy_abi.h) becomes an instance of the
 * module's stream class, NAME's GoStream (an io.RawIOBase, made at exec
 * from Python source and kept in the module state, not in the module):
 * readinto calls Go's Read with the caller's buffer itself (the GIL
 * released), write Go's Write with the caller's bytes, close Go's Close
 * when the value is a Closer; readline keeps what it read past the line
 * for the next read. Garbage collection does not close it: Go may still
 * hold the value.
 *
 * Python to Go: a stream of the module gives Go its value; a bytes-like
 * object is a reader's bytes; another object needs readinto or read (a
 * reader), write (a writer), and crosses as itself (PY; i says whether it
 * has readinto); a text stream is a TypeError.
 *
 * MEM records (a Python stream's readinto and write called by Go) are
 * memoryviews of Go's memory, released by the pyapi when the call returns
 * (gopy_io_release), so a view Python kept cannot reach Go's memory later.
 */
#ifndef GOPY_IO_H
#define GOPY_IO_H

#include "gopy_obj.h"

/* Makes the module's stream class (module exec). 0, or -1 with an
 * exception. */
int gopy_io_init(PyObject *module);

/*
 * Fills *out for a parameter (field, element...) of a stream interface
 * that takes Python objects of pykind (GOPY_PY_READER, _WRITER,
 * _READWRITER) from o, which is no Go value and not None: a bytes-like
 * object for a reader (BYTES, in the frame), or o itself (PY). Messages:
 *   TypeError: F() argument 'r' must be a binary stream, not a text
 *     stream: open the file with 'rb' or pass its .buffer
 *   TypeError: F() argument 'r' must be a binary file object (with
 *     readinto or read) or bytes-like, not int
 * 0, or -1 with an exception.
 */
int gopy_io_to_val(gopy_frame *f, int idx, PyObject *o, gopy_val *out, int pykind);

/* The GoValue a stream of the module holds (borrowed), or NULL when o is
 * not one. */
PyObject *gopy_io_value_of(PyObject *module, PyObject *o);

/* An IO record's stream (consumes the record's handle), or NULL with an
 * exception. */
PyObject *gopy_io_from_val(PyObject *module, GoInt64 h, int mask);

/* A MEM record's memoryview: Go's memory, writable when v->i is 1. */
PyObject *gopy_io_mem(const gopy_val *v);

/* Releases a memoryview gopy_io_mem made, once its call returned; an
 * export of it that Python code still holds keeps it (BufferError,
 * cleared). */
void gopy_io_release(PyObject *view);

#endif
