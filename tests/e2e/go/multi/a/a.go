// Package a takes and returns package b's types.
package a

import (
	"fmt"

	"gopy.test/multi/b"
)

// Version of package a.
const Version = "1.0"

// Greeting is a package variable of package a.
var Greeting = "hello"

// Make returns a b.T.
func Make(name string) *b.T {
	return &b.T{Name: name, Count: 1}
}

// Describe says what t is.
func Describe(t *b.T) string {
	return fmt.Sprintf("%s:%d", t.Name, t.Count)
}

// KindOf tells a small T from a large one.
func KindOf(t *b.T) b.Kind {
	if t.Count > 10 {
		return b.Large
	}
	return b.Small
}

// New has the same name as b.New: each lives in its own submodule.
func New() *Holder {
	return &Holder{Item: Make("held")}
}

// Holder holds a b.T.
type Holder struct {
	Item *b.T
}

// Fail fails with a message.
func Fail(msg string) error {
	return fmt.Errorf("a: %s", msg)
}
