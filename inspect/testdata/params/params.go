package params

import "io"

// Pipe takes channels.
func Pipe(in <-chan int, out chan<- string, both chan (<-chan int), plain chan []byte) {}

// Apply takes a map and a function.
func Apply(m map[string][]int, f func(int) (int, error)) error { return nil }

// Use takes interfaces.
func Use(r io.Reader, v interface{ Len() int }, x any) {}

// Array takes arrays.
func Array(a [4]byte, b *[2][3]float64) {}
