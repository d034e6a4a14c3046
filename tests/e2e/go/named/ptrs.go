package named

import "fmt"

// Pointers to basic and named basic values: Python passes None, a value
// (Go gets a pointer to a copy) or a Ref (Go gets a pointer into it).

// Gauge holds pointers to basic values.
type Gauge struct {
	Hits *int
	Unit *string
	Temp *Celsius
}

// Incr adds one to *n and returns it; -1 for nil.
func Incr(n *int) int {
	if n == nil {
		return -1
	}
	*n++
	return *n
}

// Incr8 adds one to *n.
func Incr8(n *int8) int8 {
	*n++
	return *n
}

var held *int

// Hold keeps n; Bump increments what it points to later.
func Hold(n *int) { held = n }

// Bump increments the int Hold kept and returns it.
func Bump() int {
	*held++
	return *held
}

// NewInt returns a pointer to v.
func NewInt(v int) *int { return &v }

// NilInt returns nil.
func NilInt() *int { return nil }

// Greet returns a greeting for *name and marks the name as seen.
func Greet(name *string) string {
	if name == nil {
		return "nobody"
	}
	g := "hello " + *name
	*name = "seen " + *name
	return g
}

// Warm adds one degree to *c and returns it.
func Warm(c *Celsius) Celsius {
	*c += 1
	return *c
}

// SetFlag sets *f.
func SetFlag(f *Flag) { *f = true }

// Halve halves *x and returns it as a complex.
func Halve(x *complex128) complex128 {
	*x /= 2
	return *x
}

// PtrType is %T of v: a Ref that Go was given a *int into is that *int.
func PtrType(v any) string { return fmt.Sprintf("%T", v) }

// ApplyPtr calls f with a pointer to v and returns its result.
func ApplyPtr(f func(*int) *int, v int) *int { return f(&v) }

// ApplyNil calls f with nil.
func ApplyNil(f func(*int) *int) *int { return f(nil) }

// PtrPtr is skipped: a pointer to a pointer.
func PtrPtr(p **int) {}

// Ptrs returns pointers to 1 and 2 around a nil.
func Ptrs() []*int {
	a, b := 1, 2
	return []*int{&a, nil, &b}
}

// SumPtrs adds what the non-nil pointers point to.
func SumPtrs(xs ...*int) int {
	s := 0
	for _, x := range xs {
		if x != nil {
			s += *x
		}
	}
	return s
}

// Ints is a named slice whose pointer methods grow it.
type Ints []int

// Push appends x.
func (v *Ints) Push(x int) { *v = append(*v, x) }

// NewInts returns a pointer to a new Ints.
func NewInts(xs ...int) *Ints {
	v := Ints(xs)
	return &v
}

// NilInts returns a nil *Ints.
func NilInts() *Ints { return nil }

// GrowInts appends 0..n-1 to *v.
func GrowInts(v *Ints, n int) {
	for i := 0; i < n; i++ {
		*v = append(*v, i)
	}
}

// GrowRaw appends 9 to *v; nil is left alone.
func GrowRaw(v *[]int) bool {
	if v == nil {
		return false
	}
	*v = append(*v, 9)
	return true
}

// NewTable returns a pointer to a map.
func NewTable() *map[string]int {
	m := map[string]int{"a": 1}
	return &m
}

// Shelf holds a pointer to an Ints.
type Shelf struct {
	Items *Ints
}
