// Package units is another package whose types the package foreign uses:
// gopy binds them, as classes of the submodule foreign.units.
package units

import "fmt"

// Meters is a length.
type Meters float64

// String formats the length with its unit.
func (m Meters) String() string { return fmt.Sprintf("%gm", float64(m)) }

// Point is a place on a plane.
type Point struct {
	X, Y  Meters
	Label string
}

// Dist is the Manhattan distance from p to q.
func (p Point) Dist(q Point) Meters {
	dx, dy := p.X-q.X, p.Y-q.Y
	if dx < 0 {
		dx = -dx
	}
	if dy < 0 {
		dy = -dy
	}
	return dx + dy
}

// Move moves p in place.
func (p *Point) Move(dx, dy Meters) { p.X += dx; p.Y += dy }

// Path is a named slice of points.
type Path []Point

// Length sums the distances between consecutive points.
func (p Path) Length() Meters {
	var n Meters
	for i := 1; i < len(p); i++ {
		n += p[i-1].Dist(p[i])
	}
	return n
}

// Shape is something with an area.
type Shape interface {
	Area() float64
	Name() string
}

// Square is a Shape.
type Square struct{ Side Meters }

func (s Square) Area() float64 { return float64(s.Side * s.Side) }
func (s Square) Name() string  { return "square" }

// RangeError is an error type of this package.
type RangeError struct {
	Value int
	Max   int
}

func (e *RangeError) Error() string { return fmt.Sprintf("%d is out of range (max %d)", e.Value, e.Max) }

// Box holds a Corner two types away from package foreign's API.
type Box struct{ Corner Corner }

// Corner is only reachable through Box.
type Corner struct{ Tag Tag }

// Tag is three types away.
type Tag struct{ Name string }

// Helper is a function of this package: not bound (only types are).
func Helper() int { return 1 }
