// Package ifaces passes interface values between Python and Go: any, a
// named interface with bound and unexported implementations, errors as
// values, and out-parameters filled through an any.
package ifaces

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
)

// any ---------------------------------------------------------------------

// Echo returns v unchanged.
func Echo(v any) any { return v }

// Describe reports Go's %T and %v of v.
func Describe(v any) (string, string) {
	return fmt.Sprintf("%T", v), fmt.Sprintf("%v", v)
}

// Nested builds a tree of []any and map[string]any holding one value of
// every kind that crosses back as a plain Python value.
func Nested() any {
	return map[string]any{
		"ints":   []any{int8(-3), uint64(math.MaxUint64), 7, int64(math.MinInt64)},
		"float":  float32(0.5),
		"cplx":   complex(1, -2),
		"text":   "héllo \xff",
		"raw":    []byte("raw\x00"),
		"none":   nil,
		"yes":    true,
		"empty":  []any{},
		"inner":  map[string]any{"list": []any{"a", []any{1.5, false}}},
		"byint":  map[any]any{1: "one", "two": 2},
		"nodict": map[string]any{},
	}
}

// Sprintf formats args with format, as fmt.Sprintf does.
func Sprintf(format string, args ...any) string {
	return fmt.Sprintf(format, args...)
}

// Count returns how many values it was given.
func Count(args ...any) int { return len(args) }

// Box holds any value beside a label.
type Box struct {
	// Value is any value Go can hold.
	Value any
	// Label names the box.
	Label string
}

// Describe reports Go's %T and %v of the box's value.
func (b *Box) Describe() (string, string) { return Describe(b.Value) }

// Current is a package variable of type any.
var Current any

// DescribeCurrent reports Go's %T and %v of Current.
func DescribeCurrent() (string, string) { return Describe(Current) }

// SetCurrent stores v in Current from Go.
func SetCurrent(v any) { Current = v }

// Celsius is a temperature: a named basic type.
type Celsius float64

// Boiling returns the boiling point of water as an any.
func Boiling() any { return Celsius(100) }

// Ints returns 0..n-1 as a slice (a view in Python).
func Ints(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// Ages returns a map (a view in Python).
func Ages() map[string]int { return map[string]int{"a": 1, "b": 2} }

// Tags is a named slice type: a view class in Python.
type Tags []string

// NewTags returns a Tags holding tags.
func NewTags(tags ...string) Tags { return Tags(tags) }

// AnyTags returns a Tags as an any.
func AnyTags() any { return Tags{"x", "y"} }

// Point is a plain struct with no methods.
type Point struct {
	// X is the horizontal coordinate.
	X int
	// Y is the vertical coordinate.
	Y int
}

// NewPoint returns a *Point as an any.
func NewPoint(x, y int) any { return &Point{X: x, Y: y} }

// token is a value Python has no class for: it crosses as an opaque value.
type token struct{ id int }

// NewToken returns an opaque value holding id.
func NewToken(id int) any { return token{id: id} }

// TokenID returns the id of a value NewToken made, or -1 for anything else.
func TokenID(v any) int {
	if t, ok := v.(token); ok {
		return t.id
	}
	return -1
}

// counter is an unexported pointer type: it shows that the same pointer
// comes back, not a copy.
type counter struct{ n int }

// NewCounter returns an opaque pointer to a counter at zero.
func NewCounter() any { return &counter{} }

// Bump increments a counter NewCounter made and returns its new count, or
// -1 when v is not one.
func Bump(v any) int {
	c, ok := v.(*counter)
	if !ok {
		return -1
	}
	c.n++
	return c.n
}

// Named interfaces -------------------------------------------------------

// Shape is a plane figure.
type Shape interface {
	// Area returns the surface of the shape.
	Area() float64
	// Name returns what kind of shape it is.
	Name() string
}

// Solid is a Shape with a volume: an interface embedding another.
type Solid interface {
	Shape
	// Volume returns the space the solid fills.
	Volume() float64
}

// Rect is a Shape with value receivers.
type Rect struct {
	// W is the width.
	W float64
	// H is the height.
	H float64
}

// Area returns W*H.
func (r Rect) Area() float64 { return r.W * r.H }

// Name returns "rect".
func (r Rect) Name() string { return "rect" }

// Circle is a Shape with pointer receivers.
type Circle struct {
	// R is the radius.
	R float64
}

// Area returns pi*R*R.
func (c *Circle) Area() float64 { return math.Pi * c.R * c.R }

// Name returns "circle".
func (c *Circle) Name() string { return "circle" }

// Grow multiplies the radius by f.
func (c *Circle) Grow(f float64) { c.R *= f }

// square is a Shape Python has no class for: it crosses as a Shape.
type square struct{ side float64 }

// Area returns side*side.
func (s square) Area() float64 { return s.side * s.side }

// Name returns "square".
func (s square) Name() string { return "square" }

// cube is a Solid Python has no class for: it crosses as a Solid.
type cube struct{ side float64 }

// Area returns the surface of the cube's six faces.
func (c cube) Area() float64 { return 6 * c.side * c.side }

// Name returns "cube".
func (c cube) Name() string { return "cube" }

// Volume returns side cubed.
func (c cube) Volume() float64 { return c.side * c.side * c.side }

// AreaOf returns s.Area().
func AreaOf(s Shape) float64 { return s.Area() }

// NameOf returns s.Name().
func NameOf(s Shape) string { return s.Name() }

// DescribeShape reports Go's %T and %v of s.
func DescribeShape(s Shape) (string, string) { return Describe(s) }

// IsNil reports whether s is a nil Shape.
func IsNil(s Shape) bool { return s == nil }

// Biggest returns the one of a and b with the larger area (a on a tie).
func Biggest(a, b Shape) Shape {
	if b.Area() > a.Area() {
		return b
	}
	return a
}

// NewCircle returns a bound struct as a Shape.
func NewCircle(r float64) Shape { return &Circle{R: r} }

// NewRect returns a bound struct held by value as a Shape.
func NewRect(w, h float64) Shape { return Rect{W: w, H: h} }

// NewSquare returns an unexported implementation as a Shape.
func NewSquare(side float64) Shape { return square{side: side} }

// NoShape returns a nil Shape.
func NoShape() Shape { return nil }

// NewCube returns an unexported implementation as a Solid.
func NewCube(side float64) Solid { return cube{side: side} }

// VolumeOf returns s.Volume().
func VolumeOf(s Solid) float64 { return s.Volume() }

// ShapeAsAny returns the Shape s as an any.
func ShapeAsAny(s Shape) any { return s }

// Errors as values -------------------------------------------------------

// ErrNotFound is returned, wrapped, for a missing key.
var ErrNotFound = errors.New("not found")

// table is what Lookup and Find search.
var table = map[string]int{"one": 1, "two": 2}

// Lookup returns the value of key, or an error wrapping ErrNotFound.
func Lookup(key string) (int, error) {
	if v, ok := table[key]; ok {
		return v, nil
	}
	return 0, fmt.Errorf("lookup %q: %w", key, ErrNotFound)
}

// Find is Lookup with the error first: the error is a value, not a failure.
func Find(key string) (error, int) {
	v, err := Lookup(key)
	return err, v
}

// IsNotFound reports errors.Is(err, ErrNotFound).
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// Message returns err.Error(), or "<nil>" for a nil error.
func Message(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// Wrap returns err wrapped with msg (fmt.Errorf's %w), or nil for a nil err.
func Wrap(err error, msg string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", msg, err)
}

// CodeError is an error type bound as a struct (pointer receiver).
type CodeError struct {
	// Code says what failed.
	Code int
}

// Error returns "code N".
func (e *CodeError) Error() string { return fmt.Sprintf("code %d", e.Code) }

// Check returns a *CodeError when code is not zero.
func Check(code int) error {
	if code != 0 {
		return &CodeError{Code: code}
	}
	return nil
}

// CodeOf returns the code of the first *CodeError in err's chain, or -1.
func CodeOf(err error) int {
	var ce *CodeError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return -1
}

// Result is an outcome with an error field.
type Result struct {
	// N is the value found.
	N int
	// Err is why there is no value, or nil.
	Err error
}

// Try looks key up and records the outcome.
func Try(key string) *Result {
	n, err := Lookup(key)
	return &Result{N: n, Err: err}
}

// Failed reports whether r holds ErrNotFound.
func (r *Result) Failed() bool { return errors.Is(r.Err, ErrNotFound) }

// Out-parameters ----------------------------------------------------------

// Decode unmarshals the JSON s into out, which must be a pointer (a Ref or
// a struct instance).
func Decode(s string, out any) error {
	return json.Unmarshal([]byte(s), out)
}

// Load unmarshals the JSON s into dst, which must be a pointer to a struct.
func Load(s string, dst any) error {
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("Load needs a pointer to a struct, got %T", dst)
	}
	return json.Unmarshal([]byte(s), dst)
}
