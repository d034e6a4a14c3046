// Package seqs exercises slices, arrays, maps and []byte: views that share
// Go's memory, bulk conversions in, and the buffer protocol.
package seqs

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
)

// Range returns 0, 1, ..., n-1.
func Range(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// Floats returns n float64s 0.5, 1.5, ...
func Floats(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64(i) + 0.5
	}
	return s
}

// Nil returns a nil slice.
func Nil() []int { return nil }

// Sum adds up xs.
func Sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// SumInts adds up xs.
func SumInts(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// FindElementIdx returns the index of x in xs, or -1.
func FindElementIdx(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// ScaleInPlace multiplies every element of xs by f, in place.
func ScaleInPlace(xs []float64, f float64) {
	for i := range xs {
		xs[i] *= f
	}
}

// Len is len(xs), to check what Go received.
func Len(xs []int32) int { return len(xs) }

// Names returns a few strings.
func Names() []string { return []string{"ann", "bob", "", "zoë"} }

// Join joins parts with sep.
func Join(parts []string, sep string) string { return strings.Join(parts, sep) }

// Point is an element type.
type Point struct {
	X, Y int
}

// Points returns n points (i, -i).
func Points(n int) []Point {
	ps := make([]Point, n)
	for i := range ps {
		ps[i] = Point{i, -i}
	}
	return ps
}

// SumX adds up the X of each point.
func SumX(ps []Point) int {
	t := 0
	for _, p := range ps {
		t += p.X
	}
	return t
}

// Ptrs returns pointers, one of them nil.
func Ptrs() []*Point { return []*Point{{1, 2}, nil} }

// Grid returns an n x n grid with g[i][j] = 10*i + j.
func Grid(n int) [][]int {
	g := make([][]int, n)
	for i := range g {
		g[i] = make([]int, n)
		for j := range g[i] {
			g[i][j] = 10*i + j
		}
	}
	return g
}

// Total adds up a grid.
func Total(g [][]int) int {
	t := 0
	for _, row := range g {
		for _, v := range row {
			t += v
		}
	}
	return t
}

// Upper returns b in upper case.
func Upper(b []byte) []byte { return []byte(strings.ToUpper(string(b))) }

// ByteLen is len(b).
func ByteLen(b []byte) int { return len(b) }

// Triple returns an array.
func Triple() [3]int { return [3]int{1, 2, 3} }

// SumTriple adds up an array.
func SumTriple(a [3]int) int { return a[0] + a[1] + a[2] }

// Flip negates bools.
func Flip(bs []bool) []bool {
	r := make([]bool, len(bs))
	for i, b := range bs {
		r[i] = !b
	}
	return r
}

// Kinds of numbers, one slice each, each holding 1, 2, 3.
func Int8s() []int8             { return []int8{1, 2, 3} }
func Int16s() []int16           { return []int16{1, 2, 3} }
func Int32s() []int32           { return []int32{1, 2, 3} }
func Int64s() []int64           { return []int64{1, 2, 3} }
func Uints() []uint             { return []uint{1, 2, 3} }
func Uint16s() []uint16         { return []uint16{1, 2, 3} }
func Uint32s() []uint32         { return []uint32{1, 2, 3} }
func Uint64s() []uint64         { return []uint64{1, 2, 3} }
func Uintptrs() []uintptr       { return []uintptr{1, 2, 3} }
func Float32s() []float32       { return []float32{1, 2, 3} }
func Complex64s() []complex64   { return []complex64{1, 2, 3i} }
func Complex128s() []complex128 { return []complex128{1, 2, 3i} }
func Bytes16() [16]byte         { return [16]byte{1, 2, 3} }

// SumInt8 adds int8s as an int.
func SumInt8(xs []int8) int {
	t := 0
	for _, x := range xs {
		t += int(x)
	}
	return t
}

// SumComplex adds up complex numbers.
func SumComplex(xs []complex128) complex128 {
	var t complex128
	for _, x := range xs {
		t += x
	}
	return t
}

// Vector is a named slice type with methods.
type Vector []float64

// Norm is the Euclidean length.
func (v Vector) Norm() float64 {
	t := 0.0
	for _, x := range v {
		t += x * x
	}
	return math.Sqrt(t)
}

// Push appends x (a pointer method: the view sees the new length).
func (v *Vector) Push(x float64) { *v = append(*v, x) }

// Unit returns v scaled to length 1.
func (v Vector) Unit() (Vector, error) {
	n := v.Norm()
	if n == 0 {
		return nil, errors.New("zero vector")
	}
	r := make(Vector, len(v))
	for i, x := range v {
		r[i] = x / n
	}
	return r, nil
}

// Dot is a function taking the named type.
func Dot(a, b Vector) float64 {
	t := 0.0
	for i := range a {
		t += a[i] * b[i]
	}
	return t
}

// Celsius is a named float.
type Celsius float64

// Temps returns named-float elements.
func Temps() []Celsius { return []Celsius{-40, 100} }

// Mean averages temperatures (variadic of a named type).
func Mean(ts ...Celsius) Celsius {
	var t Celsius
	for _, x := range ts {
		t += x
	}
	return t / Celsius(len(ts))
}

// Counts counts words.
func Counts(words []string) map[string]int {
	m := map[string]int{}
	for _, w := range words {
		m[w]++
	}
	return m
}

// MapLen is len(m).
func MapLen(m map[string]int) int { return len(m) }

// Keys returns the sorted keys.
func Keys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// MakeMap returns {"k0": 0, ..., "k<n-1>": n-1}.
func MakeMap(n int) map[string]int {
	m := make(map[string]int, n)
	for i := 0; i < n; i++ {
		m["k"+itoa(i)] = i
	}
	return m
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// ByID maps ids to points.
func ByID() map[int]Point { return map[int]Point{1: {1, 1}, 2: {2, 4}} }

// Groups maps names to slices.
func Groups() map[string][]int { return map[string][]int{"odd": {1, 3}, "even": {2}} }

// Index is a named map type.
type Index map[string]int

// Get returns m[k] and whether it is there.
func (m Index) Get(k string) (int, bool) {
	v, ok := m[k]
	return v, ok
}

// Bag holds containers as fields.
type Bag struct {
	Items []int
	Tags  map[string]string
	Fixed [2]float64
	Data  []byte
}

// NewBag returns a bag.
func NewBag() *Bag {
	return &Bag{Items: []int{1, 2, 3}, Tags: map[string]string{"a": "x"}, Fixed: [2]float64{1.5, 2.5}, Data: []byte("hi")}
}

// ItemSum adds up b.Items, as Go sees them.
func (b *Bag) ItemSum() int { return SumInts(b.Items) }

// Grow appends to b.Items.
func (b *Bag) Grow(x int) { b.Items = append(b.Items, x) }

// Package variables of container type.
var (
	// Items is a package slice.
	Items = []int{1, 2, 3}
	// IntSlice is an unnamed composite type.
	IntSlice = []int{1, 2}
	// Table is a package map.
	Table = map[string]int{"one": 1}
	// Matrix is a package array of arrays.
	Matrix [2][2]float64
)

// ItemsSum adds up Items, as Go sees them.
func ItemsSum() int { return SumInts(Items) }

// TableGet reads Table.
func TableGet(k string) int { return Table[k] }

// MatrixAt reads Matrix.
func MatrixAt(i, j int) float64 { return Matrix[i][j] }

// Chans is skipped: its elements cannot cross.
func Chans() []chan int { return nil }

// Tree is a recursive map type: skipped.
type Tree map[string]Tree

// PanicIdx indexes out of range in Go.
func PanicIdx(xs []int) int { return xs[len(xs)] }

// AddKey sets m[k] = 1: a map is a reference, so the caller's map changes.
func AddKey(m map[string]int, k string) { m[k] = 1 }

// sink makes Garbage's blocks escape to the heap.
var sink []int

// Garbage allocates n blocks of 3 to 66 ints filled with -7 and drops them,
// so that Go's collector runs and reuses whatever memory is free.
func Garbage(n int) int {
	t := 0
	for i := 0; i < n; i++ {
		s := make([]int, 3+i%64)
		for j := range s {
			s[j] = -7
		}
		sink = s
		t += len(s)
	}
	sink = nil
	return t
}

// Which slice arguments Go may receive in place: a call that keeps no
// reference to its slice (ScaleInPlace, Sum, UpperInPlace) can work on the
// caller's buffer; the calls below keep theirs, so they must get copies.

var kept []float64

// Keep stores xs in a package variable, for Kept.
func Keep(xs []float64) { kept = xs }

// Kept returns what Keep stored.
func Kept() []float64 { return kept }

// Tail returns xs without its first element, sharing xs's elements.
func Tail(xs []float64) []float64 {
	if len(xs) == 0 {
		return nil
	}
	return xs[1:]
}

// ScaleConcurrently multiplies xs by f on two goroutines and waits for
// them: the goroutines capture xs, so it counts as kept.
func ScaleConcurrently(xs []float64, f float64) {
	var wg sync.WaitGroup
	half := len(xs) / 2
	for _, part := range [][]float64{xs[:half], xs[half:]} {
		wg.Add(1)
		go func(part []float64) {
			defer wg.Done()
			for i := range part {
				part[i] *= f
			}
		}(part)
	}
	wg.Wait()
}

// Holder keeps the last slice given to Hold.
type Holder struct{ xs []float64 }

// Hold keeps xs in h.
func (h *Holder) Hold(xs []float64) { h.xs = xs }

// Held returns a copy of what h holds.
func (h *Holder) Held() []float64 { return append([]float64(nil), h.xs...) }

// UpperInPlace upper-cases the ASCII letters of b, in place.
func UpperInPlace(b []byte) {
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
}

// Growing from Python: views append as Go's append does.

// WithRoom returns 0, 1, ..., n-1 in a slice of capacity c.
func WithRoom(n, c int) []int {
	s := make([]int, n, c)
	for i := range s {
		s[i] = i
	}
	return s
}

// Cap is cap(xs), as Go sees it.
func Cap(xs []int) int { return cap(xs) }

// Anys returns values of several types.
func Anys() []any { return []any{1, "two"} }

// Types is the dynamic type of each of xs, as Go sees them.
func Types(xs []any) string {
	ts := make([]string, len(xs))
	for i, x := range xs {
		ts[i] = fmt.Sprintf("%T", x)
	}
	return strings.Join(ts, " ")
}
