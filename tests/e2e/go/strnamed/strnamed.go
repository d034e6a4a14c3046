// Package strnamed exercises String methods on named slice, array, map and
// struct types, with value and pointer receivers.
//
// It is an end-to-end test package for gopy.
package strnamed

import (
	"fmt"
	"sort"
	"strings"
)

// Key is a path of names.
type Key []string

// String joins the names with dots.
func (k Key) String() string { return strings.Join(k, ".") }

// Len returns the number of names.
func (k Key) Len() int { return len(k) }

// UUID is a 16-byte identifier.
type UUID [16]byte

// String formats the identifier in the usual 8-4-4-4-12 form.
func (u UUID) String() string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:])
}

// Attrs maps names to counts.
type Attrs map[string]int

// String lists the pairs sorted by name.
func (a Attrs) String() string {
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, a[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// Stack is a stack of ints whose String has a pointer receiver.
type Stack []int

// String shows the stack bottom to top.
func (s *Stack) String() string { return fmt.Sprintf("stack%v", []int(*s)) }

// Push adds v on top.
func (s *Stack) Push(v int) { *s = append(*s, v) }

// Quad is four bytes whose String has a pointer receiver.
type Quad [4]byte

// String formats the bytes as a dotted quad.
func (q *Quad) String() string { return fmt.Sprintf("%d.%d.%d.%d", q[0], q[1], q[2], q[3]) }

// Tags is a set of tags whose String has a pointer receiver.
type Tags map[string]bool

// String counts the tags.
func (t *Tags) String() string { return fmt.Sprintf("%d tags", len(*t)) }

// Box holds a number; its String has a pointer receiver.
type Box struct {
	// N is the number held.
	N int
}

// String describes the box.
func (b *Box) String() string { return fmt.Sprintf("box of %d", b.N) }

// Boom is a slice whose String panics when it is empty.
type Boom []int

// String panics on an empty slice.
func (b Boom) String() string {
	if len(b) == 0 {
		panic("empty Boom")
	}
	return fmt.Sprint([]int(b))
}

// NotStringer has a String method that is not fmt.Stringer: str() stays repr.
type NotStringer []int

// String takes a separator, so it is only an ordinary method.
func (n NotStringer) String(sep string) string {
	parts := make([]string, len(n))
	for i, v := range n {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, sep)
}

// Fallible has a String that can fail: str() stays repr.
type Fallible []int

// String fails on an empty slice.
func (f Fallible) String() (string, error) {
	if len(f) == 0 {
		return "", fmt.Errorf("empty")
	}
	return fmt.Sprint([]int(f)), nil
}

// MakeKey returns the key of the given names.
func MakeKey(names ...string) Key { return Key(names) }

// MakeUUID returns the identifier whose bytes are 0, 1, ..., 15.
func MakeUUID() UUID {
	var u UUID
	for i := range u {
		u[i] = byte(i)
	}
	return u
}

// Describe formats any Stringer argument as Go sees it.
func Describe(k Key, u UUID, a Attrs) string { return k.String() + " " + u.String() + " " + a.String() }

// Code is a status code.
type Code int

// String names the code.
func (c Code) String() string { return fmt.Sprintf("code %d", int(c)) }

// Next returns the following code.
func (c Code) Next() Code { return c + 1 }
