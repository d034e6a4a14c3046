package generics

// Number is a constraint.
type Number interface {
	~int | ~int64 | float64
}

// Sum adds numbers.
func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

// Map applies f.
func Map[K comparable, V any, R any](m map[K]V, f func(V) R) map[K]R { return nil }

// List is a generic list.
type List[T any] struct {
	items []T
	// Head is the first element.
	Head *T
}

// Push appends x.
func (l *List[T]) Push(x T) { l.items = append(l.items, x) }

// Len counts.
func (l List[T]) Len() int { return len(l.items) }

// Pair is a pair.
type Pair[K comparable, V any] struct {
	Key K
	Val V
}

// Ints is an instantiated list.
var Ints List[int]

// IntList embeds an instantiation.
type IntList struct {
	List[int]
}

// First returns the first pair.
func First(ps []Pair[string, int]) Pair[string, int] { return ps[0] }
