// Package stdtypes uses Go's everyday types of other packages (time.Time,
// time.Duration, *big.Int, *big.Rat), which cross as Python's datetime,
// timedelta, int and Fraction.
package stdtypes

import (
	"math/big"
	"time"
)

// Echo returns t unchanged.
func Echo(t time.Time) time.Time { return t }

// EchoPtr returns t unchanged (nil: None).
func EchoPtr(t *time.Time) *time.Time { return t }

// Describe formats t with its zone, as Go sees it.
func Describe(t time.Time) string { return t.Format("2006-01-02 15:04:05.999999999 -0700 MST") }

// Unix is t's Unix time in nanoseconds.
func Unix(t time.Time) int64 { return t.UnixNano() }

// FromUnix is the time of Unix seconds and nanoseconds in UTC.
func FromUnix(sec, nsec int64) time.Time { return time.Unix(sec, nsec).UTC() }

// InZone is the instant t in a fixed zone of offset seconds named name.
func InZone(t time.Time, name string, offset int) time.Time {
	return t.In(time.FixedZone(name, offset))
}

// InLocation is t in the named location (time.LoadLocation).
func InLocation(t time.Time, name string) (time.Time, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.Time{}, err
	}
	return t.In(loc), nil
}

// Date is time.Date in UTC.
func Date(year, month, day, hour, min, sec, nsec int) time.Time {
	return time.Date(year, time.Month(month), day, hour, min, sec, nsec, time.UTC)
}

// Zero is the zero time.Time.
func Zero() time.Time { return time.Time{} }

// IsZero says whether t is the zero time.
func IsZero(t time.Time) bool { return t.IsZero() }

// IsUTC says whether t's location is time.UTC.
func IsUTC(t time.Time) bool { return t.Location() == time.UTC }

// IsLocal says whether t's location is time.Local.
func IsLocal(t time.Time) bool { return t.Location() == time.Local }

// Zone is t's zone name and offset.
func Zone(t time.Time) (string, int) { return t.Zone() }

// AddDays is t plus n days.
func AddDays(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

// Sub is a - b.
func Sub(a, b time.Time) time.Duration { return a.Sub(b) }

// Add is t + d.
func Add(t time.Time, d time.Duration) time.Time { return t.Add(d) }

// EchoDuration returns d unchanged.
func EchoDuration(d time.Duration) time.Duration { return d }

// Nanos is d in nanoseconds.
func Nanos(d time.Duration) int64 { return int64(d) }

// FromNanos is n nanoseconds.
func FromNanos(n int64) time.Duration { return time.Duration(n) }

// EchoInt returns x unchanged (nil: None).
func EchoInt(x *big.Int) *big.Int { return x }

// EchoIntValue returns x unchanged.
func EchoIntValue(x big.Int) big.Int { return x }

// IntString is x in decimal ("<nil>" for nil).
func IntString(x *big.Int) string { return x.String() }

// Factorial is n!.
func Factorial(n int64) *big.Int { return new(big.Int).MulRange(1, n) }

// Mul is a * b.
func Mul(a, b *big.Int) *big.Int { return new(big.Int).Mul(a, b) }

// NilInt is a nil *big.Int.
func NilInt() *big.Int { return nil }

// EchoRat returns x unchanged (nil: None).
func EchoRat(x *big.Rat) *big.Rat { return x }

// RatString is x as Go writes it.
func RatString(x *big.Rat) string { return x.String() }

// AddRat is a + b.
func AddRat(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }

// Half is 1/2 as a value.
func Half() big.Rat { return *big.NewRat(1, 2) }

// Event is a struct with fields of the everyday types.
type Event struct {
	Name  string
	At    time.Time
	Took  time.Duration
	Count *big.Int
	Share *big.Rat
	Next  *time.Time
}

// Later returns e's time plus its duration.
func (e *Event) Later() time.Time { return e.At.Add(e.Took) }

// Times returns n times a day apart from start.
func Times(start time.Time, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = start.AddDate(0, 0, i)
	}
	return out
}

// Durations returns ds doubled.
func Durations(ds []time.Duration) []time.Duration {
	out := make([]time.Duration, len(ds))
	for i, d := range ds {
		out[i] = 2 * d
	}
	return out
}

// Sum adds xs.
func Sum(xs []*big.Int) *big.Int {
	s := new(big.Int)
	for _, x := range xs {
		s.Add(s, x)
	}
	return s
}

// Powers maps each exponent to 2**exponent.
func Powers(exps []int) map[int]*big.Int {
	m := make(map[int]*big.Int, len(exps))
	for _, e := range exps {
		m[e] = new(big.Int).Lsh(big.NewInt(1), uint(e))
	}
	return m
}

// ByTime counts the times per instant (in UTC).
func ByTime(ts []time.Time) map[time.Time]int {
	m := map[time.Time]int{}
	for _, t := range ts {
		m[t.UTC()]++
	}
	return m
}

// Timeouts is a map of durations by name.
var Timeouts = map[string]time.Duration{"read": time.Second}

// Epoch is a package variable of type time.Time.
var Epoch = time.Unix(0, 0).UTC()

// Big is a package variable of type *big.Int.
var Big = new(big.Int).Lsh(big.NewInt(1), 100)

// Each calls f with each of n days from start and collects its results.
func Each(start time.Time, n int, f func(time.Time) time.Duration) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = f(start.AddDate(0, 0, i))
	}
	return out
}

// Grow calls f with x and returns its result.
func Grow(x *big.Int, f func(*big.Int) *big.Int) *big.Int { return f(x) }

// Stamp returns an any holding a time.Time.
func Stamp(t time.Time) any { return t }

// Anything returns its argument.
func Anything(x any) any { return x }

// TypeOf is the Go type of x.
func TypeOf(x any) string {
	switch x.(type) {
	case time.Time:
		return "time.Time"
	case time.Duration:
		return "time.Duration"
	case *big.Rat:
		return "*big.Rat"
	case *big.Int:
		return "*big.Int"
	case int:
		return "int"
	}
	return "other"
}
