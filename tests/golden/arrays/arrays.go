// Package arrays is the golden package for arrays: as parameters and
// results, of bytes and of structs, as fields, and a named array type.
package arrays

// Triple returns three numbers.
func Triple() [3]int { return [3]int{1, 2, 3} }

// Sum adds a's elements.
func Sum(a [3]int) int { return a[0] + a[1] + a[2] }

// Digest returns sixteen bytes.
func Digest() [16]byte { return [16]byte{1, 2, 3} }

// Point is an element type.
type Point struct{ X, Y int }

// Corners returns two points.
func Corners() [2]Point { return [2]Point{{0, 0}, {1, 1}} }

// Box has an array field.
type Box struct {
	Sides [4]float64
}

// RGB is a named array.
type RGB [3]uint8

// Gray tells whether all channels are equal.
func (c RGB) Gray() bool { return c[0] == c[1] && c[1] == c[2] }

// Pipes is skipped: channel elements are not supported.
func Pipes() [2]chan int { return [2]chan int{} }
