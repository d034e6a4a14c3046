// Package lifecycle exercises the Go runtime's life inside the Python
// process: package initialization, fork and runtime.Goexit.
package lifecycle

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

// Ready is set by init; a Python import must see it set.
var Ready bool

// InitOrder records the order the package's init functions ran in.
var InitOrder string

func init() {
	// Slow enough that an import not waiting for it would see Ready unset.
	time.Sleep(200 * time.Millisecond)
	InitOrder += "a"
	// Unbuffered: straight to file descriptor 1.
	os.Stdout.WriteString("lifecycle: init done\n")
	Ready = true
}

// Point is a struct to create and drop in a forked child.
type Point struct {
	X, Y int
}

// Sum returns X + Y.
func (p *Point) Sum() int { return p.X + p.Y }

// String backs str().
func (p Point) String() string { return fmt.Sprintf("(%d, %d)", p.X, p.Y) }

// Add returns a + b.
func Add(a, b int) int { return a + b }

// Concat returns a + b.
func Concat(a, b string) string { return a + b }

// Spin starts a goroutine and waits for it: it needs the scheduler.
func Spin() int {
	ch := make(chan int)
	go func() { ch <- 42 }()
	return <-ch
}

// Exit calls runtime.Goexit.
func Exit() {
	runtime.Goexit()
}

// ExitInt calls runtime.Goexit from a function with a direct result.
func ExitInt() int {
	runtime.Goexit()
	return 1
}

// ExitErr calls runtime.Goexit from a function with an error result.
func ExitErr() (string, error) {
	runtime.Goexit()
	return "", nil
}

// Values returns a slice of numbers, which a view reads in place.
func Values() []int { return []int{1, 2, 3} }

// Names returns a slice of strings, which a view reads through Go.
func Names() []string { return []string{"a", "b"} }

// PanicElsewhere panics on a goroutine it starts, which no call recovers.
func PanicElsewhere() {
	go func() { panic("lifecycle: unrecovered") }()
	time.Sleep(10 * time.Second)
}

// Block never returns: Go reports no deadlock inside a library.
func Block() { select {} }

// Table returns a map.
func Table() map[string]int { return map[string]int{"a": 1} }
