// Package gobench holds the Go side of gopy's benchmarks (bench/run.py):
// small functions whose cost is mostly the crossing, a struct with a
// method and fields, the same method behind an interface, a Go loop
// calling back into Python, a parallel Monte Carlo estimate of pi and
// functions over slices and maps.
package gobench

import (
	"math/rand"
	"runtime"
	"strconv"
	"sync"
)

// Add returns a + b.
func Add(a, b int) int { return a + b }

// Nop does nothing.
func Nop() {}

// Concat returns a followed by b.
func Concat(a, b string) string { return a + b }

// Point is a point in the plane.
type Point struct {
	X float64
	Y float64
}

// Sum returns X + Y.
func (p *Point) Sum() float64 { return p.X + p.Y }

// Summer is what has a Sum: Python calls Sum through the interface class.
type Summer interface {
	// Sum returns the sum of the value's parts.
	Sum() float64
}

// point is Point's twin that Python has no class for, so a Summer holding
// one reaches Python as an instance of the interface class Summer.
type point struct{ x, y float64 }

// Sum returns x + y, as Point.Sum does.
func (p *point) Sum() float64 { return p.x + p.y }

// NewSummer returns a Summer of x and y.
func NewSummer(x, y float64) Summer { return &point{x: x, y: y} }

// CallMany calls f n times, with 0, 1, ..., n-1, and returns the sum of
// its results: Go calling a Python function, n times in one call.
func CallMany(f func(float64) float64, n int) float64 {
	s := 0.0
	for i := 0; i < n; i++ {
		s += f(float64(i))
	}
	return s
}

// Pi estimates pi from samples random points in the unit square, spread
// over one goroutine per CPU, each with its own math/rand source.
func Pi(samples int) float64 {
	if samples <= 0 {
		return 0
	}
	workers := runtime.NumCPU()
	hits := make([]int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		n := samples / workers
		if w < samples%workers {
			n++
		}
		wg.Add(1)
		go func(w, n int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w + 1)))
			h := 0
			for i := 0; i < n; i++ {
				x, y := r.Float64(), r.Float64()
				if x*x+y*y < 1 {
					h++
				}
			}
			hits[w] = h
		}(w, n)
	}
	wg.Wait()
	total := 0
	for _, h := range hits {
		total += h
	}
	return 4 * float64(total) / float64(samples)
}

// SumFloats returns the sum of xs. It keeps four partial sums, so that
// the loop runs at memory speed rather than at the latency of one chain
// of additions: the benchmark measures passing the slice, not the sum.
func SumFloats(xs []float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(xs); i += 4 {
		s0 += xs[i]
		s1 += xs[i+1]
		s2 += xs[i+2]
		s3 += xs[i+3]
	}
	for ; i < len(xs); i++ {
		s0 += xs[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// SumInts returns the sum of xs.
func SumInts(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// Floats returns n floats 0, 1, ..., n-1.
func Floats(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i)
	}
	return xs
}

// MapLen returns the number of entries of m.
func MapLen(m map[string]int) int { return len(m) }

// MakeMap returns a map of n entries, strconv.Itoa(i) to i.
func MakeMap(n int) map[string]int {
	m := make(map[string]int, n)
	for i := 0; i < n; i++ {
		m[strconv.Itoa(i)] = i
	}
	return m
}

// FindElementIdx returns the index of x in xs, or -1 (the original gopy
// project's benchmark).
func FindElementIdx(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}
