// Package named is the golden package for named basic types: methods,
// value and pointer receivers, typed constants, and named types that are
// skipped.
package named

// Celsius is a temperature.
type Celsius float64

// Fahrenheit converts c.
func (c Celsius) Fahrenheit() float64 { return float64(c)*9/5 + 32 }

// Warm raises c by d in place.
func (c *Celsius) Warm(d Celsius) { *c += d }

// Freezing is the freezing point of water.
const Freezing Celsius = 0

// Boil returns the boiling point.
func Boil() Celsius { return 100 }

// Color is a named string.
type Color string

// Loud returns c in capitals.
func (c Color) Loud() Color { return c + "!" }

// Flag is a named bool.
type Flag bool

// Mix takes and returns named types.
func Mix(c Color, t Celsius, f Flag) (Color, Celsius, Flag) { return c, t, f }

// Handler is skipped: function types do not cross.
type Handler func() int

// Pipes is skipped: its elements are channels.
type Pipes []chan int

// Bump adds one to *n (a pointer to a basic value: None, a value or a Ref).
func Bump(n *int) *int {
	if n != nil {
		*n++
	}
	return n
}

// Vector is a named slice.
type Vector []float64

// Grow appends x to *v (a pointer to a container: a view of it).
func Grow(v *Vector, x float64) *Vector {
	*v = append(*v, x)
	return v
}
