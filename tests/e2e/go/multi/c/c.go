// Package c is also named b: a clash of package names.
package b

// Answer is c's own.
func Answer() int { return 42 }
