package cgocalc

// Plain is declared in a file without cgo.
type Plain int
