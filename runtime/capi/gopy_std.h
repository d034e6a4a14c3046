/*
 * gopy_std.h: Go's everyday types of other packages as Python's own
 * values, the C-API side: time.Time is datetime.datetime, time.Duration
 * datetime.timedelta, *big.Int (and big.Int) int, *big.Rat (and big.Rat)
 * fractions.Fraction. The Go side is runtime/go/gopy_std.go; the records
 * that cross are gopy_abi.h's time, big and rat records, passed as a
 * []byte is (a gopy_seq to Go, a malloc'd gopy_str from Go).
 *
 * The rules (docs/design.md: Go's everyday types):
 *  - Go to Python, a Time is an aware datetime in a timezone of its offset
 *    and zone name (time.UTC: timezone.utc), its nanoseconds truncated to
 *    microseconds; a year outside 1..9999 is an OverflowError naming the
 *    time. The zero Time is datetime(1, 1, 1, tzinfo=timezone.utc).
 *  - Python to Go, an aware datetime is the same instant in a fixed zone
 *    of its utcoffset() and tzname() (timezone.utc: time.UTC); a naive one
 *    is a civil time in time.Local, as time.Date reads it. A date that is
 *    no datetime is a TypeError.
 *  - A Duration is a timedelta (microseconds truncated toward zero); to Go
 *    a timedelta, an int or a float number of seconds (a float rounded to
 *    the nanosecond); out of int64 nanoseconds is an OverflowError.
 *  - An Int is an int of any size; to Go any int (a bool too, and
 *    __index__, as for Go's ints). A Rat is a Fraction; to Go a Fraction
 *    or an int. A nil pointer is None both ways.
 *
 * Layer: above gopy_rt (it uses only frames and messages); gopy_dyn uses it
 * for these values inside interface values. The datetime C API and the
 * fractions module are imported on first use, so a module that never
 * passes these values does not import them.
 *
 * Ownership: as gopy_rt.h's converters. A record made for Go lives in
 * frame memory; a record from Go is freed by the converter that reads it.
 */
#ifndef GOPY_STD_H
#define GOPY_STD_H

#include "gopy_rt.h"

/* Python -> Go: out is a gopy_seq (a record; n -1 for None where a pointer
 * takes it) or, for a Duration, a GoInt64. */
int gopy_to_time(gopy_frame *f, int idx, PyObject *o, void *out);
int gopy_to_time_ptr(gopy_frame *f, int idx, PyObject *o, void *out);
int gopy_to_duration(gopy_frame *f, int idx, PyObject *o, void *out);
int gopy_to_bigint(gopy_frame *f, int idx, PyObject *o, void *out);
int gopy_to_bigint_ptr(gopy_frame *f, int idx, PyObject *o, void *out);
int gopy_to_rat(gopy_frame *f, int idx, PyObject *o, void *out);
int gopy_to_rat_ptr(gopy_frame *f, int idx, PyObject *o, void *out);

/* Go -> Python: a new reference, or NULL with an exception. A record of
 * length 0 (a nil pointer) is None. Each frees s.p. */
PyObject *gopy_from_time(gopy_str s);
PyObject *gopy_from_duration(GoInt64 ns);
PyObject *gopy_from_bigint(gopy_str s);
PyObject *gopy_from_rat(gopy_str s);

/*
 * Interface values (gopy_dyn.c). to_val: a datetime, timedelta or Fraction
 * as a TIME, DURATION or RAT record (the record's bytes in frame memory);
 * 1 when o is none of them. from_val: a TIME, DURATION, BIGINT or RAT
 * record from Go as its Python value, freeing its bytes.
 */
int gopy_std_to_val(gopy_frame *f, int idx, PyObject *o, gopy_val *out);
PyObject *gopy_std_from_val(gopy_val *v);

/* The int o (past int64: a callback's result) as a BIGINT record. */
int gopy_std_bigint_val(gopy_frame *f, PyObject *o, gopy_val *out);

#endif
