package convs

import (
	"math/big"
	"time"
)

// Time is the identity on time.Time (datetime.datetime).
func Time(v time.Time) time.Time { return v }

// TimePtr is the identity on *time.Time (None is nil).
func TimePtr(v *time.Time) *time.Time { return v }

// Duration is the identity on time.Duration (datetime.timedelta).
func Duration(v time.Duration) time.Duration { return v }

// BigInt is the identity on *big.Int (int; None is nil).
func BigInt(v *big.Int) *big.Int { return v }

// BigRat is the identity on *big.Rat (fractions.Fraction; None is nil).
func BigRat(v *big.Rat) *big.Rat { return v }

// Durations is the identity on []time.Duration.
func Durations(v []time.Duration) []time.Duration { return v }

// Stamps maps names to times.
func Stamps(v map[string]time.Time) map[string]time.Time { return v }

// Later is the time d after t, or a Go error for a negative d.
func Later(t time.Time, d time.Duration) (time.Time, error) {
	if d < 0 {
		return time.Time{}, ErrNegative
	}
	return t.Add(d), nil
}
