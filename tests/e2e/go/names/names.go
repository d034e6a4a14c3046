// Package names declares Go names that Python cannot spell as they are:
// Python keywords, a method parameter named self, and parameters named
// like the internals of the generated cffi module.
//
// It is an end-to-end test package for gopy.
package names

import "fmt"

// True is a constant named like a Python keyword.
const True = 1

// True_ is already spelled the way True is renamed.
const True_ = 11

// False is a variable named like a Python keyword.
var False = 2

// Lambda is a plain name, for contrast.
var Lambda = "lambda"

// None is a type named like a Python keyword, with fields and methods
// named like keywords too.
type None struct {
	True  int
	False string
	Plain int
}

// None is a method named like a keyword and like its own type.
func (n *None) None() int { return n.True + n.Plain }

// Self takes a parameter named self, which the receiver already uses.
func (n *None) Self(self int) int { return n.True*100 + self }

// Pair subtracts: the order of the arguments shows in the result.
func (n *None) Pair(a int, _h_self int) int { return n.True*100 + a*10 + _h_self }

// Keep returns None itself, so the renamed class crosses as a result.
func Keep(n *None) *None { return n }

// Internals takes parameters named like the generated module's own names.
func Internals(_rt, _lib, _MISSING, _ffi, _va, _extra int) int {
	return _rt*100000 + _lib*10000 + _MISSING*1000 + _ffi*100 + _va*10 + _extra
}

// Keywords takes parameters named like Python keywords.
func Keywords(from, lambda, from_ int, self string) string {
	return self + ":" + string(rune('0'+from)) + string(rune('0'+lambda)) + string(rune('0'+from_))
}

// Spread is variadic with a parameter named like the runtime.
func Spread(_rt int, _va ...int) int {
	s := _rt * 1000
	for _, v := range _va {
		s += v
	}
	return s
}

// Builtins takes parameters named like the Python builtins a generated
// def uses.
func Builtins(len string, int int, float float64, bool bool, complex complex128,
	object string, isinstance int, OverflowError int, h int, o int) string {
	return fmt.Sprintf("%s %d %g %t %g %s %d %d %d %d", len, int, float, bool, complex, object,
		isinstance, OverflowError, h, o)
}

// Locals takes parameters named like the generated def's locals, beside
// the parameter whose handle is one of them.
func Locals(a *None, _h_a int, _r0 int, _out string, _fail int, _sig_Locals int) string {
	return fmt.Sprintf("%d %d %d %s %d %d", a.True, _h_a, _r0, _out, _fail, _sig_Locals)
}

// Level is a named basic type whose method takes a parameter spelled like
// the class, and others spelled like builtins.
type Level int

// Plus adds a parameter named like its type.
func (l Level) Plus(Level Level) Level { return l + Level }

// Scale takes parameters named like builtins.
func (l Level) Scale(float float64, len string) string {
	return fmt.Sprintf("%g %s", float64(l)*float, len)
}

// Holder has a field named like its own type and one named like a keyword
// and like a class.
type Holder struct {
	Holder int
	None   *None
}

// Value returns the field named like the type.
func (h *Holder) Value() int { return h.Holder }

// Joint and Joint_Part, Joint_Run and the function Joint_Run_Fast have
// members whose type and member names, joined by one underscore, are
// spelled alike: the generated symbols must keep them apart.
type Joint struct{ Part_Name int }

// Run_Fast is spelled, after Joint_, like Joint_Run's method Fast.
func (Joint) Run_Fast() int { return 1 }

// Joint_Part has a field spelled, after Joint_Part_, like Joint's field.
type Joint_Part struct{ Name int }

// Joint_Run has a method spelled, after Joint_Run_, like Joint's method.
type Joint_Run struct{}

// Fast is the method of Joint_Run.
func (Joint_Run) Fast() int { return 2 }

// Joint_Run_Fast is a function spelled like both methods' symbols.
func Joint_Run_Fast() int { return 3 }

// Bag is a named slice; its constructor's table must not meet Bag_new's.
type Bag []int

// Bag_new is a function spelled like the tables of Bag's constructor.
func Bag_new() int { return 4 }

