// Package structs is the golden package for structs: fields of several
// kinds, unexported and unsupported fields, pointer and value receivers,
// nested and embedded structs, structs as parameters and results.
package structs

// Point is a point in the plane.
type Point struct {
	// X and Y are the coordinates.
	X, Y  float64
	Label string
	next  *Point
}

// Scale multiplies both coordinates by f.
func (p *Point) Scale(f float64) { p.X *= f; p.Y *= f }

// Norm1 is a value-receiver method.
func (p Point) Norm1() float64 { return p.X + p.Y }

// Origin returns the origin, or nil when none is wanted.
func Origin(want bool) *Point {
	if !want {
		return nil
	}
	return &Point{}
}

// Mid returns the middle of a and b, by value.
func Mid(a, b Point) Point { return Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2} }

// Named embeds a Point and has a nested one.
type Named struct {
	Point
	Name   string
	Corner Point
	Owner  *Named
	Pipe   chan int
}

// NewNamed returns a Named called name.
func NewNamed(name string) *Named { return &Named{Name: name} }

// Empty has no exported fields.
type Empty struct{ n int }
