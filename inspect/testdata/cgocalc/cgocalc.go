// Package cgocalc uses cgo.
package cgocalc

// #include <stdlib.h>
// static int add(int a, int b) { return a + b; }
import "C"

// Point is a point.
type Point struct {
	X, Y int // coordinates
}

// Add adds with C.
func Add(a, b int) int {
	return int(C.add(C.int(a), C.int(b)))
}

// Move moves p.
func (p *Point) Move(dx int) { p.X = Add(p.X, dx) }

// CInt is a C int.
const CInt = C.int(7)
