// Package funcs is the golden package for functions: basic kinds as
// parameters and results, several results, variadics, no result, and a
// function that is skipped.
package funcs

// Add returns the sum of a and b.
//
// The second paragraph of a doc comment is kept too.
func Add(a, b int) int { return a + b }

// Reset returns nothing.
func Reset() {}

// Split returns the halves of s.
func Split(s string) (string, string) { return s[:len(s)/2], s[len(s)/2:] }

// Join joins words with sep.
func Join(sep string, words ...string) string {
	out := ""
	for i, w := range words {
		if i > 0 {
			out += sep
		}
		out += w
	}
	return out
}

// Kinds echoes one value of each basic kind.
func Kinds(b bool, i8 int8, u16 uint16, i32 int32, u uint, u64 uint64, p uintptr,
	f32 float32, c64 complex64, c128 complex128, r rune, y byte) (bool, int8, uint16, int32, uint, uint64, uintptr, float32, complex64, complex128, rune, byte) {
	return b, i8, u16, i32, u, u64, p, f32, c64, c128, r, y
}

// Unnamed has parameters without names.
func Unnamed(int, string) {}

// Send is skipped: channels are not supported.
func Send(ch chan<- int) {}

// Generic is skipped: generic functions are not bound.
func Generic[T any](v T) T { return v }

// Call is skipped: function values do not cross.
func Call(f func() int) int { return f() }
