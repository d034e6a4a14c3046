// Command climit is built with -buildmode=c-shared: the cgo exports that
// the benchmarks' baselines call (the hand-written C extension in
// bench/limit, ctypes and cffi). Each export calls the same function of
// package gobench as the gopy binding it is compared with, and does
// nothing else: no panic recovery, no argument checks beyond what C does.
package main

/*
#include <stdint.h>

// A C function of one double that Go calls back: bench_callback's f, with
// its context (the limit passes a C function calling a Python callable).
typedef double (*bench_float_fn)(void *ctx, double x);

// f and ctx as integers: both point to C memory, and cgo would check each
// pointer argument on every call, which a careful hand (and gopy) avoids.
static inline double bench_call_float_fn(uintptr_t f, uintptr_t ctx, double x)
{
	return ((bench_float_fn)f)((void *)ctx, x);
}
*/
import "C"

import (
	"sync"
	"unsafe"

	"gopy.bench/gobench"
)

func main() {}

//export bench_add
func bench_add(a, b int64) int64 { return int64(gobench.Add(int(a), int(b))) }

//export bench_nop
func bench_nop() { gobench.Nop() }

// bench_concat writes a + b to out, which has room for len(a)+len(b)
// bytes. a and b point to C memory, valid for the call (gobench.Concat
// does not keep them).
//
//export bench_concat
func bench_concat(a, b string, out unsafe.Pointer) {
	s := gobench.Concat(a, b)
	copy(unsafe.Slice((*byte)(out), len(s)), s)
}

// bench_callback runs gobench.CallMany(g, n), where g calls f(ctx, x)
// through cgo: the loop gopy's Go -> Python callbacks are measured against.
//
//export bench_callback
func bench_callback(f C.bench_float_fn, ctx unsafe.Pointer, n int64) float64 {
	fp, cp := C.uintptr_t(uintptr(unsafe.Pointer(f))), C.uintptr_t(uintptr(ctx))
	return gobench.CallMany(func(x float64) float64 {
		return float64(C.bench_call_float_fn(fp, cp, C.double(x)))
	}, int(n))
}

// points is the handle table of the Point objects of the limit extension:
// a handle is an index into slots plus one. Lookups take the read lock,
// as any table shared with goroutines must.
var points struct {
	mu    sync.RWMutex
	slots []*gobench.Point
	free  []int64
}

func lookup(h int64) *gobench.Point {
	points.mu.RLock()
	p := points.slots[h-1]
	points.mu.RUnlock()
	return p
}

//export bench_point_new
func bench_point_new(x, y float64) int64 {
	p := &gobench.Point{X: x, Y: y}
	points.mu.Lock()
	defer points.mu.Unlock()
	if n := len(points.free); n > 0 {
		h := points.free[n-1]
		points.free = points.free[:n-1]
		points.slots[h-1] = p
		return h
	}
	points.slots = append(points.slots, p)
	return int64(len(points.slots))
}

//export bench_point_free
func bench_point_free(h int64) {
	points.mu.Lock()
	points.slots[h-1] = nil
	points.free = append(points.free, h)
	points.mu.Unlock()
}

//export bench_point_sum
func bench_point_sum(h int64) float64 { return lookup(h).Sum() }

//export bench_point_get_x
func bench_point_get_x(h int64) float64 { return lookup(h).X }

//export bench_point_set_x
func bench_point_set_x(h int64, v float64) { lookup(h).X = v }

// The container exports read the caller's C memory in place (zero copy).

//export bench_sum_floats
func bench_sum_floats(p *float64, n int64) float64 {
	return gobench.SumFloats(unsafe.Slice(p, n))
}

//export bench_sum_ints
func bench_sum_ints(p *int64, n int64) int64 {
	return int64(gobench.SumInts(intSlice(p, n)))
}

//export bench_find
func bench_find(p *int64, n int64, x int64) int64 {
	return int64(gobench.FindElementIdx(intSlice(p, n), int(x)))
}

// intSlice views n int64s as []int (the same size on 64-bit platforms,
// which is all the benchmarks run on).
func intSlice(p *int64, n int64) []int {
	return unsafe.Slice((*int)(unsafe.Pointer(p)), n)
}
