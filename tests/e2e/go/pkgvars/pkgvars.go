// Package pkgvars has package constants and variables.
package pkgvars

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Big is larger than any Go integer type.
const Big = 1 << 100

// NegBig is very negative.
const NegBig = -(1 << 80)

const (
	// Pi is roughly pi.
	Pi = 3.14159265358979323846264338327950288419716939937510582097494459

	// Huge overflows a float64.
	Huge = 1e400

	// Tiny is a float32 constant.
	Tiny float32 = 0.1
)

// Imag is a complex constant.
const Imag = 2 + 3i

// Greeting has a NUL byte and invalid UTF-8.
const Greeting = "hi\x00there\xff"

// Enabled is a boolean constant.
const Enabled = true

// Letter is a rune.
const Letter = 'é'

// Small is a typed integer constant.
const Small int8 = -5

// Level is a severity level.
type Level int

// String names the level.
func (l Level) String() string {
	switch l {
	case Low:
		return "low"
	case High:
		return "high"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// The levels.
const (
	Low Level = iota
	Mid
	High
)

// Point is a point.
type Point struct{ X, Y int }

// Counter counts.
var Counter int

// Name is a name.
var Name = "gopher"

// Ratio is a ratio.
var Ratio float64 = 0.5

// Origin is a struct variable.
var Origin = Point{X: 1, Y: 2}

// Current points to a point, or is nil.
var Current *Point

// Threshold is a named-type variable.
var Threshold = High

// Unsupported is a channel variable, which gopy skips.
var Unsupported chan int

// Package variables of unnamed composite types.
var (
	// Items is a slice variable.
	Items = []int{1, 2, 3}
	// Limits is an array variable.
	Limits = [2]float64{0.5, 1.5}
	// Ages is a map variable.
	Ages = map[string]int{"ann": 30}
	// Names is a slice of strings.
	Names = []string{"x", "y"}
)

// Sums returns what Go sees in Items, Limits and Ages.
func Sums() (int, float64, int) {
	s := 0
	for _, v := range Items {
		s += v
	}
	a := 0
	for _, v := range Ages {
		a += v
	}
	return s, Limits[0] + Limits[1], a
}

// GrowItems appends x to Items (which may move its elements).
func GrowItems(x int) { Items = append(Items, x) }

// Bump adds n to Counter and returns it.
func Bump(n int) int {
	Counter += n
	return Counter
}

// ReadName returns Name as Go sees it.
func ReadName() string { return Name }

// OriginSum returns Origin.X + Origin.Y as Go sees them.
func OriginSum() int { return Origin.X + Origin.Y }

// CurrentX returns Current.X, or -1 when Current is nil.
func CurrentX() int {
	if Current == nil {
		return -1
	}
	return Current.X
}

// SetCurrent points Current at a new point.
func SetCurrent(x int) { Current = &Point{X: x} }

// ThresholdIs reports whether Threshold equals l.
func ThresholdIs(l Level) bool { return Threshold == l }

var (
	background atomic.Int64
	stop       chan struct{}
	wg         sync.WaitGroup
)

// StartBackground starts n goroutines that keep working until
// StopBackground; they touch only their own synchronized state.
func StartBackground(n int) {
	stop = make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
					background.Add(1)
					time.Sleep(time.Microsecond)
				}
			}
		}()
	}
}

// StopBackground stops the goroutines and reports how much work they did.
func StopBackground() int64 {
	close(stop)
	wg.Wait()
	return background.Load()
}
