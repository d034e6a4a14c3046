package skips

import "runtime/cgo"

// Opaque holds runtime/cgo.Incomplete, so Go cannot allocate it: skipped.
type Opaque struct {
	_ cgo.Incomplete
}

// Peek takes a pointer to Opaque: skipped with its type.
func Peek(o *Opaque) int { return 0 }

// Holder holds an Opaque by value, so it is not in heap either: skipped.
type Holder struct {
	O Opaque
}

// Opaques is an array of Opaque: skipped.
type Opaques [2]Opaque

// Visible is bound: a pointer to an Opaque does not stop a struct.
type Visible struct {
	// N is bound.
	N int
	// P is not (its type is skipped).
	P *Opaque
}
