// Package ifaceviews holds a slice of interface values and a callback with
// a slice parameter.
package ifaceviews

// Shape is a plane figure.
type Shape interface {
	// Area returns the surface of the shape.
	Area() float64
}

// Total returns the sum of the areas of shapes.
func Total(shapes []Shape) float64 {
	t := 0.0
	for _, s := range shapes {
		t += s.Area()
	}
	return t
}

// Sum calls f with xs and returns its result.
func Sum(xs []int, f func([]int) int) int { return f(xs) }
