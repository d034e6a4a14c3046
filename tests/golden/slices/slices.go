// Package slices is the golden package for slices: numbers, strings,
// bytes, structs, nested slices, a named slice type with methods, and
// element types that are skipped.
package slices

// Scaled returns xs multiplied by f.
func Scaled(xs []float64, f float64) []float64 {
	r := make([]float64, len(xs))
	for i, x := range xs {
		r[i] = x * f
	}
	return r
}

// Names returns a few strings.
func Names() []string { return []string{"ann", "bob"} }

// Upper returns b in capitals.
func Upper(b []byte) []byte {
	r := append([]byte(nil), b...)
	for i, c := range r {
		if 'a' <= c && c <= 'z' {
			r[i] = c - 32
		}
	}
	return r
}

// Point is an element type.
type Point struct{ X, Y int }

// Points returns n points.
func Points(n int) []Point { return make([]Point, n) }

// Ptrs returns pointers to points.
func Ptrs() []*Point { return []*Point{{1, 2}, nil} }

// Grid returns an n by n grid.
func Grid(n int) [][]int {
	g := make([][]int, n)
	for i := range g {
		g[i] = make([]int, n)
	}
	return g
}

// Vector is a named slice.
type Vector []float64

// Norm1 is the sum of v's elements.
func (v Vector) Norm1() float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// Push appends x.
func (v *Vector) Push(x float64) { *v = append(*v, x) }

// Chans is skipped: channels are not supported.
func Chans() []chan int { return nil }
