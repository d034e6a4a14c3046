// gopy_py.go: Python objects held and called by Go: Python values of Go
// interface and func types (proxies, generated per type in glue.go), Python
// exceptions as Go errors and panics, and the calls back into Python.
//
// Go reaches Python only through the gopy_pyapi the runtime of the module's
// backend registered at exec (gopy_abi.h); every one of its functions takes
// the GIL itself, so Go calls them from any goroutine.

package main

/*
#include <stdlib.h>
#include "gopy_abi.h"
*/
import "C"

import (
	"errors"
	"math"
	"reflect"
	"runtime"
	"sync"
	"unsafe"
)

// gopyAPI is the Python side's table; set once at module exec.
var gopyAPI *C.gopy_pyapi

// gopy_set_pyapi registers the Python side's table (the runtime's static
// storage, which lives as long as the module).
//
//export gopy_set_pyapi
func gopy_set_pyapi(api *C.gopy_pyapi) {
	gopyAPI = api
}

// gopyPyRef is a reference to a Python object that Go owns: the collector's
// cleanup drops it (with the GIL) once Go can no longer reach the ref.
type gopyPyRef struct{ p unsafe.Pointer }

// gopyHoldPy takes a reference of Go's own to the Python object p.
func gopyHoldPy(p unsafe.Pointer) *gopyPyRef {
	C.gopy_api_incref(gopyAPI, p)
	return gopyAdoptPy(p)
}

// gopyAdoptPy takes over a reference the caller owns.
func gopyAdoptPy(p unsafe.Pointer) *gopyPyRef {
	r := &gopyPyRef{p}
	runtime.AddCleanup(r, func(p unsafe.Pointer) { C.gopy_api_decref(gopyAPI, p) }, p)
	return r
}

// gopyPyObj is embedded in every Go value that stands for a Python object,
// so that the object goes back to Python as itself (gopyPyHolder).
type gopyPyObj struct{ ref *gopyPyRef }

func (o gopyPyObj) gopyPyObject() unsafe.Pointer { return o.ref.p }

// gopyPyHolder is what gopyValSet recognises as a Python object.
type gopyPyHolder interface{ gopyPyObject() unsafe.Pointer }

// gopyValPy makes v the Python object p, with a new reference for its
// receiver (gopy_abi.h: PY from Go).
func gopyValPy(v *C.gopy_val, p unsafe.Pointer) {
	C.gopy_api_incref(gopyAPI, p)
	v.kind, v.py = C.GOPY_VAL_PY, p
}

// gopyPyError is a Python exception where Go wants an error: its Error()
// is str(exc), and it reaches Python again as the exception itself.
type gopyPyError struct{ gopyPyObj }

func (e gopyPyError) Error() string { return gopyPyStr(e.ref.p) }

// Is makes two Go values of one Python exception the same error for
// errors.Is: each crossing makes its own.
func (e gopyPyError) Is(target error) bool {
	t, ok := target.(gopyPyError)
	return ok && t.ref.p == e.ref.p
}

// gopyPyPanic is the panic of a callback whose Python code raised, when
// its func type has no error result: the export that Python called
// recovers it and raises the exception itself (GOPY_FAIL_PYEXC).
type gopyPyPanic struct{ gopyPyObj }

func (p gopyPyPanic) Error() string { return "Python exception: " + gopyPyStr(p.ref.p) }

// gopyPyStr is str(p).
func gopyPyStr(p unsafe.Pointer) string {
	s := C.gopy_api_str(gopyAPI, p)
	defer C.free(unsafe.Pointer(s.p))
	return C.GoStringN(s.p, C.int(s.n))
}

// gopyPyFailRecord is the GOPY_FAIL_PYEXC record of a Python exception
// reaching the Python caller again: as itself, with the Go stack.
func gopyPyFailRecord(o gopyPyObj, traceback string) C.gopy_fail_addr {
	f := gopyFailRecord(C.GOPY_FAIL_PYEXC, "", "", traceback)
	C.gopy_api_incref(gopyAPI, o.ref.p)
	f.py = o.ref.p
	return C.gopy_fail_addr(uintptr(unsafe.Pointer(f)))
}

// gopyErrorIn is an error argument: a Python exception becomes a
// gopyPyError.
func gopyErrorIn(v *C.gopy_val) error {
	if v.kind == C.GOPY_VAL_PY {
		return gopyPyError{gopyPyObj{gopyHoldPy(v.py)}}
	}
	return gopyIface[error](v)
}

// gopyCallPy calls the Python object ref (its method when method is not
// nil) with args and converts its results with convert (nil: none), which
// stores them in the Go caller's results. What goes wrong (the Python code raised, or
// returned what convert cannot take) is returned as an error when the
// func or method has an error result (hasErr); otherwise it panics, to be
// raised again by the export the Python caller waits in, or, on a
// goroutine no Python code waits for, is reported through
// sys.unraisablehook and the results stay zero.
func gopyCallPy(ref *gopyPyRef, method *C.char, args, res []C.gopy_val, hasErr bool, convert func()) error {
	var argp, resp uintptr // C memory (gopyValsGet): no Go pointer reaches C
	if len(args) > 0 {
		argp = uintptr(unsafe.Pointer(&args[0]))
	}
	if len(res) > 0 {
		resp = uintptr(unsafe.Pointer(&res[0]))
	}
	if gopyAPI == nil {
		panic("gopy: no Python runtime registered")
	}
	fail := C.gopy_api_call(C.uintptr_t(uintptr(unsafe.Pointer(gopyAPI))), C.uintptr_t(uintptr(ref.p)),
		C.uintptr_t(uintptr(unsafe.Pointer(method))), C.uintptr_t(argp), C.longlong(len(args)),
		C.uintptr_t(resp), C.longlong(len(res)))
	if fail != 0 {
		gopyValFree(res)
		return gopyCallFailed(gopyTakePyFail(fail), hasErr)
	}
	var err error
	if convert != nil {
		err = gopyConvert(method, hasErr, convert)
	}
	gopyValFree(res)
	return err
}

// gopyCallScalars is the call of gopyCallPyScalars: the records are made
// and the result returned by C (gopy_api_call_scalars), so no memory of
// Go's reaches C and none is allocated.
func gopyCallScalars(ref *gopyPyRef, method *C.char, nargs int, kinds uint64, b0, b1, b2, b3 int64, nres int) C.struct_gopy_call_out {
	if gopyAPI == nil {
		panic("gopy: no Python runtime registered")
	}
	return C.gopy_api_call_scalars(C.uintptr_t(uintptr(unsafe.Pointer(gopyAPI))), C.uintptr_t(uintptr(ref.p)),
		C.uintptr_t(uintptr(unsafe.Pointer(method))), C.longlong(nargs), C.ulonglong(kinds),
		C.longlong(b0), C.longlong(b1), C.longlong(b2), C.longlong(b3), C.longlong(nres))
}

// gopyCallPyScalars is gopyCallPy for the common callback (glue.go
// chooses it): at most C.GOPY_SCALAR_ARGS arguments, each a bool or a
// number of a basic type, passed by value (kinds: argument k's
// C.GOPY_VAL_* in bits 4k to 4k+3; b<k> its bits, gopyBitsFloat and
// gopyBitsBool), and one result of type T, which failures route as
// gopyCallPy's do.
func gopyCallPyScalars[T any](ref *gopyPyRef, method *C.char, nargs int, kinds uint64, b0, b1, b2, b3 int64, hasErr bool) (r T, err error) {
	out := gopyCallScalars(ref, method, nargs, kinds, b0, b1, b2, b3, 1)
	res := unsafe.Slice(&out.res, 1)
	if out.fail != 0 {
		gopyValFree(res)
		return r, gopyCallFailed(gopyTakePyFail(out.fail), hasErr)
	}
	var ok bool
	if r, ok = gopyValFast[T](&out.res); !ok {
		// A copy for the general conversion, whose reflect-based paths
		// keep the record's address: out itself stays on the stack.
		rec := out.res
		err = gopyConvert(method, hasErr, func() { r = gopyValTo[T](&rec) })
	}
	if out.res.kind > C.GOPY_VAL_COMPLEX || out.res.py != nil { // holds memory or a reference
		gopyValFree(res)
	}
	return r, err
}

// gopyCallPyScalars0 is gopyCallPyScalars for a callback without results.
func gopyCallPyScalars0(ref *gopyPyRef, method *C.char, nargs int, kinds uint64, b0, b1, b2, b3 int64, hasErr bool) error {
	out := gopyCallScalars(ref, method, nargs, kinds, b0, b1, b2, b3, 0)
	if out.fail != 0 {
		return gopyCallFailed(gopyTakePyFail(out.fail), hasErr)
	}
	return nil
}

// gopyBitsFloat and gopyBitsBool are arguments of gopyCallPyScalars.
func gopyBitsFloat(f float64) int64 { return int64(math.Float64bits(f)) }

func gopyBitsBool(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// gopyConvert runs a call's convert; results Go cannot take are routed
// as gopyCallPy says, named by what returned them.
func gopyConvert(method *C.char, hasErr bool, convert func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			t, ok := r.(gopyTypeError)
			if !ok {
				panic(r)
			}
			what := "a Python callback"
			if method != nil {
				what = "Python method " + C.GoString(method)
			}
			err = gopyCallFailed(gopyTypeError{what + " returned " + t.msg}, hasErr)
		}
	}()
	convert()
	return nil
}

// gopyPyRaised is a Python exception raised in a call into Python; err is
// the Go error it holds when it is a GoError made from one (Python
// re-raising ErrSkip), which Go then gets as itself.
type gopyPyRaised struct {
	obj gopyPyObj
	err error
}

// gopyTakePyFail turns a failure record of the Python side into the Go
// value standing for it: a gopyPyRaised for an exception, a gopyTypeError
// for results of the wrong shape. It frees the record.
func gopyTakePyFail(addr C.gopy_fail_addr) any {
	f := (*C.gopy_fail)(unsafe.Pointer(uintptr(addr)))
	msg := C.GoStringN(f.message.p, C.int(f.message.n))
	var what any = gopyTypeError{msg}
	if f.kind == C.GOPY_FAIL_PYEXC && f.py != nil {
		raised := gopyPyRaised{obj: gopyPyObj{gopyAdoptPy(f.py)}}
		if f.error != 0 { // valid while the exception lives, which it does
			if e, ok := gopyHeldError(gopyGet(int64(f.error))); ok {
				raised.err = e
			}
		}
		what = raised
	}
	C.free(unsafe.Pointer(f.message.p))
	C.free(unsafe.Pointer(f.go_type.p))
	C.free(unsafe.Pointer(f.traceback.p))
	C.free(unsafe.Pointer(f))
	return what
}

// gopyCallFailed routes what went wrong in a call into Python (an
// exception's gopyPyObj or a gopyTypeError), as gopyCallPy says.
func gopyCallFailed(what any, hasErr bool) error {
	raised, isExc := what.(gopyPyRaised)
	if hasErr {
		if isExc && raised.err != nil {
			return raised.err
		}
		if isExc {
			return gopyPyError{raised.obj}
		}
		return errors.New(what.(gopyTypeError).msg)
	}
	if C.gopy_api_has_caller(gopyAPI) != 0 {
		if isExc {
			panic(gopyPyPanic{raised.obj})
		}
		panic(what)
	}
	if isExc {
		C.gopy_api_unraisable(gopyAPI, raised.obj.ref.p, nil)
	} else {
		msg := C.CString("gopy: a Go callback's result: " + what.(gopyTypeError).msg)
		C.gopy_api_unraisable(gopyAPI, nil, msg)
		C.free(unsafe.Pointer(msg))
	}
	return nil
}

// gopyValFree frees records the Python side made for Go (a call's
// results): their malloc'd strings and items, and their references.
func gopyValFree(vals []C.gopy_val) {
	for i := range vals {
		v := &vals[i]
		switch v.kind {
		case C.GOPY_VAL_STR, C.GOPY_VAL_BYTES, C.GOPY_VAL_TIME, C.GOPY_VAL_BIGINT, C.GOPY_VAL_RAT:
			C.free(unsafe.Pointer(v.str.p))
		case C.GOPY_VAL_LIST:
			gopyValFree(gopyValItems(v, 1))
			C.free(unsafe.Pointer(v.items))
		case C.GOPY_VAL_DICT:
			gopyValFree(gopyValItems(v, 2))
			C.free(unsafe.Pointer(v.items))
		}
		if v.py != nil { // a PY record's object, or what keeps a handle valid
			C.gopy_api_decref(gopyAPI, v.py)
		}
		v.kind, v.py = C.GOPY_VAL_NIL, nil
	}
}

// gopyPyName is a method name for the Python side, made once per method
// of a proxy (glue.go keeps it in a variable).
func gopyPyName(name string) *C.char {
	return C.CString(name)
}

// gopyPyFuncs remembers, for each Go func made from a Python callable,
// the callable, so that the func goes back to Python as the callable
// itself. Keyed by the func value's closure address (as an integer, so
// the table keeps nothing alive); an entry goes when its func is collected.
var gopyPyFuncs sync.Map // uintptr -> gopyPyObj

// gopyFuncPtr is the address of the closure a func value points to: Go
// represents a func as a pointer to it. 0 for a nil func.
func gopyFuncPtr(f any) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&f))[1]
}

// gopyPyFunc records that f, a func made by gopyPyFunc_NAME, calls o.
func gopyPyFunc[F any](f F, o gopyPyObj) F {
	p := gopyFuncPtr(f)
	key := uintptr(p)
	gopyPyFuncs.Store(key, o)
	// A later func may get the same address once this one is collected:
	// the cleanup deletes only this func's entry.
	runtime.AddCleanup((*byte)(p), func(k uintptr) { gopyPyFuncs.CompareAndDelete(k, o) }, key)
	return f
}

// gopyFuncObj is the Python callable a func value was made from, if any.
func gopyFuncObj(x any) (gopyPyObj, bool) {
	if reflect.TypeOf(x).Kind() != reflect.Func {
		return gopyPyObj{}, false
	}
	o, ok := gopyPyFuncs.Load(uintptr(gopyFuncPtr(x)))
	if !ok {
		return gopyPyObj{}, false
	}
	return o.(gopyPyObj), true
}

// gopyValBlock is C memory for the records of calls into Python. Go memory
// passed to C escapes to the heap, since a callback may grow the goroutine's
// stack while C holds the pointer: a call would allocate its records. Blocks
// are reused through a pool instead, and freed when the pool drops them.
type gopyValBlock struct{ vals []C.gopy_val }

const gopyBlockVals = 16

var gopyValPool = sync.Pool{New: func() any {
	p := C.calloc(gopyBlockVals, C.size_t(unsafe.Sizeof(C.gopy_val{})))
	b := &gopyValBlock{unsafe.Slice((*C.gopy_val)(p), gopyBlockVals)}
	runtime.AddCleanup(b, func(p unsafe.Pointer) { C.free(p) }, p)
	return b
}}

// gopyValsGet is n zeroed records for a call into Python: C memory from the
// pool (b, to hand back with gopyValsPut), or C memory of their own for
// more than a block holds (b nil).
func gopyValsGet(n int) (*gopyValBlock, []C.gopy_val) {
	if n <= gopyBlockVals {
		b := gopyValPool.Get().(*gopyValBlock)
		return b, b.vals[:n]
	}
	p := C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof(C.gopy_val{})))
	return nil, unsafe.Slice((*C.gopy_val)(p), n)
}

// gopyValsPut hands back what gopyValsGet gave, zeroed for the next call.
func gopyValsPut(b *gopyValBlock, vals []C.gopy_val) {
	clear(vals)
	if b == nil {
		C.free(unsafe.Pointer(&vals[0]))
		return
	}
	gopyValPool.Put(b)
}
