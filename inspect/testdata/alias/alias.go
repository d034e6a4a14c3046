package alias

import "example.com/insp/other"

// Point is a defined type.
type Point struct{ X int }

// P is an alias for Point.
type P = Point

// MyInt aliases a basic type.
type MyInt = int

// Base aliases a type from another package.
type Base = other.Base

type strings = []string

// Join takes an unexported alias; its spelling must not use the alias.
func Join(s strings, sep MyInt) P { return P{} }
