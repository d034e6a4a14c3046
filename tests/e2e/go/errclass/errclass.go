// Package errclass tests error classes: struct types whose T or *T
// implements error are raised (and returned) as Python exceptions that are
// also instances of the type's class.
package errclass

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"time"
)

// ErrNotExist is the sentinel PathError wraps.
var ErrNotExist = errors.New("file does not exist")

// PathError records an operation, a path and the error behind them.
type PathError struct {
	Op   string
	Path string
	Err  error
}

func (e *PathError) Error() string {
	if e.Err == nil {
		return e.Op + " " + e.Path
	}
	return e.Op + " " + e.Path + ": " + e.Err.Error()
}

// Unwrap gives the error behind, for errors.Is and errors.As.
func (e *PathError) Unwrap() error { return e.Err }

// Code is an error by value: its Error has a value receiver.
type Code struct {
	N int
}

func (c Code) Error() string { return "code " + strconv.Itoa(c.N) }

// Errno is an error of a named basic type: its values cannot be both an int
// and an exception in Python, so they come back as GoError.
type Errno int

func (e Errno) Error() string { return "errno " + strconv.Itoa(int(e)) }

// Both has String and Error: str() follows Error, as Go's fmt does.
type Both struct {
	Msg string
}

func (b *Both) Error() string  { return "error: " + b.Msg }
func (b *Both) String() string { return "string: " + b.Msg }

// Result holds an error as a field: read, it is returned, not raised.
type Result struct {
	Value int
	Err   error
}

// Open fails with a *PathError wrapping ErrNotExist.
func Open(path string) (int, error) {
	if path == "ok" {
		return 3, nil
	}
	return 0, &PathError{Op: "open", Path: path, Err: ErrNotExist}
}

// Fail fails with Code{n}.
func Fail(n int) error { return Code{N: n} }

// FailErrno fails with Errno(n).
func FailErrno(n int) error { return Errno(n) }

// FailBoth fails with a *Both.
func FailBoth(msg string) error { return &Both{Msg: msg} }

// Wrapped fails with err wrapped by fmt.Errorf.
func Wrapped(err error) error { return fmt.Errorf("wrapped: %w", err) }

// NilPathError returns a non-nil error holding a nil *PathError.
func NilPathError() error {
	var p *PathError
	return p
}

// Stat returns an error as a value in a field.
func Stat(path string) Result {
	_, err := Open(path)
	return Result{Value: len(path), Err: err}
}

// Pair returns an error in first place: a value, never raised.
func Pair(path string) (error, int) {
	_, err := Open(path)
	return err, len(path)
}

// IsPathError reports whether errors.As finds a *PathError in err.
func IsPathError(err error) bool {
	var pe *PathError
	return errors.As(err, &pe)
}

// PathOf is the Path of the *PathError in err, or "".
func PathOf(err error) string {
	var pe *PathError
	if errors.As(err, &pe) {
		return pe.Path
	}
	return ""
}

// IsCode reports whether errors.As finds Code{n} in err (as a value).
func IsCode(err error, n int) bool {
	var c Code
	return errors.As(err, &c) && c.N == n
}

// IsNotExist reports errors.Is(err, ErrNotExist).
func IsNotExist(err error) bool { return errors.Is(err, ErrNotExist) }

// Same reports whether a and b are the same Go error (==).
func Same(a, b error) bool { return a == b }

// TypeOf is err's dynamic type, %T.
func TypeOf(err error) string { return fmt.Sprintf("%T", err) }

// AsAny returns a *PathError as an any.
func AsAny(path string) any { return &PathError{Op: "any", Path: path} }

var kept error

// Keep stores err for Kept.
func Keep(err error) { kept = err }

// Kept returns the error Keep stored, as a value.
func Kept() (error, bool) { return kept, kept != nil }

// Call calls f and returns its error.
func Call(f func() error) error { return f() }

// CallAndInspect calls f and reports whether its error is a *PathError
// and the path in it.
func CallAndInspect(f func() error) (bool, string) {
	err := f()
	return IsPathError(err), PathOf(err)
}

// GC runs Go's collector, so that the Python objects Go no longer reaches
// are released (their cleanups run after a collection).
func GC() {
	for i := 0; i < 3; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}
