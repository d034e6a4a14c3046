// Package callbacks calls Python from Go: Python objects implementing Go
// interfaces, Python callables as func values, Python exceptions as Go
// errors, on the goroutine of the Python caller and on goroutines of its
// own, at once and later, and Python values Go keeps and lets go of.
package callbacks

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// Interfaces Python implements ---------------------------------------------

// Shape is a plane figure; Python classes implement it.
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

// AreaOf returns s.Area().
func AreaOf(s Shape) float64 { return s.Area() }

// NameOf returns s.Name().
func NameOf(s Shape) string { return s.Name() }

// Describe returns "NAME:AREA" of s, calling both of its methods.
func Describe(s Shape) string { return fmt.Sprintf("%s:%g", s.Name(), s.Area()) }

// Same returns s unchanged.
func Same(s Shape) Shape { return s }

// ShapeAsAny returns s as an any.
func ShapeAsAny(s Shape) any { return s }

// Larger returns the one of a and b with the larger area (a on a tie).
func Larger(a, b Shape) Shape {
	if b.Area() > a.Area() {
		return b
	}
	return a
}

// kept is what Keep, SetHandler and their friends hold between calls.
var kept struct {
	mu      sync.Mutex
	shape   Shape
	handler Handler
	fired   chan string
}

// Keep holds s until Drop.
func Keep(s Shape) {
	kept.mu.Lock()
	kept.shape = s
	kept.mu.Unlock()
}

// Kept returns the shape Keep holds, or nil.
func Kept() Shape {
	kept.mu.Lock()
	defer kept.mu.Unlock()
	return kept.shape
}

// KeptArea calls Area of the shape Keep holds, on a goroutine of its own.
func KeptArea() float64 {
	done := make(chan float64)
	go func() { done <- Kept().Area() }()
	return <-done
}

// KeptAreas calls Area of the shape Keep holds calls times on each of
// goroutines goroutines at once and returns the sum of the results.
func KeptAreas(goroutines, calls int) float64 {
	s := Kept()
	sums := make([]float64, goroutines)
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < calls; i++ {
				sums[g] += s.Area()
			}
		}(g)
	}
	wg.Wait()
	total := 0.0
	for _, x := range sums {
		total += x
	}
	return total
}

// Drop forgets what Keep and SetHandler hold.
func Drop() {
	kept.mu.Lock()
	kept.shape, kept.handler = nil, nil
	kept.mu.Unlock()
}

// GC runs Go's collector a few times and gives the cleanups it queues
// (which release Python objects Go no longer reaches) time to run.
func GC() {
	for i := 0; i < 3; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

// Func values Python passes --------------------------------------------------

// Transform is a named func type of one float64.
type Transform func(float64) float64

// Apply returns f(x).
func Apply(f Transform, x float64) float64 { return f(x) }

// ApplyFunc returns f(x) for an unnamed func type.
func ApplyFunc(f func(float64) float64, x float64) float64 { return f(x) }

// ApplyTwice returns f(f(x)).
func ApplyTwice(f Transform, x float64) float64 { return f(f(x)) }

// ApplyOnGoroutine returns f(x) computed on a new goroutine while the
// caller waits: that goroutine has no Python caller.
func ApplyOnGoroutine(f Transform, x float64) float64 {
	done := make(chan float64)
	go func() { done <- f(x) }()
	return <-done
}

// Identity returns f unchanged.
func Identity(f Transform) Transform { return f }

// IsNilFunc reports whether f is a nil func.
func IsNilFunc(f Transform) bool { return f == nil }

// Fan calls f calls times on each of goroutines goroutines at once, with
// the arguments 0..calls-1, and returns the sum of the results.
func Fan(f Transform, goroutines, calls int) float64 {
	sums := make([]float64, goroutines)
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < calls; i++ {
				sums[g] += f(float64(i))
			}
		}(g)
	}
	wg.Wait()
	total := 0.0
	for _, x := range sums {
		total += x
	}
	return total
}

// Joiner is a named variadic func type.
type Joiner func(sep string, parts ...string) string

// JoinABC returns j("-", "a", "b", "c").
func JoinABC(j Joiner) string { return j("-", "a", "b", "c") }

// JoinNone returns j("+") with no parts.
func JoinNone(j Joiner) string { return j("+") }

// SumOf returns f(1, 2, 3) for an unnamed variadic func type.
func SumOf(f func(...int) int) int { return f(1, 2, 3) }

// Handler is a func Go keeps and calls later.
type Handler func(string) string

// SetHandler holds h until Drop, replacing the one held before.
func SetHandler(h Handler) {
	kept.mu.Lock()
	kept.handler = h
	kept.mu.Unlock()
}

// Fire calls the held handler with s on the caller's goroutine.
func Fire(s string) string {
	kept.mu.Lock()
	h := kept.handler
	kept.mu.Unlock()
	return h(s)
}

// FireLater calls the held handler with s on a new goroutine after delay
// milliseconds, without waiting: WaitFired returns its result.
func FireLater(s string, delay int) {
	kept.mu.Lock()
	h := kept.handler
	if kept.fired == nil {
		kept.fired = make(chan string, 16)
	}
	fired := kept.fired
	kept.mu.Unlock()
	go func() {
		time.Sleep(time.Duration(delay) * time.Millisecond)
		fired <- h(s)
	}()
}

// WaitFired waits for the result of one FireLater call.
func WaitFired() string {
	kept.mu.Lock()
	if kept.fired == nil {
		kept.fired = make(chan string, 16)
	}
	fired := kept.fired
	kept.mu.Unlock()
	return <-fired
}

// Pair is a func type with two results: Python returns a tuple of two.
type Pair func() (int, string)

// CallPair returns f's results as "N S".
func CallPair(f Pair) string {
	n, s := f()
	return fmt.Sprintf("%d %s", n, s)
}

// PairOrError is Pair with an error result.
type PairOrError func() (int, string, error)

// CallPairOrError returns f's results as "N S", or "error: " and the
// error's text.
func CallPairOrError(f PairOrError) string {
	n, s, err := f()
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprintf("%d %s", n, s)
}

// Checked is a func type with an error result.
type Checked func(float64) (float64, error)

// CallChecked returns f(x) with its error as it is.
func CallChecked(f Checked, x float64) (float64, error) { return f(x) }

// CheckedMessage returns the text of the error of f(x), or "" when there
// is none.
func CheckedMessage(f Checked, x float64) string {
	if _, err := f(x); err != nil {
		return err.Error()
	}
	return ""
}

// ShapeMaker makes a Shape from its name.
type ShapeMaker func(name string) Shape

// MakeAndDescribe returns Describe of f(name).
func MakeAndDescribe(f ShapeMaker, name string) string { return Describe(f(name)) }

// ShapeFunc takes a Shape.
type ShapeFunc func(s Shape) float64

// ApplyShape returns f(s).
func ApplyShape(f ShapeFunc, s Shape) float64 { return f(s) }

// End to end: sorting, writers, options, visitors ----------------------------

// Numbers is a Go slice of ints Python sorts with a comparator.
type Numbers struct{ xs []int }

// NewNumbers returns a Numbers holding xs.
func NewNumbers(xs ...int) *Numbers { return &Numbers{xs: append([]int(nil), xs...)} }

// Len returns the number of ints.
func (n *Numbers) Len() int { return len(n.xs) }

// At returns the int at index i.
func (n *Numbers) At(i int) int { return n.xs[i] }

// Values returns a copy of the ints.
func (n *Numbers) Values() []int { return append([]int(nil), n.xs...) }

// Sort sorts the ints with less, which compares the ints at indices i and
// j, as sort.Slice does.
func (n *Numbers) Sort(less func(i, j int) bool) { sort.Slice(n.xs, less) }

// Writer is io.Writer: Python classes implement it.
type Writer interface {
	// Write writes p and returns how many bytes it wrote.
	Write(p []byte) (n int, err error)
}

// WriteString writes s to w and returns w's results.
func WriteString(w Writer, s string) (int, error) { return w.Write([]byte(s)) }

// WriteLines writes lines lines "g G line L\n" to w from each of
// goroutines goroutines at once and returns the number of bytes written,
// or the first error a Write returned, as it is.
func WriteLines(w Writer, goroutines, lines int) (int, error) {
	var mu sync.Mutex
	var total int
	var first error
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for l := 0; l < lines; l++ {
				n, err := w.Write([]byte(fmt.Sprintf("g %d line %d\n", g, l)))
				mu.Lock()
				total += n
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		}(g)
	}
	wg.Wait()
	return total, first
}

// Config is what New builds from options.
type Config struct {
	// Name names the configuration.
	Name string
	// Size is a number the options set.
	Size int
	// Verbose is a flag the options set.
	Verbose bool
}

// Option changes a Config: functional options.
type Option func(*Config)

// New returns a Config with Name "default" and Size 1, changed by each
// option in turn.
func New(opts ...Option) *Config {
	c := &Config{Name: "default", Size: 1}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithSize is an Option written in Go: it sets Size to n.
func WithSize(n int) Option {
	return func(c *Config) { c.Size = n }
}

// Node is a tree of named values.
type Node struct {
	// Name names the node.
	Name string
	// Value is the node's number.
	Value int
	kids  []*Node
}

// NewNode returns a node without children.
func NewNode(name string, value int) *Node { return &Node{Name: name, Value: value} }

// Add appends kid to n's children and returns n.
func (n *Node) Add(kid *Node) *Node {
	n.kids = append(n.kids, kid)
	return n
}

// Sample returns the tree root(a(a1 a2) b(b1) c).
func Sample() *Node {
	return NewNode("root", 0).
		Add(NewNode("a", 1).Add(NewNode("a1", 11)).Add(NewNode("a2", 12))).
		Add(NewNode("b", 2).Add(NewNode("b1", 21))).
		Add(NewNode("c", 3))
}

// Visitor is called by Walk for every node.
type Visitor interface {
	// Visit is called before n's children; ErrSkip skips them, any other
	// error stops the walk.
	Visit(n *Node, depth int) error
	// Leave is called after n's children.
	Leave(n *Node)
}

// ErrSkip, from a Visit, skips the node's children.
var ErrSkip = errors.New("skip children")

// Walk visits n and its children depth first and returns the first error
// other than ErrSkip a Visit returned, as it is.
func Walk(n *Node, v Visitor) error { return walk(n, v, 0) }

// walk is Walk at depth.
func walk(n *Node, v Visitor, depth int) error {
	err := v.Visit(n, depth)
	if errors.Is(err, ErrSkip) {
		v.Leave(n)
		return nil
	}
	if err != nil {
		return err
	}
	for _, k := range n.kids {
		if err := walk(k, v, depth+1); err != nil {
			return err
		}
	}
	v.Leave(n)
	return nil
}

// WalkWrapped is Walk with the error wrapped: "walk: " and its text.
func WalkWrapped(n *Node, v Visitor) error {
	if err := Walk(n, v); err != nil {
		return fmt.Errorf("walk: %w", err)
	}
	return nil
}

// WalkOnGoroutine is Walk run on a new goroutine while the caller waits.
func WalkOnGoroutine(n *Node, v Visitor) error {
	done := make(chan error)
	go func() { done <- Walk(n, v) }()
	return <-done
}

// Errors across the boundary ----------------------------------------------------

// Validator checks x: a func type whose only result is an error.
type Validator func(x int) error

// Validate returns f(x) as it is.
func Validate(f Validator, x int) error { return f(x) }

// ValidateAll returns the errors of f for each of xs, joined (nil when
// none failed).
func ValidateAll(f Validator, xs ...int) error {
	var errs []error
	for _, x := range xs {
		if err := f(x); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ValidateMessage returns the text of f(x)'s error, or "<nil>".
func ValidateMessage(f Validator, x int) string { return ErrorText(f(x)) }

// ValidateIsSkip reports errors.Is(f(x), ErrSkip).
func ValidateIsSkip(f Validator, x int) bool { return errors.Is(f(x), ErrSkip) }

// ValidateCode returns CodeOf(f(x)).
func ValidateCode(f Validator, x int) int { return CodeOf(f(x)) }

// ErrorText returns err.Error(), or "<nil>" for a nil err.
func ErrorText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// PassError returns err as a value beside its text.
func PassError(err error) (error, string) { return err, ErrorText(err) }

// Fail returns err as the trailing error result.
func Fail(err error) error { return err }

// Wrap returns err wrapped with msg (fmt.Errorf's %w), or nil for nil.
func Wrap(err error, msg string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", msg, err)
}

// WrapValue is Wrap returning the error as a value.
func WrapValue(err error, msg string) (error, bool) {
	w := Wrap(err, msg)
	return w, w != nil
}

// Is reports errors.Is(err, target).
func Is(err, target error) bool { return errors.Is(err, target) }

// IsSkip reports errors.Is(err, ErrSkip).
func IsSkip(err error) bool { return errors.Is(err, ErrSkip) }

// CodeError is an error with a code.
type CodeError struct {
	// Code says what failed.
	Code int
}

// Error returns "code N".
func (e *CodeError) Error() string { return fmt.Sprintf("code %d", e.Code) }

// Check returns a *CodeError when code is not zero.
func Check(code int) error {
	if code != 0 {
		return &CodeError{Code: code}
	}
	return nil
}

// CodeOf returns the code of the first *CodeError in err's chain, or -1.
func CodeOf(err error) int {
	var ce *CodeError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return -1
}

// Outcome holds an error in a field.
type Outcome struct {
	// Err is why it failed, or nil.
	Err error
	// Note says something about it.
	Note string
}

// Text returns ErrorText of the outcome's error.
func (o *Outcome) Text() string { return ErrorText(o.Err) }

// Strings --------------------------------------------------------------------------

// Upper is strings.ToUpper, for callbacks that call back into Go.
func Upper(s string) string { return strings.ToUpper(s) }
