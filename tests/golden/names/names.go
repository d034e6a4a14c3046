// Package names is the golden package for names Python cannot spell as
// they are: Python keywords, a method parameter named self, unnamed and
// underscore parameters, and names with a double underscore (skipped).
package names

// True is a constant named like a Python keyword.
const True = 1

// False is a variable named like a Python keyword.
var False = 2

// None is a type named like a Python keyword, with fields and methods
// named like keywords too.
type None struct {
	True  int
	Plain int
}

// None is a method named like a keyword and like its own type.
func (n *None) None() int { return n.True + n.Plain }

// Self takes a parameter named self, which the receiver already uses.
func (n *None) Self(self int) int { return n.True*100 + self }

// Keywords takes parameters named like Python keywords.
func Keywords(from, lambda, from_ int, in string) string { return in }

// Under takes parameters spelled with a leading underscore.
func Under(_x int, _ string) int { return _x }

// Builtins takes parameters named like builtins the generated code uses.
func Builtins(len string, int int, isinstance bool) string { return len }

// Run__Fast is skipped: double underscores are reserved.
func Run__Fast() int { return 5 }

// Double__Under is skipped too.
type Double__Under struct{ X int }
