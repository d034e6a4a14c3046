// gopy_rt.go: the Go side of the gopy runtime, compiled into every
// generated module next to the generated glue.go (same package main).
// Every identifier here starts with gopy so that it cannot clash with the
// glue, and this file defines no main function: the glue does.
//
// Memory rules at the boundary (see gopy_abi.h):
//   - Go never keeps C memory: strings and slices received from C are
//     copied (gopyString, gopySlice, gopyStrings) before user code sees them,
//     because C frees or reuses that memory once the call returns.
//   - Everything Go hands to C (gopy_str buffers, gopy_fail records) is
//     allocated with C.malloc and freed by the C runtime.

package main

/*
#include <stdlib.h>
#include "gopy_abi.h"

// Defined here, not in the header: this file has no //export, so cgo
// compiles its preamble once.
__thread gopy_fail_addr gopy_pending_fail;

// Go cannot address a C thread-local itself: cgo would resolve it once.
static void gopy_set_pending_fail(gopy_fail_addr fail) { gopy_pending_fail = fail; }

// gopy_abi.h: gopy_forked. The handler is registered when the dynamic
// loader runs this library's constructors, so it covers every fork() after
// the module loaded, whichever thread or library makes it.
#include <pthread.h>

int gopy_forked;

#define GOPY_FORKED_MESSAGE "the Go runtime does not survive fork(): this process " \
	"was forked after the Go module was loaded, and Go can only be called in the " \
	"process that loaded it; start worker processes with multiprocessing's " \
	"'spawn' or 'forkserver' method, or fork before importing the module"

const gopy_fail gopy_forked_fail = {
	GOPY_FAIL_FORKED,
	{(char *)GOPY_FORKED_MESSAGE, sizeof GOPY_FORKED_MESSAGE - 1},
	{NULL, 0},
	{NULL, 0},
};

static void gopy_atfork_child(void) { gopy_forked = 1; }

__attribute__((constructor)) static void gopy_atfork_register(void)
{
	pthread_atfork(NULL, NULL, gopy_atfork_child);
}
*/
import "C"

import (
	"fmt"
	"runtime/debug"
	"strings"
	"unsafe"
)

// gopyRecover turns a panic in the current export into a GOPY_FAIL_PANIC
// record. Every export whose named result is `fail C.gopy_fail_addr` starts
// with
//
//	defer gopyRecover(&fail)
//
// It must be deferred directly (not called from another deferred
// function) for recover to see the panic.
func gopyRecover(fail *C.gopy_fail_addr) {
	if r := recover(); r != nil {
		*fail = gopyPanicFail(r)
	}
}

// gopyPanicFail makes the GOPY_FAIL_PANIC record of the recovered panic
// value r: the message is r formatted with %v (so an error's Error(), a
// Stringer's String()), the Go type is %T, and the traceback is the
// panicking goroutine's stack.
func gopyPanicFail(r any) C.gopy_fail_addr {
	if t, ok := r.(gopyTypeError); ok {
		return gopyNewFail(C.GOPY_FAIL_TYPE, t.msg, "", "")
	}
	if p, ok := r.(gopyPyPanic); ok { // a callback's exception, back to its caller
		return gopyPyFailRecord(p.gopyPyObj, string(debug.Stack()))
	}
	return gopyNewFail(C.GOPY_FAIL_PANIC, fmt.Sprint(r),
		fmt.Sprintf("%T", r), string(debug.Stack()))
}

// gopyPend leaves fail for the C caller of an export that returns its
// result directly (gopy_abi.h: gopy_pending_fail); the export then returns
// its sentinel. Such an export recovers with a deferred closure that, unless
// the call completed, sets the sentinel and calls gopyPendPanic(recover()):
// cheaper on every call than a deferred gopyRecover, which matters most
// for the small calls these exports are.
func gopyPend(fail C.gopy_fail_addr) {
	C.gopy_set_pending_fail(fail)
}

// gopyPendPanic pends the record of the recovered panic value r, if any.
func gopyPendPanic(r any) {
	if r != nil {
		gopyPend(gopyPanicFail(r))
	}
}

// gopyRetBool is a bool result as a direct export returns it.
func gopyRetBool(b bool) C.longlong {
	if b {
		return 1
	}
	return 0
}

// gopyError turns a non-nil error result into a GOPY_FAIL_ERROR record
// whose message is err.Error() and whose Go type is err's dynamic type.
func gopyError(err error) C.gopy_fail_addr {
	if e, ok := err.(gopyPyError); ok { // a Python exception comes back as itself
		return gopyPyFailRecord(e.gopyPyObj, "")
	}
	if e, ok := err.(gopyIOTypeError); ok { // a stream's answer of the wrong type (gopy_io.go)
		return gopyNewFail(C.GOPY_FAIL_TYPE, e.msg, "", "")
	}
	f := gopyFailRecord(C.GOPY_FAIL_ERROR, err.Error(), fmt.Sprintf("%T", err), "")
	// The error itself, so that Python can hand it back to Go unchanged
	// (errors.Is(err, io.EOF) stays true): an instance of its error class
	// when its dynamic type is a struct of the module, else a GoError.
	var v C.gopy_val
	if gopyBoxError(err, &v) {
		f.error, f.cls = v.i, v.cls
		return C.gopy_fail_addr(uintptr(unsafe.Pointer(f)))
	}
	f.error = C.longlong(gopyErrorHandle(err))
	return C.gopy_fail_addr(uintptr(unsafe.Pointer(f)))
}

// gopyNewFail allocates a gopy_fail in C memory, which the C side frees,
// and returns its address.
func gopyNewFail(kind C.int, message, goType, traceback string) C.gopy_fail_addr {
	return C.gopy_fail_addr(uintptr(unsafe.Pointer(gopyFailRecord(kind, message, goType, traceback))))
}

// gopyFailRecord is gopyNewFail's record, for a caller that adds to it.
func gopyFailRecord(kind C.int, message, goType, traceback string) *C.gopy_fail {
	f := (*C.gopy_fail)(C.malloc(C.size_t(unsafe.Sizeof(C.gopy_fail{}))))
	f.kind = kind
	f.message = gopyCStr(message)
	f.go_type = gopyCStr(goType)
	f.traceback = gopyCStr(traceback)
	f.error, f.cls = 0, -1
	f.py = nil // C.malloc does not zero: GOPY_FAIL_PYEXC's maker sets it
	return f
}

// gopyCStr copies s into C.malloc'd memory for the C side, which frees
// it. The empty string is {NULL, 0}. The bytes are copied as they are, so
// invalid UTF-8 reaches C (and Python, via surrogateescape) intact.
func gopyCStr(s string) C.gopy_str {
	if len(s) == 0 {
		return C.gopy_str{}
	}
	p := C.malloc(C.size_t(len(s)))
	copy(unsafe.Slice((*byte)(p), len(s)), s)
	return C.gopy_str{p: (*C.char)(p), n: C.size_t(len(s))}
}

// gopyString returns a Go-owned copy of a string argument whose bytes live
// in C (Python) memory, which user code must never retain.
func gopyString(s string) string {
	return strings.Clone(s)
}

// gopySlice returns a new Go slice holding copies of the n elements of C
// memory starting at p, or nil when n is 0. append allocates without
// zeroing what it then overwrites: one pass over the memory, not two.
func gopySlice[T any](p *T, n int) []T {
	if n <= 0 {
		return nil
	}
	return append([]T(nil), unsafe.Slice(p, n)...)
}

// gopyStrings is gopySlice for strings (and named string types): it also
// copies the bytes of each string, which point into C memory too.
func gopyStrings[T ~string](p *T, n int) []T {
	s := gopySlice(p, n)
	for i := range s {
		s[i] = T(strings.Clone(string(s[i])))
	}
	return s
}
