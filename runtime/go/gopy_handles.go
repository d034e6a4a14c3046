// gopy_handles.go: the Go side of Go values as Python objects (see
// gopy_obj.h): the handle table, and the generic helpers the generated
// glue uses to move struct values and pointers across the boundary.
//
// C never holds a Go pointer. A Python object holds a handle: an int64
// naming a *T kept in this table, which keeps the value alive for Go's
// collector until the object dies and releases the handle.
//
// A handle is the slot index plus one in its low 32 bits and the slot's
// generation in the next 31 bits, so it is never 0 (0 stands for a nil
// pointer), always positive, and a handle that was released is
// recognised as invalid even after its slot is reused.

package main

/*
#include "gopy_abi.h"
*/
import "C"

import (
	"fmt"
	"reflect"
	"sync"
	"unsafe"
)

// gopyHandleSlot is one entry of the table; v is nil when the slot is free.
type gopyHandleSlot struct {
	v   any
	gen uint32
}

// gopyHandles is the table. Lookups (every method call and field access)
// take the read lock; creating and releasing take the write lock. Freed
// slots are reused (LIFO), so the table only grows to the largest number
// of values alive at once.
var gopyHandles struct {
	mu    sync.RWMutex
	slots []gopyHandleSlot
	free  []uint32 // indices of free slots
	live  int64
}

const (
	gopyHandleIndexBits = 32
	gopyHandleIndexMask = 1<<gopyHandleIndexBits - 1
	gopyHandleGenMask   = 1<<31 - 1
)

// gopyHandleSplit decodes h into its slot index and generation; ok is
// false when h cannot be a handle.
func gopyHandleSplit(h int64) (i int, gen uint32, ok bool) {
	lo := h & gopyHandleIndexMask
	if h <= 0 || lo == 0 {
		return 0, 0, false
	}
	return int(lo - 1), uint32(h >> gopyHandleIndexBits), true
}

// gopyNewHandle registers p, a non-nil pointer, and returns its new
// handle. Each call makes a new handle, also for a pointer already in the
// table: every Python object owns exactly one handle.
func gopyNewHandle(p any) int64 {
	if v := reflect.ValueOf(p); v.Kind() != reflect.Pointer || v.IsNil() {
		panic(fmt.Sprintf("gopy: handle for %T, not a non-nil pointer", p))
	}
	t := &gopyHandles
	t.mu.Lock()
	defer t.mu.Unlock()
	var i int
	if n := len(t.free); n > 0 {
		i = int(t.free[n-1])
		t.free = t.free[:n-1]
	} else {
		if len(t.slots) >= gopyHandleIndexMask {
			panic("gopy: handle table full")
		}
		t.slots = append(t.slots, gopyHandleSlot{})
		i = len(t.slots) - 1
	}
	s := &t.slots[i]
	s.v = p
	t.live++
	return int64(s.gen)<<gopyHandleIndexBits | int64(i+1)
}

// gopyGet returns the pointer held by handle h. It panics (which the
// export turns into GoPanic) for 0 or a handle that is not live.
func gopyGet(h int64) any {
	t := &gopyHandles
	if i, gen, ok := gopyHandleSplit(h); ok {
		t.mu.RLock()
		var v any
		if i < len(t.slots) && t.slots[i].gen == gen {
			v = t.slots[i].v
		}
		t.mu.RUnlock()
		if v != nil {
			return v
		}
	}
	panic(fmt.Sprintf("gopy: invalid handle %#x (released, or never made)", h))
}

// gopy_handle_release frees handle h; C calls it when the Python object
// holding h is deallocated. 0 and invalid handles are ignored: this runs
// in tp_dealloc, where a panic would end the process.
//
//export gopy_handle_release
func gopy_handle_release(h int64) {
	i, gen, ok := gopyHandleSplit(h)
	if !ok {
		return
	}
	t := &gopyHandles
	t.mu.Lock()
	defer t.mu.Unlock()
	if i >= len(t.slots) || t.slots[i].gen != gen || t.slots[i].v == nil {
		return
	}
	s := &t.slots[i]
	s.v = nil // let the collector have the value
	s.gen = (s.gen + 1) & gopyHandleGenMask
	t.free = append(t.free, uint32(i))
	t.live--
}

// gopy_handle_live is the number of live handles (NAME._gopy.live_handles).
//
//export gopy_handle_live
func gopy_handle_live() int64 {
	t := &gopyHandles
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.live
}

// gopy_handle_addr is the address of the value handle h points to, as an
// integer identity (repr's cycle guard); 0 for an invalid handle. Go's
// collector does not move heap values, and the handle keeps this one
// alive while the C side uses the number.
//
//export gopy_handle_addr
func gopy_handle_addr(h int64) uintptr {
	i, gen, ok := gopyHandleSplit(h)
	if !ok {
		return 0
	}
	t := &gopyHandles
	t.mu.RLock()
	var v any
	if i < len(t.slots) && t.slots[i].gen == gen {
		v = t.slots[i].v
	}
	t.mu.RUnlock()
	if v == nil {
		return 0
	}
	return reflect.ValueOf(v).Pointer()
}

// gopyObj is the *T held by handle h. It panics if h is invalid or holds
// a pointer of another type.
func gopyObj[T any](h int64) *T {
	v := gopyGet(h)
	p, ok := v.(*T)
	if !ok {
		panic(fmt.Sprintf("gopy: handle %#x holds %T, not %T", h, v, p))
	}
	return p
}

// gopyValue is a copy of the T held by handle h (a T parameter).
func gopyValue[T any](h int64) T {
	return *gopyObj[T](h)
}

// gopyPtr is the *T held by handle h, or nil for 0 (a *T parameter).
func gopyPtr[T any](h int64) *T {
	if h == 0 {
		return nil
	}
	return gopyObj[T](h)
}

// gopyNewValue copies v to the heap and returns a new handle to the copy
// (a T result).
func gopyNewValue[T any](v T) int64 {
	p := new(T)
	*p = v
	return gopyNewHandle(p)
}

// gopyPtrHandle is a new handle to p, or 0 for nil (a *T result).
func gopyPtrHandle[T any](p *T) int64 {
	if p == nil {
		return 0
	}
	return gopyNewHandle(p)
}

// gopyValues is a variadic ...T of struct type: the n handles at p (C
// memory, read before the call returns) as a slice of copies; nil when n
// is 0, as Go passes no variadic arguments.
func gopyValues[T any](p *int64, n int) []T {
	if n <= 0 {
		return nil
	}
	hs := unsafe.Slice(p, n)
	s := make([]T, n)
	for i, h := range hs {
		s[i] = gopyValue[T](h)
	}
	return s
}

// gopyPtrs is gopyValues for a variadic ...*T: the pointers themselves,
// nil for 0, so Go's changes through them are visible from Python.
func gopyPtrs[T any](p *int64, n int) []*T {
	if n <= 0 {
		return nil
	}
	hs := unsafe.Slice(p, n)
	s := make([]*T, n)
	for i, h := range hs {
		s[i] = gopyPtr[T](h)
	}
	return s
}

// gopyCopy returns a new handle to a copy of the T held by handle h
// (__copy__ and __deepcopy__). A shallow copy is Go's assignment. A deep
// copy (gopyDeepCopy) also duplicates what the value reaches through its
// exported fields.
func gopyCopy[T any](h int64, deep bool) int64 {
	src := gopyObj[T](h)
	if !deep {
		return gopyNewValue(*src)
	}
	return gopyNewHandle(gopyDeepCopy(src))
}

// gopyDeepCopy returns a deep copy of *src: pointers, slices, maps,
// arrays, structs and interface values reached through exported fields
// are duplicated; numbers, strings, channels, functions and
// unsafe.Pointers are copied as values (channels and functions stay
// shared).
//
// Limits:
//   - unexported fields are copied as Go's assignment copies them, so the
//     pointers, slices and maps they hold stay shared with the original
//     (reflect may not read them to copy what they reach);
//   - map keys are kept as they are (a copied pointer key would be a
//     different key);
//   - a pointer, slice or map met twice is copied once and the copies
//     share it as the originals did, which is also what makes cycles
//     terminate; but a pointer into a value copied elsewhere (&s.F, or a
//     subslice of another slice) becomes a separate copy.
func gopyDeepCopy[T any](src *T) *T {
	c := gopyDeepCopier{seen: map[gopyCopyKey]reflect.Value{}}
	return c.copy(reflect.ValueOf(src)).Interface().(*T)
}

// gopyCopyKey identifies a reference already copied: its type, where it
// points and, for slices, its length and capacity.
type gopyCopyKey struct {
	t        reflect.Type
	p        uintptr
	len, cap int
}

type gopyDeepCopier struct {
	seen map[gopyCopyKey]reflect.Value
}

// copy returns a deep copy of v, a value of v.Type() that the caller may
// Set (never read through an unexported field).
func (c *gopyDeepCopier) copy(v reflect.Value) reflect.Value {
	t := v.Type()
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		k := gopyCopyKey{t: t, p: v.Pointer()}
		if r, ok := c.seen[k]; ok {
			return r
		}
		r := reflect.New(t.Elem())
		c.seen[k] = r // before the contents: cycles end here
		r.Elem().Set(c.copy(v.Elem()))
		return r
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		k := gopyCopyKey{t: t, p: v.Pointer(), len: v.Len(), cap: v.Cap()}
		if r, ok := c.seen[k]; ok {
			return r
		}
		r := reflect.MakeSlice(t, v.Len(), v.Len())
		c.seen[k] = r
		if !gopyHasRefs(t.Elem()) {
			reflect.Copy(r, v)
			return r
		}
		for i := 0; i < v.Len(); i++ {
			r.Index(i).Set(c.copy(v.Index(i)))
		}
		return r
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		k := gopyCopyKey{t: t, p: v.Pointer()}
		if r, ok := c.seen[k]; ok {
			return r
		}
		r := reflect.MakeMapWithSize(t, v.Len())
		c.seen[k] = r
		for it := v.MapRange(); it.Next(); {
			r.SetMapIndex(it.Key(), c.copy(it.Value()))
		}
		return r
	case reflect.Array:
		if !gopyHasRefs(t.Elem()) {
			return v // Set copies it
		}
		r := reflect.New(t).Elem()
		for i := 0; i < v.Len(); i++ {
			r.Index(i).Set(c.copy(v.Index(i)))
		}
		return r
	case reflect.Struct:
		r := reflect.New(t).Elem()
		r.Set(v) // unexported fields: as assignment copies them
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() && gopyHasRefs(t.Field(i).Type) {
				r.Field(i).Set(c.copy(v.Field(i)))
			}
		}
		return r
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		r := reflect.New(t).Elem()
		r.Set(c.copy(v.Elem()))
		return r
	default:
		return v
	}
}

// gopyHasRefs reports whether a value of type t can reach memory a deep
// copy must duplicate (so copying it element by element is needed).
func gopyHasRefs(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	case reflect.Array:
		return gopyHasRefs(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() && gopyHasRefs(t.Field(i).Type) {
				return true
			}
		}
		return false
	default:
		return false
	}
}
