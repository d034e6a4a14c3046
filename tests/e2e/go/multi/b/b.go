// Package b is bound together with package a: a's API uses b's types.
package b

import "errors"

// Limit is the largest Count a T may hold.
const Limit = 100

// Kind names what a T is.
type Kind int

// The kinds.
const (
	Small Kind = 1
	Large Kind = 2
)

// T is a value of package b.
type T struct {
	Name  string
	Count int
}

// Double doubles the count.
func (t *T) Double() { t.Count *= 2 }

// Made counts the T values New made.
var Made int

// Label is a package variable of package b.
var Label = "b"

// ErrTooMany is returned when a count passes Limit.
var ErrTooMany = errors.New("too many")

// New makes a T.
func New(name string, count int) (*T, error) {
	if count > Limit {
		return nil, ErrTooMany
	}
	Made++
	return &T{Name: name, Count: count}, nil
}

// Total adds the counts.
func Total(ts []*T) int {
	n := 0
	for _, t := range ts {
		n += t.Count
	}
	return n
}
