// Package basics exercises every basic Go type across the boundary.
//
// It is an end-to-end test package for gopy.
package basics

import (
	"runtime"
	"strings"
	"sync"
	"time"
)

// Add returns the sum of a and b.
func Add(a, b int) int { return a + b }

// DivMod returns the quotient and remainder of a divided by b.
func DivMod(a, b int) (int, int) { return a / b, a % b }

// Nothing takes nothing and returns nothing.
func Nothing() { calls++ }

var calls int

// Calls reports how often Nothing ran.
func Calls() int { return calls }

func EchoBool(v bool) bool          { return v }
func EchoInt(v int) int             { return v }
func EchoInt8(v int8) int8          { return v }
func EchoInt16(v int16) int16       { return v }
func EchoInt32(v int32) int32       { return v }
func EchoInt64(v int64) int64       { return v }
func EchoUint(v uint) uint          { return v }
func EchoUint8(v uint8) uint8       { return v }
func EchoUint16(v uint16) uint16    { return v }
func EchoUint32(v uint32) uint32    { return v }
func EchoUint64(v uint64) uint64    { return v }
func EchoUintptr(v uintptr) uintptr { return v }
func EchoByte(v byte) byte          { return v }
func EchoRune(v rune) rune          { return v }
func EchoFloat32(v float32) float32 { return v }
func EchoFloat64(v float64) float64 { return v }
func EchoComplex64(v complex64) complex64 {
	return v
}
func EchoComplex128(v complex128) complex128 { return v }
func EchoString(v string) string             { return v }

// Not negates b.
func Not(b bool) bool { return !b }

// Half halves a float32.
func Half(f float32) float32 { return f / 2 }

// Conj returns the complex conjugate.
func Conj(c complex128) complex128 { return complex(real(c), -imag(c)) }

// Concat joins two strings.
func Concat(a, b string) string { return a + b }

// Upper upper-cases s.
func Upper(s string) string { return strings.ToUpper(s) }

// Len returns the length of s in bytes.
func Len(s string) int { return len(s) }

// InvalidUTF8 returns a string holding bytes that are not valid UTF-8.
func InvalidUTF8() string { return "a\xffb\xfe" }

// Bytes returns the bytes of s as a list of numbers, joined by commas.
func Bytes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(itoa(int(s[i])))
	}
	return b.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for n > 0 {
		d = append([]byte{byte('0' + n%10)}, d...)
		n /= 10
	}
	return string(d)
}

var kept []string

// Keep stores s in Go memory; Kept returns everything stored. Together they
// check that Go owns the strings it receives.
func Keep(s string) { kept = append(kept, s) }

// Kept returns the kept strings joined by "|".
func Kept() string { return strings.Join(kept, "|") }

// Sum adds all its arguments.
func Sum(nums ...int) int {
	t := 0
	for _, n := range nums {
		t += n
	}
	return t
}

// Join joins parts with sep.
func Join(sep string, parts ...string) string { return strings.Join(parts, sep) }

// Scale multiplies every value by factor and returns how many there were
// and their sum.
func Scale(factor float64, values ...float64) (int, float64) {
	s := 0.0
	for _, v := range values {
		s += v * factor
	}
	return len(values), s
}

// Greet greets name the given number of times.
func Greet(name string, times int, punct string) string {
	return strings.Repeat("hello "+name+punct, times)
}

// Keywords has parameters named like Python keywords.
func Keywords(from int, lambda int, None string) string {
	return itoa(from) + itoa(lambda) + None
}

// Unnamed has unnamed parameters.
func Unnamed(int, string) bool { return true }

// Blank has a blank parameter.
func Blank(_ int, s string) string { return s }

// Sleep sleeps for ms milliseconds.
func Sleep(ms int) { time.Sleep(time.Duration(ms) * time.Millisecond) }

// Spin burns the CPU for about n iterations and returns a checksum.
func Spin(n int) int {
	x := 0
	for i := 0; i < n; i++ {
		x = x*31 + i
	}
	return x
}

// ParallelCount counts to n on every CPU in parallel and returns the
// number of goroutines that ran and the CPUs available.
func ParallelCount(n int) (int, int) {
	cpus := runtime.NumCPU()
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for i := 0; i < cpus; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			Spin(n)
			mu.Lock()
			done++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return done, cpus
}
