// Package ifaces is the golden package for interface and func values:
// any, error as a value, a named interface (a class, which Python objects
// may implement), an interface of another package, and func types named
// and not, variadic and with an error result.
package ifaces

import (
	"errors"
	"io"
)

// Shape has an area.
type Shape interface {
	// Area is the area.
	Area() float64
}

// Square is a bound type that implements Shape.
type Square struct{ Side float64 }

// Area of the square.
func (s Square) Area() float64 { return s.Side * s.Side }

// Total sums the areas of shapes.
func Total(shapes ...Shape) float64 {
	t := 0.0
	for _, s := range shapes {
		t += s.Area()
	}
	return t
}

// Echo returns v as Go holds it.
func Echo(v any) any { return v }

// ErrEmpty is an error value.
var ErrEmpty = errors.New("empty")

// Split returns an error first and a count.
func Split(s string) (error, int) {
	if s == "" {
		return ErrEmpty, 0
	}
	return nil, len(s)
}

// Copy writes s to w.
func Copy(w io.Writer, s string) (int, error) { return io.WriteString(w, s) }

// Filter keeps the ints keep accepts.
type Filter func(n int) bool

// Keep applies f to each of xs.
func Keep(xs []int, f Filter) []int {
	var out []int
	for _, x := range xs {
		if f(x) {
			out = append(out, x)
		}
	}
	return out
}

// Each calls visit with every argument; visit may fail.
func Each(visit func(i int, s ...string) error, items ...string) error {
	for i, s := range items {
		if err := visit(i, s); err != nil {
			return err
		}
	}
	return nil
}

type Opts interface{}

// Describe says what o holds; o is an undocumented empty interface.
func Describe(o Opts) string {
	if o == nil {
		return "nothing"
	}
	return "something"
}

// Alpha's method takes Zeta, an interface declared after it.
type Alpha interface {
	// Meet meets z.
	Meet(z Zeta) bool
	// Dump writes to an io.Writer, reached before the package's Writer.
	Dump(w io.Writer) error
}

// Zeta is met by Alpha.
type Zeta interface {
	// Name is the name.
	Name() string
}

// Writer is the package's own interface, named like io.Writer (which Copy
// takes): their generated names must differ.
type Writer interface {
	// Write writes p.
	Write(p []byte) (int, error)
}
