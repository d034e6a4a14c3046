// Package lend is the golden package for buffers: which slice arguments
// are lent to Go for the call (Go keeps none of them) and which are copied
// because Go's escape analysis says a call may keep them.
package lend

// ScaleInPlace multiplies xs by f where they are: xs is lent.
func ScaleInPlace(xs []float64, f float64) {
	for i := range xs {
		xs[i] *= f
	}
}

// UpperInPlace capitalises b where it is: b is lent.
func UpperInPlace(b []byte) {
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 32
		}
	}
}

var kept []float64

// Keep keeps xs: it is copied.
func Keep(xs []float64) { kept = xs }

// Holder holds a slice.
type Holder struct{ xs []float64 }

// Hold keeps xs in h: it is copied.
func (h *Holder) Hold(xs []float64) { h.xs = xs }

// Sum reads xs only: it is lent.
func (h *Holder) Sum(xs []int32) int32 {
	var s int32
	for _, x := range xs {
		s += x
	}
	return s
}
