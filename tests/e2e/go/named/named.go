// Package named exercises named basic types.
//
// It is an end-to-end test package for gopy.
package named

import (
	"fmt"
	"strings"
)

// Celsius is a temperature in degrees Celsius.
type Celsius float64

// Fahrenheit converts the temperature to degrees Fahrenheit.
func (c Celsius) Fahrenheit() float64 { return float64(c)*9/5 + 32 }

// Warmer returns the temperature raised by d.
func (c Celsius) Warmer(d Celsius) Celsius { return c + d }

// String formats the temperature.
func (c Celsius) String() string { return fmt.Sprintf("%g°C", float64(c)) }

// Name is a person's name.
type Name string

// Greeting greets the name.
func (n Name) Greeting() string { return "hello " + string(n) }

// Upper returns the name in upper case.
func (n Name) Upper() Name { return Name(strings.ToUpper(string(n))) }

// Count counts things.
type Count int

// Double returns twice the count.
func (c Count) Double() Count { return 2 * c }

// Incr has a pointer receiver, so it is not bound.
func (c *Count) Incr() { *c++ }

// Flag is a named bool.
type Flag bool

// Not returns the negated flag.
func (f Flag) Not() Flag { return !f }

// Level is a small level.
type Level int8

// Next returns the next level.
func (l Level) Next() Level { return l + 1 }

// Boil returns the boiling point of water.
func Boil() Celsius { return 100 }

// AddCount returns a + b.
func AddCount(a, b Count) Count { return a + b }

// Describe formats the temperature as a plain number.
func Describe(c Celsius) string { return fmt.Sprint(float64(c)) }

// IsOn reports whether f is set.
func IsOn(f Flag) bool { return bool(f) }

// Hello greets n.
func Hello(n Name) string { return "hi " + string(n) }

// EchoLevel returns l.
func EchoLevel(l Level) Level { return l }

// Reading is a measurement with fields of named types.
type Reading struct {
	// Temp is the temperature read.
	Temp Celsius
	// Who took the reading.
	Who Name
	// N counts the readings.
	N Count
	// L is the alert level.
	L Level
}

// Summary describes the reading.
func (r Reading) Summary() string { return fmt.Sprintf("%s by %s", r.Temp, r.Who) }

// Hottest returns the temperature of the reading.
func Hottest(r Reading) Celsius { return r.Temp }

// Per divides the count into d parts; d must not be zero.
func (c Count) Per(d Count) (Count, error) {
	if d == 0 {
		return 0, fmt.Errorf("cannot split %d into zero parts", int(c))
	}
	return c / d, nil
}

// Must returns the name; it panics when the name is empty.
func (n Name) Must() Name {
	if n == "" {
		panic("empty name")
	}
	return n
}
