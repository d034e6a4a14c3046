// Package calc is the golden-test package: a small API whose generated
// bindings are checked byte for byte.
package calc

import "errors"

// Add returns the sum of a and b.
func Add(a, b int) int { return a + b }

// Div divides a by b.
//
// It fails when b is zero.
func Div(a, b float64) (float64, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	return a / b, nil
}

// Split returns the halves of s.
func Split(s string) (string, string) { return s[:len(s)/2], s[len(s)/2:] }

// Join joins words with sep.
func Join(sep string, words ...string) string {
	out := ""
	for i, w := range words {
		if i > 0 {
			out += sep
		}
		out += w
	}
	return out
}

// Reset returns nothing.
func Reset() {}

// Check fails for negative n.
func Check(n int8) error {
	if n < 0 {
		return errors.New("negative")
	}
	return nil
}

// Flags echoes its arguments.
func Flags(in bool, from uint64, c complex64) (bool, uint64, complex64) { return in, from, c }

// Send is skipped: channels are not supported yet.
func Send(ch chan<- int) {}

// Point is a point in the plane.
type Point struct {
	// X and Y are the coordinates.
	X, Y  float64
	Label string
	next  *Point
}

// Scale multiplies both coordinates by f.
func (p *Point) Scale(f float64) { p.X *= f; p.Y *= f }

// Origin returns the origin, or nil when none is wanted.
func Origin(want bool) *Point {
	if !want {
		return nil
	}
	return &Point{}
}

// Celsius is a temperature.
type Celsius float64

// Fahrenheit converts c.
func (c Celsius) Fahrenheit() float64 { return float64(c)*9/5 + 32 }

// MaxDepth limits recursion.
const MaxDepth = 1 << 70

// Freezing is the freezing point of water.
const Freezing Celsius = 0

// Calls counts the calls made so far.
var Calls int

// Scaled returns xs multiplied by f.
func Scaled(xs []float64, f float64) []float64 {
	r := make([]float64, len(xs))
	for i, x := range xs {
		r[i] = x * f
	}
	return r
}

// Tally counts words.
type Tally map[string]int

// Add counts w once more.
func (t Tally) Add(w string) { t[w]++ }
