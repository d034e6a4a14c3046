// Package foreign uses types of other packages in its API: its own
// subpackage units, and io/fs, time of the standard library.
package foreign

import (
	"errors"
	"io/fs"
	"time"

	"gopy.test/foreign/units"
)

// Origin returns the point (0, 0).
func Origin() units.Point { return units.Point{Label: "origin"} }

// Shift returns p moved by d on both axes.
func Shift(p units.Point, d units.Meters) units.Point {
	p.Move(d, d)
	return p
}

// Walk moves the point Python passed, in place.
func Walk(p *units.Point, d units.Meters) { p.Move(d, 0) }

// Nowhere returns a nil *units.Point.
func Nowhere() *units.Point { return nil }

// Total is the length of a path.
func Total(p units.Path) units.Meters { return p.Length() }

// Square returns a square of side s as a Shape.
func Square(s units.Meters) units.Shape { return units.Square{Side: s} }

// AreaOf calls the Shape's Area, a Go or a Python one.
func AreaOf(s units.Shape) float64 { return s.Area() }

// Check returns a *units.RangeError if v > max.
func Check(v, max int) error {
	if v > max {
		return &units.RangeError{Value: v, Max: max}
	}
	return nil
}

// Perm returns the permission bits of m.
func Perm(m fs.FileMode) fs.FileMode { return m.Perm() }

// MonthOf returns t's month.
func MonthOf(t time.Time) time.Month { return t.Month() }

// DayOf returns t's weekday.
func DayOf(t time.Time) time.Weekday { return t.Weekday() }

// Route joins two points and carries a box.
type Route struct {
	From, To units.Point
	Box      units.Box
}

// Len is the distance of the route.
func (r Route) Len() units.Meters { return r.From.Dist(r.To) }

// NewBox returns a box whose corner is tagged name.
func NewBox(name string) units.Box {
	return units.Box{Corner: units.Corner{Tag: units.Tag{Name: name}}}
}

// AsRange finds a *units.RangeError in err's chain, or nil.
func AsRange(err error) *units.RangeError {
	var re *units.RangeError
	if errors.As(err, &re) {
		return re
	}
	return nil
}

// Unit returns the unit square.
func Unit() units.Square { return units.Square{Side: 1} }

// Place is another name for units.Point (a type alias).
type Place = units.Point

// Itinerary is another name for Route.
type Itinerary = Route

// Count is an alias of a basic type: it has no class to name.
type Count = int
