// Package errs is the golden package for errors: an error result alone,
// after a value, after several values, an error in first place (skipped), an
// error class and a callback whose only result is an error.
package errs

import "errors"

// Check fails for negative n.
func Check(n int8) error {
	if n < 0 {
		return errors.New("negative")
	}
	return nil
}

// Div divides a by b; it fails when b is zero.
func Div(a, b float64) (float64, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	return a / b, nil
}

// Parse returns a word and its length, or fails on an empty s.
func Parse(s string) (string, int, error) {
	if s == "" {
		return "", 0, errors.New("empty")
	}
	return s, len(s), nil
}

// Wrapped returns an error value itself.
func Wrapped() error { return errors.New("wrapped") }

// ErrFirst is skipped: an error must be the last result.
func ErrFirst() (error, int) { return nil, 1 }

// ParseError is an error class: Go's *ParseError errors are raised as it.
type ParseError struct {
	Line int
}

func (e *ParseError) Error() string { return "parse error" }

// Parse2 fails with a *ParseError.
func Parse2(s string) (int, error) { return 0, &ParseError{Line: len(s)} }

// Each calls f with each word; f's error stops it.
func Each(words []string, f func(string) error) error {
	for _, w := range words {
		if err := f(w); err != nil {
			return err
		}
	}
	return nil
}
