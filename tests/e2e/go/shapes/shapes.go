// Package shapes exercises structs, pointers, methods and embedding.
//
// It is an end-to-end test package for gopy.
package shapes

import (
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

// Point is a point on the integer grid.
type Point struct {
	// X is the horizontal coordinate.
	X int
	// Y is the vertical coordinate.
	Y int

	hidden int
}

// Move shifts the point by dx and dy.
func (p *Point) Move(dx, dy int) {
	p.X += dx
	p.Y += dy
}

// Sum returns the sum of the coordinates.
func (p Point) Sum() int { return p.X + p.Y }

// Scaled returns a copy of the point with both coordinates times k.
func (p Point) Scaled(k int) Point {
	p.X *= k
	p.Y *= k
	return p
}

// Hidden returns the unexported field.
func (p Point) Hidden() int { return p.hidden }

// SetHidden sets the unexported field.
func (p *Point) SetHidden(v int) { p.hidden = v }

// Div returns X divided by d, or an error when d is zero.
func (p Point) Div(d int) (int, error) {
	if d == 0 {
		return 0, errors.New("division by zero")
	}
	return p.X / d, nil
}

// Explode panics with msg.
func (p *Point) Explode(msg string) { panic(msg) }

// Rect is an axis-aligned rectangle.
type Rect struct {
	// Min is the lower-left corner.
	Min Point
	// Max is the upper-right corner.
	Max Point
}

// NewRect returns a pointer to a new rectangle.
func NewRect(x0, y0, x1, y1 int) *Rect {
	return &Rect{Min: Point{X: x0, Y: y0}, Max: Point{X: x1, Y: y1}}
}

// MakeRect returns a new rectangle by value.
func MakeRect(x0, y0, x1, y1 int) Rect {
	return Rect{Min: Point{X: x0, Y: y0}, Max: Point{X: x1, Y: y1}}
}

// MaybeRect returns a new rectangle, or nil when ok is false.
func MaybeRect(ok bool) *Rect {
	if !ok {
		return nil
	}
	return NewRect(0, 0, 1, 1)
}

// Area returns the area of the rectangle.
func (r Rect) Area() int { return (r.Max.X - r.Min.X) * (r.Max.Y - r.Min.Y) }

// Width returns the width of the rectangle.
func (r *Rect) Width() int { return r.Max.X - r.Min.X }

// Center returns the center of the rectangle, rounded down.
func (r Rect) Center() Point {
	return Point{X: (r.Min.X + r.Max.X) / 2, Y: (r.Min.Y + r.Max.Y) / 2}
}

// RectMaxX reports what Go sees as r.Max.X.
func RectMaxX(r *Rect) int { return r.Max.X }

// Label is a piece of text with a size.
type Label struct {
	// Text is the label's text.
	Text string
	// Size is the font size.
	Size float64
	// On tells whether the label is shown.
	On bool
}

// String formats the label.
func (l Label) String() string { return "<" + l.Text + ">" }

// Counter counts; its String method has a pointer receiver.
type Counter struct {
	// N is the count.
	N int
}

// String formats the counter.
func (c *Counter) String() string { return fmt.Sprintf("Counter at %d", c.N) }

// Incr adds one to the count and returns it.
func (c *Counter) Incr() int {
	c.N++
	return c.N
}

// Small has small integer fields.
type Small struct {
	// V is a signed byte.
	V int8
	// U is an unsigned byte.
	U uint8
	// F is a single-precision float.
	F float32
}

// Base carries an identifier.
type Base struct {
	// ID identifies the object.
	ID int
}

// Describe describes the base.
func (b Base) Describe() string { return fmt.Sprintf("base %d", b.ID) }

// SetID sets the identifier.
func (b *Base) SetID(id int) { b.ID = id }

// Circle embeds Base by value.
type Circle struct {
	Base
	// Radius is the circle's radius.
	Radius float64
}

// Diameter returns twice the radius.
func (c Circle) Diameter() float64 { return 2 * c.Radius }

// Square embeds a pointer to Base.
type Square struct {
	*Base
	// Side is the length of a side.
	Side int
}

// Perimeter returns four times the side.
func (s Square) Perimeter() int { return 4 * s.Side }

// CircleID reports what Go sees as c.ID.
func CircleID(c *Circle) int { return c.ID }

// Holder holds an optional point.
type Holder struct {
	// P points to a point, or is nil.
	P *Point
	// Name names the holder.
	Name string
}

// HolderX reports h.P.X, or -1 when h.P is nil.
func HolderX(h *Holder) int {
	if h.P == nil {
		return -1
	}
	return h.P.X
}

// Node is a node of a singly linked list.
type Node struct {
	// Value is the node's value.
	Value int
	// Next is the next node, or nil.
	Next *Node
}

// Len returns the number of nodes from n to the end of the list.
func (n *Node) Len() int {
	k := 0
	for ; n != nil; n = n.Next {
		k++
	}
	return k
}

// Pipe has a field gopy cannot bind.
type Pipe struct {
	// Name is bound.
	Name string
	// Ch is a channel.
	Ch chan int
	// N is bound.
	N int
}

// PipeN reports what Go sees as p.N.
func PipeN(p Pipe) int { return p.N }

// Bag cannot be compared with == in Go.
type Bag struct {
	// Name names the bag.
	Name string
	// Items are the bag's contents.
	Items []int
}

// ReadX returns p.X; it panics when p is nil.
func ReadX(p *Point) int { return p.X }

// IsNil reports whether p is nil.
func IsNil(p *Point) bool { return p == nil }

// SumXY returns p.X + p.Y.
func SumXY(p Point) int { return p.X + p.Y }

// Bump adds one to X of its copy of p and returns that copy.
func Bump(p Point) Point {
	p.X++
	return p
}

// BumpPtr adds one to p.X.
func BumpPtr(p *Point) { p.X++ }

// Origin returns the zero point.
func Origin() Point { return Point{} }

// Nil returns a nil *Point.
func Nil() *Point { return nil }

var shared = &Point{X: 1, Y: 2}

// Shared returns the same pointer on every call.
func Shared() *Point { return shared }

// SharedX reports what Go sees as Shared().X.
func SharedX() int { return shared.X }

var kept *Point

// Keep keeps p in a Go variable.
func Keep(p *Point) { kept = p }

// Kept returns the kept pointer.
func Kept() *Point { return kept }

var finalized atomic.Int64

// Tracked returns a new point whose collection by Go is counted.
func Tracked(x int) *Point {
	p := &Point{X: x}
	runtime.SetFinalizer(p, func(*Point) { finalized.Add(1) })
	return p
}

// TrackedRect returns a new rectangle whose collection by Go is counted.
func TrackedRect() *Rect {
	r := NewRect(0, 0, 3, 4)
	runtime.SetFinalizer(r, func(*Rect) { finalized.Add(1) })
	return r
}

// Finalized runs Go's collector and returns how many tracked values it
// has collected so far.
func Finalized() int {
	runtime.GC()
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	return int(finalized.Load())
}

// MaxPtr returns a pointer to the rectangle's Max corner.
func (r *Rect) MaxPtr() *Point { return &r.Max }

// ParsePoint parses "x,y".
func ParsePoint(s string) (Point, error) {
	var p Point
	if _, err := fmt.Sscanf(s, "%d,%d", &p.X, &p.Y); err != nil {
		return Point{}, fmt.Errorf("bad point %q", s)
	}
	return p, nil
}

// Pair returns a point by value and the shared point by pointer.
func Pair() (Point, *Point) { return Point{X: 5, Y: 6}, shared }

// SumAll returns the sum of the coordinates of all points.
func SumAll(ps ...Point) int {
	s := 0
	for _, p := range ps {
		s += p.X + p.Y
	}
	return s
}

// MoveAll moves every point by dx and dy.
func MoveAll(dx, dy int, ps ...*Point) {
	for _, p := range ps {
		p.Move(dx, dy)
	}
}

type inner struct {
	// Z is promoted from an unexported embedded struct.
	Z int
}

// Get returns Z.
func (i inner) Get() int { return i.Z }

// Outer embeds a struct type that is not exported.
type Outer struct {
	inner
	// W is a direct field.
	W int
}

// A has a field N.
type A struct {
	// N is A's number.
	N int
}

// Name names A.
func (A) Name() string { return "A" }

// B has a field N too.
type B struct {
	// N is B's number.
	N int
}

// Name names B.
func (B) Name() string { return "B" }

// AB embeds A and B, so N and Name are ambiguous at depth 1.
type AB struct {
	A
	B
}

// Shadow embeds Base but declares its own ID, which shadows Base.ID.
type Shadow struct {
	Base
	// ID is a string here.
	ID string
}

// Describe shadows Base.Describe.
func (s Shadow) Describe() string { return "shadow " + s.ID }
