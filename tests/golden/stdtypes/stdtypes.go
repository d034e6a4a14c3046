// Package stdtypes uses Go's everyday types of other packages, which cross
// as Python's own values.
package stdtypes

import (
	"math/big"
	"time"
)

// Stamp is a struct with fields of the everyday types.
type Stamp struct {
	At   time.Time
	Took time.Duration
	N    *big.Int
}

// Later is t + d.
func Later(t time.Time, d time.Duration) time.Time { return t.Add(d) }

// Maybe returns t.
func Maybe(t *time.Time) *time.Time { return t }

// Double is 2x.
func Double(x *big.Int) *big.Int { return new(big.Int).Lsh(x, 1) }

// Half is x / 2.
func Half(x *big.Rat) *big.Rat { return new(big.Rat).Quo(x, big.NewRat(2, 1)) }

// Sum adds ds.
func Sum(ds ...time.Duration) time.Duration {
	var s time.Duration
	for _, d := range ds {
		s += d
	}
	return s
}

// Skipped takes a pointer to a Duration, which cannot cross.
func Skipped(d *time.Duration) {}
