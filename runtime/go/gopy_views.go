// gopy_views.go: the Go side of slices, arrays and maps as Python objects
// (see gopy_view.h): generic helpers the generated glue uses to convert
// container arguments and results, and the exports every slice or array
// view shares (pin, reslice, append).
//
// A view is a handle (gopy_handles.go) to a *S, where S is the slice,
// array or map type: to a copy of a result's header (which shares the
// result's elements, as Go's assignment does), or to the field, variable
// or element the view aliases. For slices and arrays of numbers and bools
// C reads and writes the elements in place; everything else goes through
// the per-type exports in the glue.

package main

/*
#include <stdlib.h>
#include "gopy_abi.h"
*/
import "C"

import (
	"fmt"
	"reflect"
	"unsafe"
)

// gopyView is the *T held by handle h, where T is a slice, array or map
// type. A view of another type with the same underlying type (a Vector
// passed where []float64 is wanted, or the reverse) is converted, as Go
// converts between such types.
func gopyView[T any](h int64) *T {
	v := gopyGet(h)
	if p, ok := v.(*T); ok {
		return p
	}
	want := reflect.TypeOf((*T)(nil))
	if rv := reflect.ValueOf(v); rv.Type().ConvertibleTo(want) {
		return rv.Convert(want).Interface().(*T)
	}
	panic(fmt.Sprintf("gopy: handle %#x holds %T, not %v", h, v, want))
}

// gopyEach converts the n C values at p with f: the elements of a slice
// argument whose elements are themselves containers, or the variadic
// arguments of such a type.
func gopyEach[A, T any](p *A, n int, f func(A) T) []T {
	if n <= 0 {
		return nil
	}
	s := make([]T, n)
	for i, a := range unsafe.Slice(p, n) {
		s[i] = f(a)
	}
	return s
}

// gopyCArray allocates n values of T in C memory, which the C side frees,
// and returns it both as a pointer for C and as a slice for Go to fill.
// T must not hold Go pointers (it is an export's out type).
func gopyCArray[T any](n int) (unsafe.Pointer, []T) {
	if n <= 0 {
		return nil, nil
	}
	var zero T
	p := C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof(zero)))
	if p == nil {
		panic("gopy: out of memory")
	}
	return p, unsafe.Slice((*T)(p), n)
}

// gopyLend is a slice argument that the callee provably does not keep
// (Go's escape analysis; gopy's src/go_escape.c): the memory C passed, used
// in place for the call when C allows it (gopy_seq.in_place), so that a
// numpy array or the elements C converted reach Go without a copy, and
// Go's writes land in the caller's buffer as they would in a view.
// Otherwise, and for views, whatever in makes of it.
func gopyLend[S ~[]E, E any](a C.gopy_seq, in func(C.gopy_seq) S) S {
	if a.handle != 0 || a.in_place == 0 || a.n <= 0 {
		return in(a)
	}
	return S(unsafe.Slice((*E)(a.data), int(a.n)))
}

// gopyBytes is a []byte argument: a copy of the bytes C passed, or nil
// for None (a negative length).
func gopyBytes(a C.gopy_seq) []byte {
	n := int(a.n)
	if n < 0 {
		return nil
	}
	if n == 0 {
		return []byte{}
	}
	return append([]byte(nil), unsafe.Slice((*byte)(a.data), n)...)
}

// gopyCBytes is a []byte result: its bytes in C memory, freed by the C
// side; nil and empty slices are both {NULL, 0}.
func gopyCBytes(b []byte) C.gopy_str {
	if len(b) == 0 {
		return C.gopy_str{}
	}
	p := C.malloc(C.size_t(len(b)))
	copy(unsafe.Slice((*byte)(p), len(b)), b)
	return C.gopy_str{p: (*C.char)(p), n: C.size_t(len(b))}
}

// gopy_view_pin returns a new handle that keeps the elements of the slice
// or array view h alive: a copy of the slice header, or the array's own
// pointer. A buffer export (memoryview, numpy) holds one while it lives,
// so Go memory outlives the view even if Go reassigns the field the view
// aliases.
//
//export gopy_view_pin
func gopy_view_pin(h int64, r0 *int64) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	v := reflect.ValueOf(gopyGet(h))
	if v.Elem().Kind() == reflect.Slice {
		p := reflect.New(v.Elem().Type())
		p.Elem().Set(v.Elem())
		*r0 = gopyNewHandle(p.Interface())
		return 0
	}
	*r0 = gopyNewHandle(v.Interface())
	return 0
}

// gopy_view_reslice returns a new handle to s[lo:hi] of the slice view h:
// Go's slice expression, so the new view shares the elements.
//
//export gopy_view_reslice
func gopy_view_reslice(h int64, lo int, hi int, r0 *int64) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	v := reflect.ValueOf(gopyGet(h)).Elem()
	p := reflect.New(v.Type())
	p.Elem().Set(v.Slice(lo, hi))
	*r0 = gopyNewHandle(p.Interface())
	return 0
}

// gopy_view_append appends to the slice view h as Go's append does: the
// elements of the slice held by handle src (a view with the same element
// type, or what the per-type make export built from converted elements),
// or, when src is 0, the n flat elements at p, which have the bytes of
// Go's elements (C memory, a Python buffer). Within the capacity the
// backing array is shared, as in Go; beyond it Go allocates a new one.
// The new header goes where the view's header lives: the field, variable
// or element it aliases, or a result's own copy.
//
//export gopy_view_append
func gopy_view_append(h int64, src int64, p unsafe.Pointer, n int) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	s := reflect.ValueOf(gopyGet(h)).Elem()
	if src != 0 {
		s.Set(reflect.AppendSlice(s, reflect.ValueOf(gopyGet(src)).Elem()))
		return 0
	}
	if n <= 0 {
		return 0
	}
	// Grow and SetLen write the header in place; flat elements hold no
	// pointers, so their bytes are copied as they are.
	old := s.Len()
	s.Grow(n)
	s.SetLen(old + n)
	size := int(s.Type().Elem().Size())
	dst := unsafe.Slice((*byte)(s.Index(old).Addr().UnsafePointer()), n*size)
	copy(dst, unsafe.Slice((*byte)(p), n*size))
	return 0
}
