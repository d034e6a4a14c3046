// Package globals is the golden package for constants and variables:
// untyped, typed, big and string constants, variables of basic, slice,
// map and struct types, and a variable that is skipped.
package globals

// MaxDepth is too big for any Go integer type.
const MaxDepth = 1 << 70

// Pi is an untyped float constant.
const Pi = 3.14159

// Greeting is a string constant.
const Greeting = "hello\n"

// Small is a typed constant.
const Small int8 = -3

// Level is a named type with a constant.
type Level int

// High is a constant of a named type.
const High Level = 9

// Calls counts the calls made so far.
var Calls int

// Name is a string variable.
var Name = "gopy"

// Items is a slice variable.
var Items = []int{1, 2}

// Table is a map variable.
var Table = map[string]int{"a": 1}

// Point is a struct type for a variable.
type Point struct{ X, Y int }

// Home is a struct variable.
var Home = Point{1, 2}

// Ready is skipped: channels are not supported.
var Ready chan bool
