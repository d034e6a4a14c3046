// Package errs returns errors and panics.
package errs

import (
	"errors"
	"fmt"
)

// ErrNegative is returned for negative input.
var ErrNegative = errors.New("negative input")

// Div divides a by b and fails when b is zero.
func Div(a, b int) (int, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	return a / b, nil
}

// Sqrt fails with ErrNegative wrapped for negative input.
func Sqrt(x float64) (float64, error) {
	if x < 0 {
		return 0, fmt.Errorf("sqrt(%g): %w", x, ErrNegative)
	}
	r := x
	for i := 0; i < 50; i++ {
		r = (r + x/r) / 2
	}
	return r, nil
}

// CodeError is an error type with a code.
type CodeError struct{ Code int }

func (e *CodeError) Error() string { return fmt.Sprintf("code %d", e.Code) }

// Check returns a *CodeError when code is not zero.
func Check(code int) error {
	if code != 0 {
		return &CodeError{Code: code}
	}
	return nil
}

// Pair returns two values and an error.
func Pair(ok bool) (string, int, error) {
	if !ok {
		return "", 0, errors.New("not ok")
	}
	return "ok", 2, nil
}

// Panic panics with msg.
func Panic(msg string) { panic(msg) }

// PanicError panics with an error value.
func PanicError() int { panic(fmt.Errorf("wrapped: %w", ErrNegative)) }

// Index reads element i of a three-element slice.
func Index(i int) int {
	s := []int{1, 2, 3}
	return s[i]
}

// NilMap writes to a nil map.
func NilMap() {
	var m map[string]int
	m["x"] = 1
}

// DivZero divides by zero at run time.
func DivZero(a int) int {
	b := 0
	return a / b
}

// PanicInGoroutineRecovered panics in a goroutine that recovers, and
// reports what it recovered.
func PanicInGoroutineRecovered() string {
	ch := make(chan string)
	go func() {
		defer func() { ch <- fmt.Sprint(recover()) }()
		panic("inner")
	}()
	return <-ch
}

// BadUTF8Error returns an error whose message is not valid UTF-8.
func BadUTF8Error() error { return errors.New("bad \xff byte") }

// The functions below return numbers that a failed call also returns
// internally (the sentinel of the result's type): as results they must
// come back as they are, and failures must still raise.

// EchoInt returns x, or panics when fail is set.
func EchoInt(x int64, fail bool) int64 {
	if fail {
		panic("echo failed")
	}
	return x
}

// EchoUint returns x.
func EchoUint(x uint64) uint64 { return x }

// EchoFloat returns x, or an error when fail is set.
func EchoFloat(x float64, fail bool) (float64, error) {
	if fail {
		return 0, errors.New("echo failed")
	}
	return x, nil
}

// Box holds a number its methods return.
type Box struct{ V int64 }

// Value returns the number.
func (b *Box) Value() int64 { return b.V }

// Half returns half the number, or panics when it is odd.
func (b *Box) Half() int64 {
	if b.V%2 != 0 {
		panic(fmt.Sprintf("%d is odd", b.V))
	}
	return b.V / 2
}
