// Package structs has structs with embedded, unexported and documented fields.
package structs

import "example.com/insp/other"

// Inner is embedded by value.
type Inner struct {
	// ID identifies the inner part.
	ID int
}

// Hello is promoted to Outer.
func (Inner) Hello() string { return "hi" }

type inner struct{ Secret string }

// Reveal is promoted through an unexported embedded type.
func (i *inner) Reveal() string { return i.Secret }

// Outer embeds by value, by pointer, unexported and from another package.
type Outer struct {
	Inner
	*other.Base
	inner
	Name  string `json:"name,omitempty" xml:"n"` // the name
	count int
	// Nested is an anonymous struct.
	Nested struct {
		// Deep is deep.
		Deep bool
	}
}

// A and B have the same shape but their own field docs.
type A struct {
	X int // A's X
}

type B struct {
	X int // B's X
}
