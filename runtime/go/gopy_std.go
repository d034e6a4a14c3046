// gopy_std.go: Go's everyday types of other packages as Python's own
// values: time.Time as datetime.datetime, time.Duration as
// datetime.timedelta, *big.Int as int and *big.Rat as fractions.Fraction.
// time.Duration crosses as its int64 nanoseconds; the others as the byte
// records gopy_abi.h describes (time, big and rat records), in a gopy_seq
// to Go and a malloc'd gopy_str from Go, so both backends pass them as
// they pass []byte.
//
// The glue calls these only for a package that uses the types, or passes
// interface values (gopyUseTime, gopyUseBig); the linker drops the rest,
// so a module that does neither pays nothing.

package main

/*
#include <stdlib.h>
#include "gopy_abi.h"
*/
import "C"

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sync/atomic"
	"time"
	"unsafe"
)

// gopyRecord is the bytes of a record argument (C memory, read only for
// the call), and false for None (n -1).
func gopyRecord(a C.gopy_seq) ([]byte, bool) {
	if a.n < 0 {
		return nil, false
	}
	if a.n == 0 {
		return nil, true
	}
	return unsafe.Slice((*byte)(a.data), int(a.n)), true
}

// gopyCRecord is b in C memory (the caller frees it); nil is {NULL, 0}.
func gopyCRecord(b []byte) C.gopy_str {
	return gopyCBytes(b)
}

// ---- time.Time --------------------------------------------------------

// gopyTimeBytes decodes a time record: the civil time in a zone, as
// time.Date reads it (so a naive datetime is in time.Local, and a
// nonexistent or ambiguous local time is normalized as time.Date does).
func gopyTimeBytes(b []byte) time.Time {
	if len(b) < C.GOPY_TIME_HEAD {
		panic(gopyTypeError{"gopy: a time record is too short"})
	}
	ne := binary.NativeEndian
	year := int(int64(ne.Uint64(b[0:8])))
	nsec := int(int32(ne.Uint32(b[16:20])))
	offset := int(int32(ne.Uint32(b[20:24])))
	var loc *time.Location
	switch {
	case b[13]&C.GOPY_TIME_UTC != 0:
		loc = time.UTC
	case b[13]&C.GOPY_TIME_LOCAL != 0:
		loc = time.Local
	default:
		loc = gopyFixedZone(b[C.GOPY_TIME_HEAD:], offset)
	}
	return time.Date(year, time.Month(b[8]), int(b[9]), int(b[10]), int(b[11]), int(b[12]), nsec, loc)
}

// gopyZone is a fixed zone made for a time record: the one remembered by
// gopyFixedZone.
type gopyZone struct {
	name   string
	offset int
	loc    *time.Location
}

var gopyLastZone atomic.Pointer[gopyZone]

// gopyFixedZone is time.FixedZone(name, offset), the last one remembered:
// a program's times are in few zones, and a Location is an allocation.
func gopyFixedZone(name []byte, offset int) *time.Location {
	if z := gopyLastZone.Load(); z != nil && z.offset == offset && z.name == string(name) {
		return z.loc
	}
	z := &gopyZone{name: string(name), offset: offset}
	z.loc = time.FixedZone(z.name, offset)
	gopyLastZone.Store(z)
	return z.loc
}

// gopyTimeRecord encodes t as a time record: its civil time in its own
// location, the offset and the zone's name.
func gopyTimeRecord(t time.Time) []byte {
	name, offset := t.Zone()
	b := make([]byte, C.GOPY_TIME_HEAD+len(name))
	ne := binary.NativeEndian
	year, month, day := t.Date()
	hour, min, sec := t.Clock()
	ne.PutUint64(b[0:8], uint64(int64(year)))
	b[8], b[9], b[10], b[11], b[12] = byte(month), byte(day), byte(hour), byte(min), byte(sec)
	if t.Location() == time.UTC {
		b[13] = C.GOPY_TIME_UTC
	}
	ne.PutUint32(b[16:20], uint32(int32(t.Nanosecond())))
	ne.PutUint32(b[20:24], uint32(int32(offset)))
	copy(b[C.GOPY_TIME_HEAD:], name)
	return b
}

// gopyTimeIn is a time.Time argument.
func gopyTimeIn(a C.gopy_seq) time.Time {
	b, ok := gopyRecord(a)
	if !ok {
		panic(gopyTypeError{"gopy: None is not a time.Time"})
	}
	return gopyTimeBytes(b)
}

// gopyTimePtrIn is a *time.Time argument: nil for None, else a new Time.
func gopyTimePtrIn(a C.gopy_seq) *time.Time {
	b, ok := gopyRecord(a)
	if !ok {
		return nil
	}
	t := gopyTimeBytes(b)
	return &t
}

// gopyTimeOut is a time.Time result.
func gopyTimeOut(t time.Time) C.gopy_str {
	return gopyCRecord(gopyTimeRecord(t))
}

// gopyTimePtrOut is a *time.Time result: {NULL, 0} for nil.
func gopyTimePtrOut(t *time.Time) C.gopy_str {
	if t == nil {
		return C.gopy_str{}
	}
	return gopyTimeOut(*t)
}

// ---- *big.Int and *big.Rat --------------------------------------------

// gopyBigBytes decodes a big record into z.
func gopyBigBytes(z *big.Int, b []byte) *big.Int {
	if len(b) == 0 {
		panic(gopyTypeError{"gopy: a big record is empty"})
	}
	z.SetBytes(b[1:])
	if b[0] != 0 {
		z.Neg(z)
	}
	return z
}

// gopyBigRecord encodes x as a big record.
func gopyBigRecord(x *big.Int) []byte {
	b := make([]byte, 1+(x.BitLen()+7)/8)
	if x.Sign() < 0 {
		b[0] = 1
	}
	x.FillBytes(b[1:])
	return b
}

// gopyBigPtrIn is a *big.Int argument: a new Int, or nil for None.
func gopyBigPtrIn(a C.gopy_seq) *big.Int {
	b, ok := gopyRecord(a)
	if !ok {
		return nil
	}
	return gopyBigBytes(new(big.Int), b)
}

// gopyBigIn is a big.Int argument (a copy; it holds no pointer to C).
func gopyBigIn(a C.gopy_seq) big.Int {
	b, ok := gopyRecord(a)
	if !ok {
		panic(gopyTypeError{"gopy: None is not a big.Int"})
	}
	var z big.Int
	gopyBigBytes(&z, b)
	return z
}

// gopyBigPtrOut is a *big.Int result: {NULL, 0} for nil.
func gopyBigPtrOut(x *big.Int) C.gopy_str {
	if x == nil {
		return C.gopy_str{}
	}
	return gopyCRecord(gopyBigRecord(x))
}

// gopyBigOut is a big.Int result.
func gopyBigOut(x big.Int) C.gopy_str {
	return gopyBigPtrOut(&x)
}

// gopyRatBytes decodes a rat record into z.
func gopyRatBytes(z *big.Rat, b []byte) *big.Rat {
	if len(b) < C.GOPY_RAT_HEAD {
		panic(gopyTypeError{"gopy: a rat record is too short"})
	}
	k := binary.NativeEndian.Uint64(b[1:C.GOPY_RAT_HEAD])
	rest := b[C.GOPY_RAT_HEAD:]
	if k > uint64(len(rest)) {
		panic(gopyTypeError{"gopy: a rat record is cut short"})
	}
	num := new(big.Int).SetBytes(rest[:k])
	if b[0] != 0 {
		num.Neg(num)
	}
	den := new(big.Int).SetBytes(rest[k:])
	if den.Sign() == 0 {
		panic(gopyTypeError{"gopy: a rat record has a zero denominator"})
	}
	return z.SetFrac(num, den)
}

// gopyRatRecord encodes x as a rat record.
func gopyRatRecord(x *big.Rat) []byte {
	num, den := x.Num(), x.Denom()
	k := (num.BitLen() + 7) / 8
	b := make([]byte, C.GOPY_RAT_HEAD+k+(den.BitLen()+7)/8)
	if num.Sign() < 0 {
		b[0] = 1
	}
	binary.NativeEndian.PutUint64(b[1:C.GOPY_RAT_HEAD], uint64(k))
	num.FillBytes(b[C.GOPY_RAT_HEAD : C.GOPY_RAT_HEAD+k])
	den.FillBytes(b[C.GOPY_RAT_HEAD+k:])
	return b
}

// gopyRatPtrIn is a *big.Rat argument: a new Rat, or nil for None.
func gopyRatPtrIn(a C.gopy_seq) *big.Rat {
	b, ok := gopyRecord(a)
	if !ok {
		return nil
	}
	return gopyRatBytes(new(big.Rat), b)
}

// gopyRatIn is a big.Rat argument.
func gopyRatIn(a C.gopy_seq) big.Rat {
	b, ok := gopyRecord(a)
	if !ok {
		panic(gopyTypeError{"gopy: None is not a big.Rat"})
	}
	var z big.Rat
	gopyRatBytes(&z, b)
	return z
}

// gopyRatPtrOut is a *big.Rat result: {NULL, 0} for nil.
func gopyRatPtrOut(x *big.Rat) C.gopy_str {
	if x == nil {
		return C.gopy_str{}
	}
	return gopyCRecord(gopyRatRecord(x))
}

// gopyRatOut is a big.Rat result.
func gopyRatOut(x big.Rat) C.gopy_str {
	return gopyRatPtrOut(&x)
}

// ---- interface values (gopy_dyn.go) -------------------------------------

// gopyStdHooks are the conversions below as gopy_dyn.go reaches them:
// none until the glue turns them on (gopyUseTime, gopyUseBig), so that a
// module whose glue does not links none of them. math/big's are costly:
// converted to interfaces, big.Int and big.Rat keep every method, since
// the runtime looks methods up by name (reflect).
var gopyStdHooks struct {
	set  []func(*C.gopy_val, any) bool
	in   []func(*C.gopy_val) (any, bool)
	into []func(*C.gopy_val, reflect.Value) bool
	time bool
	big  bool
}

// gopyUseTime turns on time.Time and time.Duration inside interface
// values and callbacks; glue.go calls it in a package variable's
// initializer where interface values cross.
func gopyUseTime() bool {
	if !gopyStdHooks.time {
		gopyStdHooks.time = true
		gopyTimePtrType = reflect.TypeOf((*time.Time)(nil))
		gopyDurationType = reflect.TypeOf(time.Duration(0))
		gopyStdHooks.set = append(gopyStdHooks.set, gopyTimeValSet)
		gopyStdHooks.in = append(gopyStdHooks.in, gopyTimeValIn)
		gopyStdHooks.into = append(gopyStdHooks.into, gopyTimeValInto)
	}
	return true
}

// gopyUseBig is gopyUseTime for *big.Int and *big.Rat, where the package
// names math/big.
func gopyUseBig() bool {
	if !gopyStdHooks.big {
		gopyStdHooks.big = true
		gopyBigPtrType = reflect.TypeOf((*big.Int)(nil))
		gopyBigType = gopyBigPtrType.Elem()
		gopyRatPtrType = reflect.TypeOf((*big.Rat)(nil))
		gopyRatType = gopyRatPtrType.Elem()
		gopyStdHooks.set = append(gopyStdHooks.set, gopyBigValSet)
		gopyStdHooks.in = append(gopyStdHooks.in, gopyBigValIn)
		gopyStdHooks.into = append(gopyStdHooks.into, gopyBigValInto)
	}
	return true
}

// The types gopyTimeValInto and gopyBigValInto convert to, set when they
// are turned on (an initializer would keep them in every module).
var gopyTimePtrType, gopyDurationType, gopyBigPtrType, gopyBigType, gopyRatPtrType, gopyRatType reflect.Type

// gopyValBytes is the str of a record from C, read in place.
func gopyValBytes(v *C.gopy_val) []byte {
	if v.str.n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(v.str.p)), int(v.str.n))
}

// gopyTimeValSet writes x into v when it is a time.Time, *time.Time or
// time.Duration (a value inside any, a callback's argument).
func gopyTimeValSet(v *C.gopy_val, x any) bool {
	switch t := x.(type) {
	case time.Time:
		v.kind, v.str = C.GOPY_VAL_TIME, gopyTimeOut(t)
	case *time.Time:
		if t == nil {
			v.kind = C.GOPY_VAL_NIL
		} else {
			v.kind, v.str = C.GOPY_VAL_TIME, gopyTimeOut(*t)
		}
	case time.Duration:
		v.kind, v.i = C.GOPY_VAL_DURATION, C.longlong(t)
	default:
		return false
	}
	return true
}

// gopyTimeValIn is the Go value of a TIME or DURATION record.
func gopyTimeValIn(v *C.gopy_val) (any, bool) {
	switch v.kind {
	case C.GOPY_VAL_TIME:
		return gopyTimeBytes(gopyValBytes(v)), true
	case C.GOPY_VAL_DURATION:
		return time.Duration(v.i), true
	}
	return nil, false
}

// gopyTimeValInto stores v in dst where Go wants a *time.Time (from a
// TIME record) or a time.Duration (from a number of seconds): a
// callback's result or a Go func's argument. False when it does not apply.
func gopyTimeValInto(v *C.gopy_val, dst reflect.Value) bool {
	switch dst.Type() {
	case gopyTimePtrType:
		if v.kind != C.GOPY_VAL_TIME {
			return false
		}
		t := gopyTimeBytes(gopyValBytes(v))
		dst.Set(reflect.ValueOf(&t))
		return true
	case gopyDurationType:
		switch v.kind {
		case C.GOPY_VAL_INT:
			n := int64(v.i)
			if n > math.MaxInt64/int64(time.Second) || n < math.MinInt64/int64(time.Second) {
				panic(gopyTypeError{fmt.Sprintf("%d seconds, out of range for Go time.Duration", n)})
			}
			dst.SetInt(n * int64(time.Second))
			return true
		case C.GOPY_VAL_FLOAT:
			dst.SetInt(gopySecondsDuration(float64(v.f)))
			return true
		}
	}
	return false
}

// gopyBigValSet writes x into v when it is a big.Int or big.Rat or a
// pointer to one.
func gopyBigValSet(v *C.gopy_val, x any) bool {
	switch t := x.(type) {
	case *big.Int:
		if t == nil {
			v.kind = C.GOPY_VAL_NIL
		} else {
			v.kind, v.str = C.GOPY_VAL_BIGINT, gopyBigPtrOut(t)
		}
	case big.Int:
		v.kind, v.str = C.GOPY_VAL_BIGINT, gopyBigPtrOut(&t)
	case *big.Rat:
		if t == nil {
			v.kind = C.GOPY_VAL_NIL
		} else {
			v.kind, v.str = C.GOPY_VAL_RAT, gopyRatPtrOut(t)
		}
	case big.Rat:
		v.kind, v.str = C.GOPY_VAL_RAT, gopyRatPtrOut(&t)
	default:
		return false
	}
	return true
}

// gopyBigValIn is the Go value of a BIGINT or RAT record.
func gopyBigValIn(v *C.gopy_val) (any, bool) {
	switch v.kind {
	case C.GOPY_VAL_BIGINT:
		return gopyBigBytes(new(big.Int), gopyValBytes(v)), true
	case C.GOPY_VAL_RAT:
		return gopyRatBytes(new(big.Rat), gopyValBytes(v)), true
	}
	return nil, false
}

// gopyBigValInto stores an int (INT, UINT or BIGINT) in dst where Go
// wants a big.Int or big.Rat or a pointer to one. False when it does not
// apply.
func gopyBigValInto(v *C.gopy_val, dst reflect.Value) bool {
	t := dst.Type()
	if t != gopyBigPtrType && t != gopyBigType && t != gopyRatPtrType && t != gopyRatType {
		return false
	}
	z := new(big.Int)
	switch v.kind {
	case C.GOPY_VAL_INT:
		z.SetInt64(int64(v.i))
	case C.GOPY_VAL_UINT:
		z.SetUint64(uint64(v.i))
	case C.GOPY_VAL_BIGINT:
		gopyBigBytes(z, gopyValBytes(v))
	default:
		return false
	}
	switch t {
	case gopyBigPtrType:
		dst.Set(reflect.ValueOf(z))
	case gopyBigType:
		dst.Set(reflect.ValueOf(z).Elem())
	case gopyRatPtrType:
		dst.Set(reflect.ValueOf(new(big.Rat).SetInt(z)))
	default:
		dst.Set(reflect.ValueOf(new(big.Rat).SetInt(z)).Elem())
	}
	return true
}

// gopySecondsDuration is s seconds as nanoseconds, rounded to the
// nearest (half to even, as Python's round); nan or out of int64's range
// is a TypeError naming the value.
func gopySecondsDuration(s float64) int64 {
	ns := math.RoundToEven(s * 1e9)
	if math.IsNaN(ns) || ns < -(1<<63) || ns >= 1<<63 {
		panic(gopyTypeError{fmt.Sprintf("%v seconds, out of range for Go time.Duration", s)})
	}
	return int64(ns)
}

// gopyDuration is a time.Duration argument, which crosses as int64
// nanoseconds.
func gopyDuration(ns int64) time.Duration {
	return time.Duration(ns)
}
