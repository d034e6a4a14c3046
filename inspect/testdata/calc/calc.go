// Package calc is a tiny calculator used to test gopy-inspect.
package calc

// Point is a point in the plane.
type Point struct {
	X, Y float64 // coordinates
	// Label names the point.
	Label  string `json:"label"`
	hidden int
}

// Add returns the sum of a and b.
func Add(a, b int) int { return a + b }

// Scale multiplies both coordinates by f.
func (p *Point) Scale(f float64) { p.X *= f; p.Y *= f }

// Norm returns the squared distance from the origin.
func (p Point) Norm() float64 { return p.X*p.X + p.Y*p.Y + float64(p.hidden) }

// Pi is roughly π.
const Pi = 3.14159

// Origin is where the axes cross.
var Origin Point
