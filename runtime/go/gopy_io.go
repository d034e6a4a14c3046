// gopy_io.go: io.Reader, io.Writer and their combinations with io.Closer
// as Python binary file objects, both ways.
//
// Python to Go (gopyIOIn, the gopyIface_NAME of such a type): a Python
// stream becomes a gopyPyStream whose Read calls readinto with Go's own
// buffer lent as a writable memoryview (a MEM record: no copy), or read
// when the object has no readinto; Write calls write with a read-only
// memoryview of Go's bytes; Close calls close. A bytes-like object where
// Go wants a reader is a bytes.Reader over a copy of its bytes. A Go value
// (a stream Go gave Python, a GoValue) is itself.
//
// Go to Python (gopyIOOut): an IO record, a handle to a *any holding the
// value, which each runtime wraps in its io.RawIOBase class; the exports
// below read into, write from and close it with the caller's buffer
// passed straight to Go's Read and Write. A Python stream Go was given
// goes back as itself.

package main

/*
#include "gopy_abi.h"
*/
import "C"

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"time"
	"unsafe"
)

// gopyIOTypeError is a stream's answer Go cannot take (a text stream's
// str): gopyError raises it as TypeError rather than GoError.
type gopyIOTypeError struct{ msg string }

func (e gopyIOTypeError) Error() string { return e.msg }

// gopyPyStream is a Python file object Go reads, writes or closes; the
// gopyPyR... types below give it exactly the methods of the interface Go
// wanted, so a type assertion to another one fails as for any Go value.
type gopyPyStream struct {
	gopyPyObj
	readinto bool // the object has readinto (the Python side says so)
}

type gopyPyR struct{ *gopyPyStream }
type gopyPyW struct{ *gopyPyStream }
type gopyPyRC struct{ *gopyPyStream }
type gopyPyWC struct{ *gopyPyStream }
type gopyPyRW struct{ *gopyPyStream }
type gopyPyRWC struct{ *gopyPyStream }

func (s gopyPyR) Read(p []byte) (int, error)    { return s.read(p) }
func (s gopyPyW) Write(p []byte) (int, error)   { return s.write(p) }
func (s gopyPyRC) Read(p []byte) (int, error)   { return s.read(p) }
func (s gopyPyRC) Close() error                 { return s.close() }
func (s gopyPyWC) Write(p []byte) (int, error)  { return s.write(p) }
func (s gopyPyWC) Close() error                 { return s.close() }
func (s gopyPyRW) Read(p []byte) (int, error)   { return s.read(p) }
func (s gopyPyRW) Write(p []byte) (int, error)  { return s.write(p) }
func (s gopyPyRWC) Read(p []byte) (int, error)  { return s.read(p) }
func (s gopyPyRWC) Write(p []byte) (int, error) { return s.write(p) }
func (s gopyPyRWC) Close() error                { return s.close() }

var (
	gopyNameReadinto = gopyPyName("readinto")
	gopyNameRead     = gopyPyName("read")
	gopyNameWrite    = gopyPyName("write")
	gopyNameClose    = gopyPyName("close")
)

// gopyPyIO is the Python stream p (borrowed) as the interface of mask
// (C.GOPY_IO_*); flags bit 0: it has readinto.
func gopyPyIO(p unsafe.Pointer, flags int64, mask int) any {
	s := &gopyPyStream{gopyPyObj{gopyHoldPy(p)}, flags&1 != 0}
	switch mask {
	case C.GOPY_IO_READ:
		return gopyPyR{s}
	case C.GOPY_IO_WRITE:
		return gopyPyW{s}
	case C.GOPY_IO_READ | C.GOPY_IO_CLOSE:
		return gopyPyRC{s}
	case C.GOPY_IO_WRITE | C.GOPY_IO_CLOSE:
		return gopyPyWC{s}
	case C.GOPY_IO_READ | C.GOPY_IO_WRITE:
		return gopyPyRW{s}
	}
	return gopyPyRWC{s}
}

// gopyIOIn is the value of record v where Go wants the stream interface T
// (mask: its methods): a Python stream, a bytes-like object for a reader,
// else a Go value as for any interface.
func gopyIOIn[T any](v *C.gopy_val, mask int) T {
	switch v.kind {
	case C.GOPY_VAL_PY:
		if t, ok := gopyPyIO(v.py, int64(v.i), mask).(T); ok {
			return t
		}
	case C.GOPY_VAL_BYTES:
		if mask&C.GOPY_IO_WRITE == 0 {
			var r io.Reader = bytes.NewReader(C.GoBytes(unsafe.Pointer(v.str.p), C.int(v.str.n)))
			if mask&C.GOPY_IO_CLOSE != 0 {
				r = io.NopCloser(r)
			}
			return r.(T)
		}
	}
	return gopyIface[T](v)
}

// gopyIOOut is the record of stream x for Python (mask: its static
// type's methods): None, a Python stream as itself, else an IO record.
func gopyIOOut(x any, mask int) C.gopy_val {
	var v C.gopy_val
	v.cls = -1
	if x == nil {
		v.kind = C.GOPY_VAL_NIL
		return v
	}
	if o, ok := x.(gopyPyHolder); ok {
		gopyValPy(&v, o.gopyPyObject())
		return v
	}
	p := new(any)
	*p = x
	v.kind, v.i, v.cls = C.GOPY_VAL_IO, C.longlong(gopyNewHandle(p)), C.int(mask)
	return v
}

// gopyCallMem calls method of ref with p lent as a memoryview.
func gopyCallMem(ref *gopyPyRef, method *C.char, p []byte, writable bool) C.struct_gopy_call_out {
	if gopyAPI == nil {
		panic("gopy: no Python runtime registered")
	}
	w := C.int(0)
	if writable {
		w = 1
	}
	return C.gopy_api_call_mem(C.uintptr_t(uintptr(unsafe.Pointer(gopyAPI))), C.uintptr_t(uintptr(ref.p)),
		C.uintptr_t(uintptr(unsafe.Pointer(method))), unsafe.Pointer(unsafe.SliceData(p)),
		C.longlong(len(p)), w)
}

// gopyIOPoll is how long a Read waits before asking a stream that had no
// data (returned None: non-blocking) again, doubling up to the maximum:
// Go's readers expect Read to block, and (0, nil) makes io.Copy spin.
const (
	gopyIOPollFirst = time.Millisecond
	gopyIOPollMax   = 50 * time.Millisecond
)

func (s *gopyPyStream) read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for delay := gopyIOPollFirst; ; {
		var n int
		var more bool
		var err error
		if s.readinto {
			n, more, err = s.readInto(p)
		} else {
			n, more, err = s.readCopy(p)
		}
		if !more {
			return n, err
		}
		time.Sleep(delay)
		if delay < gopyIOPollMax {
			delay *= 2
		}
	}
}

// gopyIOResult is what a stream's readinto or write returned, taken from
// the record: a count in 0..max, or none (None).
func gopyIOResult(v *C.gopy_val, method string, max int) (n int, none bool, err error) {
	switch v.kind {
	case C.GOPY_VAL_NIL:
		return 0, true, nil
	case C.GOPY_VAL_INT:
		if v.i < 0 || int64(v.i) > int64(max) {
			return 0, false, fmt.Errorf("%s returned %d, outside 0..%d", method, int64(v.i), max)
		}
		return int(v.i), false, nil
	}
	return 0, false, gopyIOTypeError{fmt.Sprintf("%s returned %s, not an int", method, gopyValPyType(v))}
}

// readInto is one readinto(memoryview of p): more when it had no data.
func (s *gopyPyStream) readInto(p []byte) (n int, more bool, err error) {
	out := gopyCallMem(s.ref, gopyNameReadinto, p, true)
	res := unsafe.Slice(&out.res, 1)
	if out.fail != 0 {
		gopyValFree(res)
		return 0, false, gopyCallFailed(gopyTakePyFail(out.fail), true)
	}
	n, none, err := gopyIOResult(&out.res, "readinto", len(p))
	gopyValFree(res)
	if err == nil && !none && n == 0 {
		err = io.EOF
	}
	return n, none, err
}

// readCopy is one read(len(p)), its bytes copied into p.
func (s *gopyPyStream) readCopy(p []byte) (n int, more bool, err error) {
	b, vals := gopyValsGet(2)
	defer gopyValsPut(b, vals)
	gopyValInt(&vals[0], int64(len(p)))
	var got error // what the result says, unless the call itself failed
	err = gopyCallPy(s.ref, gopyNameRead, vals[:1], vals[1:], true, func() {
		v := &vals[1]
		switch v.kind {
		case C.GOPY_VAL_NIL:
			more = true
		case C.GOPY_VAL_BYTES:
			if int(v.str.n) > len(p) {
				got = fmt.Errorf("read(%d) returned %d bytes", len(p), int(v.str.n))
				return
			}
			n = copy(p, unsafe.Slice((*byte)(unsafe.Pointer(v.str.p)), int(v.str.n)))
			if n == 0 {
				got = io.EOF
			}
		case C.GOPY_VAL_STR:
			got = gopyIOTypeError{"read returned str, not bytes: pass a binary stream " +
				"(open the file with 'rb', or use its .buffer)"}
		default:
			got = gopyIOTypeError{fmt.Sprintf("read returned %s, not bytes", gopyValPyType(v))}
		}
	})
	if err == nil {
		err = got
	}
	return n, more, err
}

// write writes all of p, as io.Writer requires: a short write is tried
// again with the rest, and a write of nothing is io.ErrShortWrite. A
// write returning None (what many Python writers do) wrote everything.
func (s *gopyPyStream) write(p []byte) (int, error) {
	total := 0
	for total < len(p) {
		out := gopyCallMem(s.ref, gopyNameWrite, p[total:], false)
		res := unsafe.Slice(&out.res, 1)
		if out.fail != 0 {
			gopyValFree(res)
			return total, gopyCallFailed(gopyTakePyFail(out.fail), true)
		}
		n, none, err := gopyIOResult(&out.res, "write", len(p)-total)
		gopyValFree(res)
		switch {
		case err != nil:
			return total, err
		case none:
			return len(p), nil
		case n == 0:
			return total, io.ErrShortWrite
		}
		total += n
	}
	return total, nil
}

func (s *gopyPyStream) close() error {
	return gopyCallPy(s.ref, gopyNameClose, nil, nil, true, nil)
}

// ---- Go's streams for Python (the runtimes' io.RawIOBase classes) ----

// gopyIOPending holds, by handle, the error a Read returned with data:
// the data is Python's now, the error its next read's.
var gopyIOPending sync.Map // int64 -> error

// gopyIOValue is the stream handle h holds.
func gopyIOValue(h int64) any {
	return *gopyGet(h).(*any)
}

// gopy_io_read reads into buf[0..n) with one Read of the stream handle h
// (a few when it returns nothing and no error): *got is the count, 0 at
// io.EOF, -1 when the reader kept returning nothing (Python's None).
//
//export gopy_io_read
func gopy_io_read(h int64, buf unsafe.Pointer, n int64, got *C.longlong) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	*got = 0
	if err, ok := gopyIOPending.LoadAndDelete(h); ok {
		return gopyError(err.(error))
	}
	r, ok := gopyIOValue(h).(io.Reader)
	if !ok {
		return gopyError(fmt.Errorf("%T is not an io.Reader", gopyIOValue(h)))
	}
	if n <= 0 {
		return 0
	}
	p := unsafe.Slice((*byte)(buf), int(n))
	for tries := 0; ; tries++ {
		k, err := r.Read(p)
		if k < 0 || k > len(p) {
			return gopyError(fmt.Errorf("%T.Read returned %d for a buffer of %d", r, k, len(p)))
		}
		if k > 0 {
			if err != nil && err != io.EOF {
				gopyIOPending.Store(h, err)
			}
			*got = C.longlong(k)
			return 0
		}
		if err == io.EOF {
			return 0
		}
		if err != nil {
			return gopyError(err)
		}
		if tries == 100 {
			*got = -1
			return 0
		}
	}
}

// gopy_io_write writes buf[0..n) with one Write of the stream handle h
// (io.Writer writes all of it or fails); *got is the count written.
//
//export gopy_io_write
func gopy_io_write(h int64, buf unsafe.Pointer, n int64, got *C.longlong) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	*got = 0
	w, ok := gopyIOValue(h).(io.Writer)
	if !ok {
		return gopyError(fmt.Errorf("%T is not an io.Writer", gopyIOValue(h)))
	}
	if n <= 0 {
		return 0
	}
	k, err := w.Write(unsafe.Slice((*byte)(buf), int(n)))
	*got = C.longlong(k)
	if err != nil {
		return gopyError(err)
	}
	return 0
}

// gopy_io_close closes the stream handle h when it is an io.Closer.
//
//export gopy_io_close
func gopy_io_close(h int64) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	gopyIOPending.Delete(h)
	if c, ok := gopyIOValue(h).(io.Closer); ok {
		if err := c.Close(); err != nil {
			return gopyError(err)
		}
	}
	return 0
}
