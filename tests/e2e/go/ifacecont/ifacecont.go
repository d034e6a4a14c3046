// Package ifacecont passes containers of interface values ([]any,
// []error, []Shape, map[string]any, [3]io.Reader, a named []Shape) between
// Python and Go, and calls Python callables whose signatures hold slices,
// arrays and maps.
package ifacecont

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// GC runs Go's collector a few times and gives the cleanups it queues
// (which release Python objects Go no longer reaches) time to run.
func GC() {
	for i := 0; i < 3; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

// Containers of any ----------------------------------------------------------

// Describe reports Go's %T and %v of every element of xs.
func Describe(xs []any) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprintf("%T:%v", x, x)
	}
	return out
}

// IsNil reports whether xs is a nil slice.
func IsNil(xs []any) bool { return xs == nil }

// Mixed returns a []any holding one value of several kinds.
func Mixed() []any {
	return []any{1, "two", 3.5, nil, []byte("b"), errors.New("boom"), &Point{X: 1, Y: 2}, []any{1, "x"}, token{7}}
}

// Same returns xs unchanged (a view passed back is the same Go slice).
func Same(xs []any) []any { return xs }

// Set stores v at xs[i] from Go.
func Set(xs []any, i int, v any) { xs[i] = v }

// Keys returns the sorted keys of m with Go's %T of each value.
func Keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, fmt.Sprintf("%s=%T:%v", k, v, v))
	}
	sort.Strings(out)
	return out
}

// Options returns a map[string]any.
func Options() map[string]any {
	return map[string]any{"n": 3, "name": "x", "ratio": 0.5, "none": nil, "list": []any{1, 2}}
}

// Nested returns a map[string][]any.
func Nested() map[string][]any {
	return map[string][]any{"a": {1, "x"}, "b": nil}
}

// CountNested returns the total number of elements of m's slices.
func CountNested(m map[string][]any) int {
	n := 0
	for _, v := range m {
		n += len(v)
	}
	return n
}

// Triple is an array of interface values.
func Triple() [3]io.Reader {
	return [3]io.Reader{strings.NewReader("abc"), nil, nil}
}

// ReadAll reads every non-nil reader of rs and joins what they hold.
func ReadAll(rs [3]io.Reader) (string, error) {
	var b strings.Builder
	for _, r := range rs {
		if r == nil {
			continue
		}
		data, err := io.ReadAll(r)
		if err != nil {
			return "", err
		}
		b.Write(data)
	}
	return b.String(), nil
}

// Errors -------------------------------------------------------------------

// ErrFirst is a sentinel error.
var ErrFirst = errors.New("first")

// Errs returns a []error: ErrFirst, nil and a new error.
func Errs() []error { return []error{ErrFirst, nil, errors.New("second")} }

// FirstIs reports whether errs[0] is ErrFirst (errors.Is).
func FirstIs(errs []error) bool { return len(errs) > 0 && errors.Is(errs[0], ErrFirst) }

// Messages returns the message of every non-nil error of errs, "nil" for nil.
func Messages(errs []error) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = "nil"
		if e != nil {
			out[i] = e.Error()
		}
	}
	return out
}

// Shapes ---------------------------------------------------------------------

// Shape is a plane figure.
type Shape interface {
	// Area returns the surface of the shape.
	Area() float64
	// Name returns what kind of shape it is.
	Name() string
}

// Rect is a Shape written in Go.
type Rect struct {
	// W is the width.
	W float64
	// H is the height.
	H float64
}

// Area returns W*H.
func (r Rect) Area() float64 { return r.W * r.H }

// Name returns "rect".
func (r Rect) Name() string { return "rect" }

// Point has no methods: no Shape.
type Point struct {
	// X is the horizontal coordinate.
	X int
	// Y is the vertical coordinate.
	Y int
}

// token is a value Python has no class for.
type token struct{ id int }

// TotalArea returns the sum of the areas of shapes (nil shapes count 0).
func TotalArea(shapes []Shape) float64 {
	t := 0.0
	for _, s := range shapes {
		if s != nil {
			t += s.Area()
		}
	}
	return t
}

// Bag is a named slice of shapes: a view class.
type Bag []Shape

// Total returns the sum of the areas of the bag's shapes.
func (b Bag) Total() float64 { return TotalArea(b) }

// Names returns the names of the bag's shapes.
func (b Bag) Names() []string {
	out := make([]string, len(b))
	for i, s := range b {
		out[i] = s.Name()
	}
	return out
}

// kept is a Bag held between calls.
var kept struct {
	mu  sync.Mutex
	bag Bag
}

// Keep holds b until Drop.
func Keep(b Bag) {
	kept.mu.Lock()
	kept.bag = b
	kept.mu.Unlock()
}

// Kept returns what Keep holds.
func Kept() Bag {
	kept.mu.Lock()
	defer kept.mu.Unlock()
	return kept.bag
}

// Drop forgets what Keep holds.
func Drop() {
	kept.mu.Lock()
	kept.bag = nil
	kept.mu.Unlock()
}

// Drawing holds containers of interface values as fields.
type Drawing struct {
	// Items are any values.
	Items []any
	// Shapes are the drawing's shapes.
	Shapes []Shape
	// Meta holds options.
	Meta map[string]any
}

// NewDrawing returns a drawing with two items, one Rect and one option.
func NewDrawing() *Drawing {
	return &Drawing{Items: []any{1, "a"}, Shapes: []Shape{Rect{W: 2, H: 3}}, Meta: map[string]any{"k": true}}
}

// Summary describes d's fields as Go sees them.
func (d *Drawing) Summary() string {
	return fmt.Sprintf("%d items %v, area %g, meta %d", len(d.Items), d.Items, TotalArea(d.Shapes), len(d.Meta))
}

// Registry is a package variable of type map[string]any.
var Registry = map[string]any{"version": 1}

// RegistryKeys returns the sorted keys of Registry.
func RegistryKeys() []string { return Keys(Registry) }

// Funcs and callbacks with containers -----------------------------------------

// Op is a func type held in a slice.
type Op func(int) int

// Apply applies every op of ops in turn to x.
func Apply(ops []Op, x int) int {
	for _, op := range ops {
		x = op(x)
	}
	return x
}

// Doubler returns ops that double.
func Doubler() []Op { return []Op{func(x int) int { return 2 * x }} }

// Process calls f with data and returns its error.
func Process(data []byte, f func([]byte) error) error { return f(data) }

// Sum calls f with 1..n and returns its result.
func Sum(n int, f func([]int) int) int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i + 1
	}
	return f(xs)
}

// Modify calls f with a slice and returns it afterwards: f's writes
// through the view are Go's.
func Modify(f func([]int)) []int {
	xs := []int{1, 2, 3}
	f(xs)
	return xs
}

// Inspect calls f with a map and returns how many keys it then holds.
func Inspect(f func(map[string]int)) int {
	m := map[string]int{"a": 1, "b": 2}
	f(m)
	return len(m)
}

// Split calls f and joins what it returns with ",".
func Split(f func() []string) string { return strings.Join(f(), ",") }

// Pairs calls f and returns its map as sorted "k=v" strings.
func Pairs(f func() map[string]int) []string {
	m := f()
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(out)
	return out
}

// Anys calls f with a []any and returns its result's description.
func Anys(f func([]any) []any) []string {
	return Describe(f([]any{1, "a", nil}))
}

// Grid calls f with an array and returns its result.
func Grid(f func([2]int) [2]int) [2]int { return f([2]int{1, 2}) }

// Walker is a walk callback: a named func type with a container parameter.
type Walker func(path string, parts []string) error

// Walk calls w once per path, with the path's parts; it stops at the
// first error.
func Walk(paths []string, w Walker) error {
	for _, p := range paths {
		if err := w(p, strings.Split(p, "/")); err != nil {
			return err
		}
	}
	return nil
}

// Concurrent calls f from goroutines goroutines, calls times each, with a
// []byte of its goroutine's number; it returns the sum of the results.
func Concurrent(goroutines, calls int, f func([]byte) int) int {
	var wg sync.WaitGroup
	sums := make([]int, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < calls; i++ {
				sums[g] += f([]byte{byte(g), byte(i)})
			}
		}(g)
	}
	wg.Wait()
	t := 0
	for _, s := range sums {
		t += s
	}
	return t
}

// Sorter is an interface whose method takes a slice: Python may implement it.
type Sorter interface {
	// Sort returns xs sorted.
	Sort(xs []int) []int
}

// SortWith sorts xs with s.
func SortWith(s Sorter, xs []int) []int { return s.Sort(xs) }

// Spread calls f with two slices as its variadic arguments and returns its
// result.
func Spread(f func(xs ...[]int) int) int { return f([]int{1, 2}, []int{3}) }

// WithBag calls f with a Bag holding one Rect and returns its result.
func WithBag(f func(Bag) float64) float64 { return f(Bag{Rect{W: 2, H: 2}}) }

// MakeBag calls f, keeps the Bag it returns (Kept returns it) and returns
// its total area.
func MakeBag(f func() Bag) float64 {
	b := f()
	Keep(b)
	return b.Total()
}

// Errors calls f and returns the messages of the errors it returns.
func Errors(f func() []error) []string { return Messages(f()) }
