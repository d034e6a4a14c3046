// Package skips mixes declarations gopy binds with ones it cannot bind yet.
package skips

// Ok is bound.
func Ok() string { return "ok" }

// Chan takes a channel.
func Chan(ch chan int) {}

// Generic has a type parameter.
func Generic[T any](v T) T { return v }

// Celsius is a named float.
type Celsius float64

// Boil returns the boiling point.
func Boil() Celsius { return 100 }

// Point is a struct.
type Point struct{ X, Y int }

// Norm1 is a method.
func (p Point) Norm1() int { return p.X + p.Y }

// Limit is a constant.
const Limit = 10

// Counter is a variable.
var Counter int

// ErrFirst returns an error first.
func ErrFirst() (error, int) { return nil, 1 }

// Callback takes a function.
func Callback(f func() int) int { return f() }

// Ptr takes a pointer to a pointer.
func Ptr(p **int) {}

// Any takes an interface.
func Any(v interface{}) {}

// Also is bound too.
func Also(n int) int { return n * 2 }

// Handler is a named function type.
type Handler func() int

// Pipes is a named slice of channels.
type Pipes []chan int

// Warm takes a pointer to a named basic type (bound: None, a value or a Ref).
func Warm(c *Celsius) {}

// Pipe has a field of channel type.
type Pipe struct {
	// In is bound.
	In int
	// Ch is not.
	Ch chan int
}
