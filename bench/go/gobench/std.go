package gobench

import "time"

// EchoFloat returns x: the per-call baseline of the round trips below.
func EchoFloat(x float64) float64 { return x }

// EchoTime returns t (datetime.datetime both ways).
func EchoTime(t time.Time) time.Time { return t }

// EchoDuration returns d (datetime.timedelta both ways).
func EchoDuration(d time.Duration) time.Duration { return d }
