// Package gopyfix has a name starting with "gopy", which the generated glue
// must import under an alias (pkg_gopyfix), and uses two packages named
// template, one of which the glue imports as template_1. Neither alias may
// appear in anything a user reads: reprs, messages, `gopy inspect`.
package gopyfix

import (
	"bytes"
	"errors"
	htemplate "html/template"
	ttemplate "text/template"
)

// Point is a struct.
type Point struct{ X, Y int }

// Level is a named int8.
type Level int8

// Vector is a named slice.
type Vector []float64

// Limit is a constant.
const Limit Level = 3

// Origin is a variable of a struct type.
var Origin = Point{}

// Points returns n points.
func Points(n int) []Point { return make([]Point, n) }

// ByName returns a map of points.
func ByName() map[string]Point { return map[string]Point{"a": {X: 1}} }

// Raise returns l + 1.
func Raise(l Level) Level { return l + 1 }

// Norm1 takes a point.
func Norm1(p Point) int { return p.X + p.Y }

// Sum adds a vector up.
func Sum(v Vector) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// Grid takes a slice of points.
func Grid(ps []Point) int { return len(ps) }

// Oops is an error type.
type Oops struct{ Code int }

func (e *Oops) Error() string { return "oops" }

// Fail returns an *Oops.
func Fail() error { return &Oops{Code: 1} }

// Plain returns a plain error.
func Plain() error { return errors.New("plain") }

// Panic panics with a Point.
func Panic() { panic(Point{X: 1}) }

// Templates takes one template of each kind.
func Templates(a *ttemplate.Template, b *htemplate.Template) {}

// Text takes a text template.
func Text(a *ttemplate.Template) {}

// HTML takes an html template.
func HTML(b *htemplate.Template) {}

// Buf embeds another package's struct: the methods it promotes have no
// position of their own in this package.
type Buf struct{ bytes.Buffer }

// Greeting is an untyped string constant.
const Greeting = "hi"

// Ch is a variable gopy cannot bind.
var Ch chan int
