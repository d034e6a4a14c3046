// Package keywords declares, beside package names, the kinds of Go names
// that package could not also name None, True or False (a package has one
// declaration of each name).
//
// It is an end-to-end test package for gopy.
package keywords

// None is a function named like a Python keyword.
func None(True int) int { return True + 1 }

// False is a constant named like a Python keyword.
const False = "no"

// True is a named basic type named like a Python keyword.
type True int

// None is a method of a named basic type, named like a keyword.
func (t True) None(self True) True { return t*10 + self }

// Flip returns its argument as a True, so the renamed class is a result.
func Flip(n int) True { return True(-n) }

// None_ is a variable spelled the way the function None would be renamed:
// the function is numbered instead (None_2).
var None_ = 7
