// gopy_dyn.go: values of interface types (any, error and the interfaces of
// the bound API) across the boundary, as gopy_val records (gopy_abi.h).
//
// Python to Go, gopyValIn turns a record into the Go value Python meant:
// basic values, []any and maps for lists and dicts, and the Go values that
// this module's Python objects hold (a struct instance gives its *T, a view
// or an opaque value the value itself). gopyIface then checks that the
// value implements the interface the parameter wants.
//
// Go to Python, gopyValOut writes a Go value as a record: basic values and
// []any / map[string]any by value (copied recursively, in C memory that the
// C side frees), values of bound types as instances of their class
// (gopyBoxBound, generated per module in glue.go), errors as GoError and
// anything else as a handle to a *any that Python wraps opaquely.

package main

/*
#include <stdlib.h>
#include "gopy_abi.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unsafe"
)

// gopyTypeError is a panic value that the export's recovery turns into a
// GOPY_FAIL_TYPE record: Python raises TypeError(msg), as it does for an
// argument of the wrong type that it can see itself.
type gopyTypeError struct{ msg string }

// gopyValIn is the Go value of the record v (C memory; copied).
func gopyValIn(v *C.gopy_val) any {
	if v.cls >= 0 && v.kind != C.GOPY_VAL_OBJ && v.kind != C.GOPY_VAL_GO {
		return gopyNamedIn(int(v.cls), v) // a named basic class's instance
	}
	switch v.kind {
	case C.GOPY_VAL_NIL:
		return nil
	case C.GOPY_VAL_BOOL:
		return v.i != 0
	case C.GOPY_VAL_INT:
		return int(v.i)
	case C.GOPY_VAL_UINT:
		return uint64(v.i)
	case C.GOPY_VAL_FLOAT:
		return float64(v.f)
	case C.GOPY_VAL_COMPLEX:
		return complex(float64(v.f), float64(v.f2))
	case C.GOPY_VAL_STR:
		return gopyValString(v)
	case C.GOPY_VAL_BYTES:
		return C.GoBytes(unsafe.Pointer(v.str.p), C.int(v.str.n))
	case C.GOPY_VAL_LIST:
		items := gopyValItems(v, 1)
		out := make([]any, len(items))
		for i := range items {
			out[i] = gopyValIn(&items[i])
		}
		return out
	case C.GOPY_VAL_DICT:
		return gopyDictIn(gopyValItems(v, 2))
	case C.GOPY_VAL_OBJ:
		x := gopyGet(int64(v.i)) // the pointer itself: *T, a Ref's *any
		if r, ok := x.(*any); ok {
			if c, ok := (*r).(gopyCell); ok { // a Ref Go has a *int into: that pointer
				return c.p
			}
		}
		return x
	case C.GOPY_VAL_GO:
		return reflect.ValueOf(gopyGet(int64(v.i))).Elem().Interface()
	case C.GOPY_VAL_PY:
		panic(gopyTypeError{"a Python object that is not a Go value cannot be passed as any"})
	}
	for _, in := range gopyStdHooks.in { // gopy_std.go
		if x, ok := in(v); ok {
			return x
		}
	}
	panic(gopyTypeError{fmt.Sprintf("gopy: cannot pass a value of kind %d to Go yet", int(v.kind))})
}

// gopyNotNamed is the panic of gopyNamedIn for a class index that names
// no named basic class: a record made by a runtime out of step with the
// generated code.
func gopyNotNamed(cls int) gopyTypeError {
	return gopyTypeError{fmt.Sprintf("gopy: class %d is not a named basic class", cls)}
}

// gopyValString is the string a STR record holds, copied.
func gopyValString(v *C.gopy_val) string {
	return C.GoStringN(v.str.p, C.int(v.str.n))
}

// gopyValItems is the items array of a LIST (per = 1) or DICT (per = 2).
func gopyValItems(v *C.gopy_val, per int) []C.gopy_val {
	if v.i <= 0 {
		return nil
	}
	return unsafe.Slice(v.items, int(v.i)*per)
}

// gopyDictIn is a map[string]any when every key is a string, as JSON, YAML
// and TOML libraries expect, else a map[any]any.
func gopyDictIn(kv []C.gopy_val) any {
	n := len(kv) / 2
	allStr := true
	for i := 0; i < n; i++ {
		if kv[2*i].kind != C.GOPY_VAL_STR || kv[2*i].cls >= 0 {
			allStr = false
		}
	}
	if allStr {
		m := make(map[string]any, n)
		for i := 0; i < n; i++ {
			m[gopyValString(&kv[2*i])] = gopyValIn(&kv[2*i+1])
		}
		return m
	}
	m := make(map[any]any, n)
	for i := 0; i < n; i++ {
		k := gopyValIn(&kv[2*i])
		if k != nil && !reflect.TypeOf(k).Comparable() {
			panic(gopyTypeError{fmt.Sprintf("a dict key of Go type %T cannot be a Go map key", k)})
		}
		m[k] = gopyValIn(&kv[2*i+1])
	}
	return m
}

// gopyIface is the value of v as the interface type T (a parameter, field
// or variable of that type): nil for None; TypeError when it does not
// implement T.
func gopyIface[T any](v *C.gopy_val) T {
	var zero T
	x := gopyValIn(v)
	if x == nil {
		return zero
	}
	if v.kind == C.GOPY_VAL_OBJ && reflect.TypeFor[T]() == gopyErrorType {
		if e, ok := gopyHeldError(x); ok { // an error class's instance: the error it is
			x = e
		}
	}
	t, ok := x.(T)
	if !ok {
		panic(gopyTypeError{gopyNotImplemented(x, reflect.TypeOf(&zero).Elem())})
	}
	return t
}

// gopyEachVal is a variadic ...T of interface or func type T from n
// records at p, each converted by in (the type's gopyIface_NAME).
func gopyEachVal[T any](p *C.gopy_val, n int, in func(*C.gopy_val) T) []T {
	if n <= 0 {
		return nil
	}
	vals := unsafe.Slice(p, n)
	out := make([]T, n)
	for i := range vals {
		out[i] = in(&vals[i])
	}
	return out
}

// gopyNotImplemented says why x is not a value of interface type t.
func gopyNotImplemented(x any, t reflect.Type) string {
	xt := reflect.TypeOf(x)
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		if _, ok := xt.MethodByName(m.Name); !ok {
			return fmt.Sprintf("Go %s does not implement %s (missing method %s)", xt, t, m.Name)
		}
	}
	return fmt.Sprintf("Go %s does not implement %s (wrong method signature)", xt, t)
}

// gopyRecv is the value an interface class's instance holds (its
// receiver): the handle's *T (gopyIfaceHandle); or the value of an
// instance of a bound type that implements T.
func gopyRecv[T any](v *C.gopy_val) T {
	if v.kind == C.GOPY_VAL_GO {
		if p, ok := gopyGet(int64(v.i)).(*T); ok { // the class's own: a *T
			return *p
		}
	}
	return gopyIface[T](v) // a bound type's instance: T.M(instance)
}

// gopyValOut is x as a record for C; cls is the interface class that
// wraps a value of no bound type (-1: the opaque GoValue).
func gopyValOut(x any, cls int) C.gopy_val {
	var v C.gopy_val
	gopyValSet(&v, x, cls)
	return v
}

func gopyValSet(v *C.gopy_val, x any, cls int) {
	v.cls = -1
	switch t := x.(type) {
	case nil:
		v.kind = C.GOPY_VAL_NIL
	case bool:
		v.kind = C.GOPY_VAL_BOOL
		v.i = C.longlong(gopyRetBool(t))
	case int:
		gopyValInt(v, int64(t))
	case int8:
		gopyValInt(v, int64(t))
	case int16:
		gopyValInt(v, int64(t))
	case int32:
		gopyValInt(v, int64(t))
	case int64:
		gopyValInt(v, t)
	case uint:
		gopyValUint(v, uint64(t))
	case uint8:
		gopyValUint(v, uint64(t))
	case uint16:
		gopyValUint(v, uint64(t))
	case uint32:
		gopyValUint(v, uint64(t))
	case uint64:
		gopyValUint(v, t)
	case uintptr:
		gopyValUint(v, uint64(t))
	case float32:
		v.kind, v.f = C.GOPY_VAL_FLOAT, C.double(t)
	case float64:
		v.kind, v.f = C.GOPY_VAL_FLOAT, C.double(t)
	case complex64:
		v.kind, v.f, v.f2 = C.GOPY_VAL_COMPLEX, C.double(real(t)), C.double(imag(t))
	case complex128:
		v.kind, v.f, v.f2 = C.GOPY_VAL_COMPLEX, C.double(real(t)), C.double(imag(t))
	case string:
		v.kind, v.str = C.GOPY_VAL_STR, gopyCStr(t)
	case []byte:
		v.kind, v.str = C.GOPY_VAL_BYTES, gopyCBytes(t)
	case []any:
		items := gopyValAlloc(v, C.GOPY_VAL_LIST, len(t), 1)
		for i, e := range t {
			gopyValSet(&items[i], e, -1)
		}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys) // Go's order is random; Python's dict keeps one
		items := gopyValAlloc(v, C.GOPY_VAL_DICT, len(t), 2)
		for i, k := range keys {
			gopyValSet(&items[2*i], k, -1)
			gopyValSet(&items[2*i+1], t[k], -1)
		}
	case map[any]any:
		keys := make([]any, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j])
		})
		items := gopyValAlloc(v, C.GOPY_VAL_DICT, len(t), 2)
		for i, k := range keys {
			gopyValSet(&items[2*i], k, -1)
			gopyValSet(&items[2*i+1], t[k], -1)
		}
	default:
		for _, set := range gopyStdHooks.set { // gopy_std.go
			if set(v, x) {
				return
			}
		}
		if o, ok := x.(gopyPyHolder); ok { // a Python object goes back as itself
			gopyValPy(v, o.gopyPyObject())
			return
		}
		if o, ok := gopyFuncObj(x); ok { // and a callable as itself
			gopyValPy(v, o.ref.p)
			return
		}
		if gopyBoxBound(x, v) {
			return
		}
		if err, ok := x.(error); ok {
			v.kind, v.i = C.GOPY_VAL_ERROR, C.longlong(gopyErrorHandle(err))
			return
		}
		v.kind, v.i, v.cls = C.GOPY_VAL_GO, C.longlong(gopyIfaceHandle(x, cls)), C.int(cls)
	}
}

// gopyValFloat, gopyValBool, gopyValInt and gopyValUint set v to a
// plain value (no class): a callback's argument of a basic type.
func gopyValFloat(v *C.gopy_val, f float64) {
	v.kind, v.f, v.cls = C.GOPY_VAL_FLOAT, C.double(f), -1
}

func gopyValBool(v *C.gopy_val, b bool) {
	v.kind, v.i, v.cls = C.GOPY_VAL_BOOL, C.longlong(gopyRetBool(b)), -1
}

func gopyValInt(v *C.gopy_val, i int64) {
	v.kind, v.i, v.cls = C.GOPY_VAL_INT, C.longlong(i), -1
}

func gopyValUint(v *C.gopy_val, u uint64) {
	v.kind, v.i, v.cls = C.GOPY_VAL_UINT, C.longlong(int64(u)), -1
}

// gopyValObj makes v an instance of class cls owning handle h (0: None).
func gopyValObj(v *C.gopy_val, cls int, h int64) {
	if h == 0 {
		v.kind = C.GOPY_VAL_NIL
		return
	}
	v.kind, v.cls, v.i = C.GOPY_VAL_OBJ, C.int(cls), C.longlong(h)
}

// gopyValView makes v a new view of the container the handle h points to,
// of the module's view number view (a callback's argument).
func gopyValView(v *C.gopy_val, view int, h int64) {
	v.kind, v.cls, v.i = C.GOPY_VAL_VIEW, C.int(view), C.longlong(h)
}

// gopyValAlloc gives v n (times per) items in C memory, which the C side
// frees; v is a LIST or DICT of n.
func gopyValAlloc(v *C.gopy_val, kind C.int, n, per int) []C.gopy_val {
	v.kind, v.i = kind, C.longlong(n)
	if n == 0 {
		return nil
	}
	size := C.size_t(n*per) * C.size_t(unsafe.Sizeof(C.gopy_val{}))
	v.items = (*C.gopy_val)(C.calloc(1, size))
	return unsafe.Slice(v.items, n*per)
}

// gopyErrorHandle is a new handle to a *error holding err.
func gopyErrorHandle(err error) int64 {
	p := new(error)
	*p = err
	return gopyNewHandle(p)
}

// gopy_value_describe writes %T and %v of the value the pointer held by
// handle h points to: the repr of opaque values and interface instances,
// and a GoError's go_type and message.
//
//export gopy_value_describe
func gopy_value_describe(h int64, typ *C.gopy_str, val *C.gopy_str) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	x := reflect.ValueOf(gopyGet(h)).Elem().Interface()
	*typ = gopyCStr(fmt.Sprintf("%T", x))
	*val = gopyCStr(fmt.Sprintf("%v", x))
	return 0
}

// gopy_error_is is errors.Is(*a, *b) for two handles to errors (GoError's
// ==); 0 when either is not a live handle to an error, or Is panics.
//
//export gopy_error_is
func gopy_error_is(a int64, b int64) (r C.uchar) {
	defer func() {
		if recover() != nil {
			r = 0
		}
	}()
	ea, aok := gopyHeldError(gopyGet(a))
	eb, bok := gopyHeldError(gopyGet(b))
	if aok && bok && errors.Is(ea, eb) {
		return 1
	}
	return 0
}

// gopyHeldError is the Go error that p, the pointer a handle holds,
// stands for: the error a GoError's *error holds, or the Go value of an
// error class's instance, as Go code would use it: the value T when T's
// own methods implement error (a copy, equal to the original when T is
// comparable), else the pointer *T.
func gopyHeldError(p any) (error, bool) {
	if e, ok := p.(*error); ok {
		return *e, *e != nil
	}
	if rv := reflect.ValueOf(p); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		if e, ok := rv.Elem().Interface().(error); ok {
			return e, true
		}
	}
	e, ok := p.(error)
	return e, ok
}

// gopy_ref_new makes a Ref: a new *any holding the value of v.
//
//export gopy_ref_new
func gopy_ref_new(v *C.gopy_val, out *C.longlong) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	p := new(any)
	*p = gopyValIn(v)
	*out = C.longlong(gopyNewHandle(p))
	return 0
}

// gopy_ref_get writes the value of the Ref with handle h.
//
//export gopy_ref_get
func gopy_ref_get(h int64, out *C.gopy_val) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	x := *gopyObj[any](h)
	if c, ok := x.(gopyCell); ok {
		x = reflect.ValueOf(c.p).Elem().Interface()
	}
	*out = gopyValOut(x, -1)
	return 0
}

// gopy_ref_set stores the value of v in the Ref with handle h: through
// the pointer Go holds when the Ref is a cell (Go sees the new value).
//
//export gopy_ref_set
func gopy_ref_set(h int64, v *C.gopy_val) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	r := gopyObj[any](h)
	if c, ok := (*r).(gopyCell); ok {
		dst := reflect.ValueOf(c.p).Elem()
		dst.Set(gopyValAs(v, dst.Type()))
		return 0
	}
	*r = gopyValIn(v)
	return 0
}

// gopyCell is what a Ref holds once Go has been given a typed pointer into
// it (a *int parameter): p, the *T, whose value ref.value reads and
// writes. Passed where Go wants any, such a Ref is that *T.
type gopyCell struct{ p any }

// gopyPtrIn is the *T a record from Python stands for (a *int parameter,
// field or variable): nil for None; for a Ref, a pointer Go and the Ref
// share (the Ref's value converted to T the first time); else a pointer to
// a copy of the value.
func gopyPtrIn[T any](v *C.gopy_val) *T {
	switch v.kind {
	case C.GOPY_VAL_NIL:
		return nil
	case C.GOPY_VAL_OBJ:
		r, ok := gopyGet(int64(v.i)).(*any)
		if !ok {
			break
		}
		if c, ok := (*r).(gopyCell); ok {
			if p, ok := c.p.(*T); ok {
				return p
			}
			*r = reflect.ValueOf(c.p).Elem().Interface() // a cell of another type
		}
		p := new(T)
		if *r != nil {
			var val C.gopy_val = gopyValOut(*r, -1)
			defer gopyValFree([]C.gopy_val{val})
			*p = gopyValTo[T](&val)
		}
		*r = gopyCell{p}
		return p
	}
	p := new(T)
	*p = gopyValTo[T](v)
	return p
}

// gopyPtrOut is the record of a *T for Python: None, or the value.
func gopyPtrOut[T any](p *T) C.gopy_val {
	if p == nil {
		return gopyValOut(nil, -1)
	}
	return gopyValOut(*p, -1)
}

// gopyValTo is the value of v, a record from Python (a callback's result),
// as the Go type T: the rules of arguments, checked here since the record
// says only what Python returned. Interfaces and funcs are converted by
// their gopyIface_NAME instead.
func gopyValTo[T any](v *C.gopy_val) T {
	if out, ok := gopyValFast[T](v); ok {
		return out
	}
	return gopyValToAny[T](v)
}

// gopyValFast is gopyValTo for the common results, a float64, int, bool or
// string of no class, without reflect: ok is false for any other record,
// which needs gopyValTo (and can panic there).
func gopyValFast[T any](v *C.gopy_val) (out T, ok bool) {
	// The common results first, without reflect. The switch is on a nil
	// *T (boxing a pointer does not allocate, as boxing out or &out would),
	// the store through out's address.
	p := unsafe.Pointer(&out)
	switch any((*T)(nil)).(type) {
	case *float64:
		if v.kind == C.GOPY_VAL_FLOAT {
			*(*float64)(p) = float64(v.f)
			return out, true
		}
	case *int:
		if v.kind == C.GOPY_VAL_INT {
			*(*int)(p) = int(v.i)
			return out, true
		}
	case *bool:
		if v.kind == C.GOPY_VAL_BOOL {
			*(*bool)(p) = v.i != 0
			return out, true
		}
	case *string:
		if v.kind == C.GOPY_VAL_STR && v.cls < 0 {
			*(*string)(p) = gopyValString(v)
			return out, true
		}
	}
	return out, false
}

// gopyValToAny is gopyValTo's general case, by reflect: a function of its
// own, so that only its result escapes to the heap (reflect takes its
// address), not the fast path's on every call.
func gopyValToAny[T any](v *C.gopy_val) T {
	var out T
	gopyValInto(v, reflect.ValueOf(&out).Elem())
	return out
}

// gopyValAs is gopyValTo for a type known only when the program runs (the
// parameters of a Go func Python calls): interfaces of the API take Python
// objects through their gopyIface_NAME (gopyIfaceHooks).
func gopyValAs(v *C.gopy_val, t reflect.Type) reflect.Value {
	dst := reflect.New(t).Elem()
	if hook, ok := gopyIfaceHooks[t]; ok {
		if x := hook(v); x != nil {
			dst.Set(reflect.ValueOf(x))
		}
		return dst
	}
	gopyValInto(v, dst)
	return dst
}

// gopyIfaceHooks maps the interface and func types of the API to their
// gopyIface_NAME (glue.go registers each with gopyHook).
var gopyIfaceHooks = map[reflect.Type]func(*C.gopy_val) any{}

// gopyHook registers in, the gopyIface_NAME of the type T; glue.go calls
// it in a package variable's initializer, so before any call.
func gopyHook[T any](in func(*C.gopy_val) T) bool {
	gopyIfaceHooks[reflect.TypeOf((*T)(nil)).Elem()] = func(v *C.gopy_val) any { return in(v) }
	return true
}

// gopyValInto stores the value of v in dst, which has the type wanted.
func gopyValInto(v *C.gopy_val, dst reflect.Value) {
	t := dst.Type()
	if v.kind == C.GOPY_VAL_NIL {
		switch t.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map, reflect.Func:
			return
		}
		panic(gopyResultType(v, t))
	}
	if v.kind == C.GOPY_VAL_PY {
		panic(gopyResultType(v, t))
	}
	if gopyContainerInto(v, dst) {
		return
	}
	for _, into := range gopyStdHooks.into { // gopy_std.go
		if into(v, dst) {
			return
		}
	}
	xv := reflect.ValueOf(gopyValIn(v))
	switch t.Kind() {
	case reflect.Bool:
		if xv.Kind() == reflect.Bool {
			dst.SetBool(xv.Bool())
			return
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := gopyValInt64(v); ok {
			if dst.OverflowInt(n) || (v.kind == C.GOPY_VAL_UINT && n < 0) {
				panic(gopyTypeError{fmt.Sprintf("%v, out of range for Go %s", gopyValIn(v), t)})
			}
			dst.SetInt(n)
			return
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if n, ok := gopyValInt64(v); ok {
			u := uint64(n)
			if (v.kind != C.GOPY_VAL_UINT && n < 0) || dst.OverflowUint(u) {
				panic(gopyTypeError{fmt.Sprintf("%v, out of range for Go %s", gopyValIn(v), t)})
			}
			dst.SetUint(u)
			return
		}
	case reflect.Float32, reflect.Float64:
		switch v.kind {
		case C.GOPY_VAL_FLOAT:
			dst.SetFloat(float64(v.f))
			return
		case C.GOPY_VAL_INT, C.GOPY_VAL_BOOL:
			dst.SetFloat(float64(v.i))
			return
		case C.GOPY_VAL_UINT:
			dst.SetFloat(float64(uint64(v.i)))
			return
		}
	case reflect.Complex64, reflect.Complex128:
		switch v.kind {
		case C.GOPY_VAL_COMPLEX, C.GOPY_VAL_FLOAT:
			dst.SetComplex(complex(float64(v.f), float64(v.f2)))
			return
		case C.GOPY_VAL_INT, C.GOPY_VAL_BOOL:
			dst.SetComplex(complex(float64(v.i), 0))
			return
		}
	case reflect.String:
		if xv.Kind() == reflect.String {
			dst.SetString(xv.String())
			return
		}
	}
	if xv.Type().AssignableTo(t) {
		dst.Set(xv)
		return
	}
	switch t.Kind() { // a view of a container type with the same underlying one
	case reflect.Slice, reflect.Array, reflect.Map:
		if xv.Kind() == t.Kind() && xv.Type().ConvertibleTo(t) {
			dst.Set(xv.Convert(t))
			return
		}
	}
	if xv.Kind() == reflect.Pointer && xv.Type().Elem() == t { // an instance where a T is wanted: a copy
		dst.Set(xv.Elem())
		return
	}
	panic(gopyResultType(v, t))
}

// gopyContainerInto stores a list or tuple (LIST) in a slice or array dst,
// and a dict (DICT) in a map dst, element by element as gopyValAs converts
// (a callback's container result, as a parameter's argument converts);
// false for any other record or type. An element Go cannot take is a
// gopyTypeError naming its place: "[2]: str, where Go wants int".
func gopyContainerInto(v *C.gopy_val, dst reflect.Value) bool {
	t := dst.Type()
	switch {
	case v.kind == C.GOPY_VAL_LIST && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		items := gopyValItems(v, 1)
		if t.Kind() == reflect.Array && len(items) != t.Len() {
			panic(gopyTypeError{fmt.Sprintf("%d item%s, where Go wants %s", len(items),
				map[bool]string{false: "s", true: ""}[len(items) == 1], t)})
		}
		if t.Kind() == reflect.Slice {
			dst.Set(reflect.MakeSlice(t, len(items), len(items)))
		}
		for i := range items {
			dst.Index(i).Set(gopyValAt(&items[i], t.Elem(), fmt.Sprintf("[%d]", i)))
		}
		return true
	case v.kind == C.GOPY_VAL_DICT && t.Kind() == reflect.Map:
		kv := gopyValItems(v, 2)
		m := reflect.MakeMapWithSize(t, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			where := gopyValKey(&kv[i])
			k := gopyValAt(&kv[i], t.Key(), "key "+where)
			m.SetMapIndex(k, gopyValAt(&kv[i+1], t.Elem(), "["+where+"]"))
		}
		dst.Set(m)
		return true
	}
	return false
}

// gopyValAt is gopyValAs for an element at where, which a failure names.
func gopyValAt(v *C.gopy_val, t reflect.Type, where string) reflect.Value {
	defer func() {
		if r := recover(); r != nil {
			te, ok := r.(gopyTypeError)
			if !ok {
				panic(r)
			}
			if strings.HasPrefix(te.msg, "[") || strings.HasPrefix(te.msg, "key ") {
				te.msg = where + te.msg
			} else {
				te.msg = where + ": " + te.msg
			}
			panic(te)
		}
	}()
	return gopyValAs(v, t)
}

// gopyValKey is a dict key record as Python would show it: 'a', 3.
func gopyValKey(v *C.gopy_val) string {
	switch v.kind {
	case C.GOPY_VAL_STR:
		return "'" + gopyValString(v) + "'"
	case C.GOPY_VAL_BOOL:
		return map[bool]string{false: "False", true: "True"}[v.i != 0]
	case C.GOPY_VAL_INT, C.GOPY_VAL_UINT, C.GOPY_VAL_FLOAT:
		return fmt.Sprint(gopyValIn(v))
	}
	return gopyValPyType(v)
}

// gopyValInt64 is an integer record's value (a bool is an int, as in Python).
func gopyValInt64(v *C.gopy_val) (int64, bool) {
	switch v.kind {
	case C.GOPY_VAL_INT, C.GOPY_VAL_UINT, C.GOPY_VAL_BOOL:
		return int64(v.i), true
	}
	return 0, false
}

// gopyResultType says that Python gave v where Go wants a t.
func gopyResultType(v *C.gopy_val, t reflect.Type) gopyTypeError {
	return gopyTypeError{fmt.Sprintf("%s, where Go wants %s", gopyValPyType(v), t)}
}

// gopyValPyType names the Python type a record came from, for messages.
func gopyValPyType(v *C.gopy_val) string {
	names := map[C.int]string{
		C.GOPY_VAL_NIL: "None", C.GOPY_VAL_BOOL: "bool", C.GOPY_VAL_INT: "int", C.GOPY_VAL_UINT: "int",
		C.GOPY_VAL_FLOAT: "float", C.GOPY_VAL_COMPLEX: "complex", C.GOPY_VAL_STR: "str",
		C.GOPY_VAL_BYTES: "bytes", C.GOPY_VAL_LIST: "list", C.GOPY_VAL_DICT: "dict",
		C.GOPY_VAL_PY: "a Python object", C.GOPY_VAL_TIME: "datetime.datetime",
		C.GOPY_VAL_DURATION: "datetime.timedelta", C.GOPY_VAL_BIGINT: "int",
		C.GOPY_VAL_RAT: "fractions.Fraction",
	}
	if n, ok := names[v.kind]; ok {
		return n
	}
	return fmt.Sprintf("Go %T", gopyValIn(v))
}

var gopyErrorType = reflect.TypeOf((*error)(nil)).Elem()

// gopy_value_call calls the Go func the value with handle h holds (a
// GoValue: a func Go returned) with the nargs records at args, converted
// to its parameter types; out becomes a LIST of its results, a trailing
// error left out (a non-nil one is the call's failure, raised).
//
//export gopy_value_call
func gopy_value_call(h int64, args *C.gopy_val, nargs C.longlong, out *C.gopy_val) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	f := reflect.ValueOf(gopyGet(h)).Elem()
	if f.Kind() == reflect.Interface {
		f = f.Elem()
	}
	if f.Kind() != reflect.Func || f.IsNil() {
		panic(gopyTypeError{fmt.Sprintf("Go %s is not callable", f.Type())})
	}
	t := f.Type()
	n := int(nargs)
	if n < t.NumIn()-1 || (!t.IsVariadic() && n != t.NumIn()) {
		panic(gopyTypeError{fmt.Sprintf("Go %s takes %d arguments, not %d", t, t.NumIn(), n)})
	}
	var vals []C.gopy_val
	if n > 0 {
		vals = unsafe.Slice(args, n)
	}
	in := make([]reflect.Value, n)
	for i := range vals {
		pt := t.In(min(i, t.NumIn()-1))
		if t.IsVariadic() && i >= t.NumIn()-1 {
			pt = pt.Elem()
		}
		in[i] = gopyArg(&vals[i], pt, i)
	}
	res := f.Call(in)
	if k := len(res); k > 0 && t.Out(k-1) == gopyErrorType {
		if err, _ := res[k-1].Interface().(error); err != nil {
			return gopyError(err)
		}
		res = res[:k-1]
	}
	items := gopyValAlloc(out, C.GOPY_VAL_LIST, len(res), 1)
	for i, r := range res {
		gopyValSet(&items[i], r.Interface(), -1)
	}
	return 0
}

// gopy_value_signature writes the Go type of the func the value with
// handle h holds ("" when it holds no func), for its Python signature.
//
//export gopy_value_signature
func gopy_value_signature(h int64, out *C.gopy_str, nparams *C.longlong, variadic *C.uchar) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	f := reflect.ValueOf(gopyGet(h)).Elem()
	if f.Kind() == reflect.Interface {
		f = f.Elem()
	}
	if !f.IsValid() || f.Kind() != reflect.Func {
		return 0
	}
	*out = gopyCStr(f.Type().String())
	*nparams = C.longlong(f.Type().NumIn())
	*variadic = C.uchar(gopyRetBool(f.Type().IsVariadic()))
	return 0
}

// gopyArg is argument i of a Go func Python calls, as its parameter type;
// a value Go cannot take is a TypeError naming the argument.
func gopyArg(v *C.gopy_val, t reflect.Type, i int) reflect.Value {
	defer func() {
		if r := recover(); r != nil {
			if te, ok := r.(gopyTypeError); ok {
				panic(gopyTypeError{fmt.Sprintf("argument %d is %s", i+1, te.msg)})
			}
			panic(r)
		}
	}()
	return gopyValAs(v, t)
}
