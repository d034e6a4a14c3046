// Package demo is gopy's bundled example: a goroutine-parallel Monte Carlo
// estimate of pi and a few small functions.
package demo

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
)

// Pi estimates pi by throwing samples random points at the unit square,
// spread over one goroutine per CPU.
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
			hits[w] = countHits(uint64(w+1)*0xD1B54A32D192ED03, n)
		}(w, n)
	}
	wg.Wait()
	total := 0
	for _, h := range hits {
		total += h
	}
	return 4 * float64(total) / float64(samples)
}

// countHits counts the points of n that fall inside the quarter circle,
// drawing them from a splitmix64 generator seeded with seed.
func countHits(seed uint64, n int) int {
	state := seed
	next := func() float64 {
		state += 0x9E3779B97F4A7C15
		z := state
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		z ^= z >> 31
		return float64(z>>11) / (1 << 53)
	}
	hits := 0
	for i := 0; i < n; i++ {
		x, y := next(), next()
		if x*x+y*y < 1 {
			hits++
		}
	}
	return hits
}

// Workers reports how many goroutines Pi spreads its work over.
func Workers() int { return runtime.NumCPU() }

// Add returns a + b.
func Add(a, b int) int { return a + b }

// Hypot returns the length of the hypotenuse of a right triangle.
func Hypot(a, b float64) float64 { return math.Hypot(a, b) }

// Greet greets each name.
func Greet(greeting string, names ...string) string {
	return fmt.Sprintf("%s, %s!", greeting, strings.Join(names, " and "))
}

// Sqrt returns the square root of x, or an error for negative x.
func Sqrt(x float64) (float64, error) {
	if x < 0 {
		return 0, errors.New("square root of a negative number")
	}
	return math.Sqrt(x), nil
}
