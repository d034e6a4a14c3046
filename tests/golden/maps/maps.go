// Package maps is the golden package for maps: basic keys and values,
// struct and slice values, a named map type with methods, and a map type
// that is skipped.
package maps

// Counts counts words.
func Counts(words []string) map[string]int {
	m := map[string]int{}
	for _, w := range words {
		m[w]++
	}
	return m
}

// Len returns the number of entries of m.
func Len(m map[int]float64) int { return len(m) }

// Point is a value type.
type Point struct{ X, Y int }

// ByID returns points by id.
func ByID() map[int]Point { return map[int]Point{1: {1, 1}} }

// Groups returns slices by name.
func Groups() map[string][]int { return map[string][]int{"odd": {1, 3}} }

// Tally counts words.
type Tally map[string]int

// Add counts w once more.
func (t Tally) Add(w string) { t[w]++ }

// Get returns t's count of w and whether it has one.
func (t Tally) Get(w string) (int, bool) { n, ok := t[w]; return n, ok }

// Pipes is skipped: channel values are not supported.
func Pipes() map[string]chan int { return nil }
