// Package convs is the subject of the differential and fuzz tests: one
// identity function per kind the conversions cover, so that any value can
// be sent through Go and back and compared, plus containers, structs,
// named types, errors and panics. The differential test builds it with
// both backends in one process.
package convs

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

func Bool(v bool) bool                   { return v }
func Int(v int) int                      { return v }
func Int8(v int8) int8                   { return v }
func Int16(v int16) int16                { return v }
func Int32(v int32) int32                { return v }
func Int64(v int64) int64                { return v }
func Uint(v uint) uint                   { return v }
func Uint8(v uint8) uint8                { return v }
func Uint16(v uint16) uint16             { return v }
func Uint32(v uint32) uint32             { return v }
func Uint64(v uint64) uint64             { return v }
func Uintptr(v uintptr) uintptr          { return v }
func Float32(v float32) float32          { return v }
func Float64(v float64) float64          { return v }
func Complex64(v complex64) complex64    { return v }
func Complex128(v complex128) complex128 { return v }
func String(v string) string             { return v }
func Rune(v rune) rune                   { return v }

// Bytes returns a copy of b.
func Bytes(b []byte) []byte { return append([]byte(nil), b...) }

// Ints, Floats, ... return their argument: a view of the same Go slice.
func Ints(v []int) []int                                    { return v }
func Int8s(v []int8) []int8                                 { return v }
func Int16s(v []int16) []int16                              { return v }
func Int32s(v []int32) []int32                              { return v }
func Int64s(v []int64) []int64                              { return v }
func Uint8s(v []uint8) []uint8                              { return append([]uint8(nil), v...) }
func Uint16s(v []uint16) []uint16                           { return v }
func Uint32s(v []uint32) []uint32                           { return v }
func Uint64s(v []uint64) []uint64                           { return v }
func Float32s(v []float32) []float32                        { return v }
func Float64s(v []float64) []float64                        { return v }
func Complex128s(v []complex128) []complex128               { return v }
func Bools(v []bool) []bool                                 { return v }
func Strings(v []string) []string                           { return v }
func Nested(v [][]int) [][]int                              { return v }
func Triple(v [3]int) [3]int                                { return v }
func Grid(v [2][2]float64) [2][2]float64                    { return v }
func StrMap(v map[string]int) map[string]int                { return v }
func IntMap(v map[int]string) map[int]string                { return v }
func NestedMap(v map[string][]float64) map[string][]float64 { return v }

// SumInts adds up v; the copies of a lent slice are never kept.
func SumInts(v []int) int {
	t := 0
	for _, x := range v {
		t += x
	}
	return t
}

// SumBytes adds up b.
func SumBytes(b []byte) int {
	t := 0
	for _, x := range b {
		t += int(x)
	}
	return t
}

// Describe says whether a slice and a map are nil and how long they are:
// a nil slice or map is what Python's None becomes.
func Describe(v []float64, m map[string]int) string {
	return fmt.Sprintf("slice nil=%v len=%d, map nil=%v len=%d", v == nil, len(v), m == nil, len(m))
}

// Mean is gonum's stat.Mean: nil weights weigh every value alike.
func Mean(x, weights []float64) float64 {
	if weights == nil {
		s := 0.0
		for _, v := range x {
			s += v
		}
		return s / float64(len(x))
	}
	if len(x) != len(weights) {
		panic("stat: slice length mismatch")
	}
	s, w := 0.0, 0.0
	for i, v := range x {
		s += v * weights[i]
		w += weights[i]
	}
	return s / w
}

// IsNilBytes says whether b is nil.
func IsNilBytes(b []byte) bool { return b == nil }

// Keys returns m's keys, sorted.
func Keys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Vec is a named slice type with methods.
type Vec []float64

// Sum adds up v.
func (v Vec) Sum() float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t
}

// IsNil says whether v is nil.
func (v Vec) IsNil() bool { return v == nil }

// VecLen is len(v); None is a nil Vec.
func VecLen(v Vec) int { return len(v) }

// VecIsNil says whether v is nil.
func VecIsNil(v Vec) bool { return v == nil }

// Table is a named map type.
type Table map[string]int

// Total adds up t's values.
func (t Table) Total() int {
	s := 0
	for _, v := range t {
		s += v
	}
	return s
}

// TableIsNil says whether t is nil.
func TableIsNil(t Table) bool { return t == nil }

// Level is a named integer type.
type Level int8

// Up is l+1 (it wraps, as Go's int8 does).
func (l Level) Up() Level { return l + 1 }

// Name is a named string type.
type Name string

// Upper is n in upper case.
func (n Name) Upper() Name { return Name(strings.ToUpper(string(n))) }

// Ratio is a named float type.
type Ratio float32

// Twice is 2r.
func Twice(r Ratio) Ratio { return 2 * r }

// Point is a struct with fields of several kinds.
type Point struct {
	X, Y  int
	Label string
	Tags  []string
	Attrs map[string]int
	Scale float32
}

// Norm1 is |X| + |Y|.
func (p Point) Norm1() int {
	a, b := p.X, p.Y
	if a < 0 {
		a = -a
	}
	if b < 0 {
		b = -b
	}
	return a + b
}

// Move adds dx, dy to the point.
func (p *Point) Move(dx, dy int) { p.X += dx; p.Y += dy }

// TagsNil says whether Tags is nil.
func (p *Point) TagsNil() bool { return p.Tags == nil }

// AttrsNil says whether Attrs is nil.
func (p *Point) AttrsNil() bool { return p.Attrs == nil }

// Inner is another struct, for calls with the wrong class.
type Inner struct {
	N int
}

// Double is 2N.
func (i Inner) Double() int { return 2 * i.N }

// Shift returns p moved by d.
func Shift(p Point, d int) Point { p.X += d; p.Y += d; return p }

// PointX reads p.X through a pointer (None is nil: a panic).
func PointX(p *Point) int { return p.X }

// ErrNegative is returned by Sqrt.
var ErrNegative = errors.New("negative argument")

// Sqrt is the integer square root, or an error for a negative n.
func Sqrt(n int) (int, error) {
	if n < 0 {
		return 0, ErrNegative
	}
	r := 0
	for (r+1)*(r+1) <= n {
		r++
	}
	return r, nil
}

// Index panics past the end, as Go does.
func Index(v []int, i int) int { return v[i] }

// Fail panics with msg.
func Fail(msg string) { panic(msg) }

// Weights is a package variable of slice type (None is nil).
var Weights []float64

// Registry is a package variable of map type.
var Registry map[string]int

// WeightsNil says whether Weights is nil.
func WeightsNil() bool { return Weights == nil }

// RegistryNil says whether Registry is nil.
func RegistryNil() bool { return Registry == nil }

// Echo returns v as Go holds it.
func Echo(v any) any { return v }

// GoType is Go's %T and %v of v.
func GoType(v any) string { return fmt.Sprintf("%T %v", v, v) }

// Sizer has a size.
type Sizer interface {
	// Size is the size.
	Size() int
}

// Size is X: Point implements Sizer.
func (p Point) Size() int { return p.X }

// SizeOf is s.Size(), or -1 for nil.
func SizeOf(s Sizer) int {
	if s == nil {
		return -1
	}
	return s.Size()
}

// ErrText is err.Error(), or "" for nil.
func ErrText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Apply is f(x).
func Apply(f func(int) int, x int) int { return f(x) }

// IntPtr doubles *p into a new pointer; nil stays nil.
func IntPtr(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p * 2
	return &v
}

// Uint8Ptr is *p, or 0 for nil.
func Uint8Ptr(p *uint8) uint8 {
	if p == nil {
		return 0
	}
	return *p
}

// Float32Ptr is *p, or -1 for nil.
func Float32Ptr(p *float32) float32 {
	if p == nil {
		return -1
	}
	return *p
}

// StrPtr is a pointer to *p repeated; nil stays nil.
func StrPtr(p *string) *string {
	if p == nil {
		return nil
	}
	s := *p + *p
	return &s
}

// Anys is xs as Go holds it: a view of a []any.
func Anys(xs []any) []any { return xs }

// Options is m as Go holds it: a view of a map[string]any.
func Options(m map[string]any) map[string]any { return m }

// MapInts is f(xs): a slice crossing into a callback and back.
func MapInts(f func([]int) []int, xs []int) []int { return f(xs) }

// Fill calls f with an empty map[string]any it may fill, and returns it.
func Fill(f func(map[string]any)) map[string]any {
	m := map[string]any{}
	f(m)
	return m
}
