# gopy_cffi_std.py: Go's everyday types of other packages as Python's own
# values in a cffi module, copied into a generated package as
# NAME/_gopy_std.py (imported only by a package that passes them); the
# counterpart of gopy_std.c, with the same rules and messages:
#
#   time.Time      datetime.datetime: Go -> Python an aware datetime in a
#                  timezone of the Time's offset and zone name (time.UTC:
#                  timezone.utc), nanoseconds truncated to microseconds, a
#                  year outside 1..9999 an OverflowError; Python -> Go the
#                  same instant in a fixed zone of utcoffset() and tzname(),
#                  a naive datetime a civil time in time.Local
#   time.Duration  datetime.timedelta (microseconds truncated toward zero);
#                  to Go also an int or a float number of seconds
#   *big.Int       int of any size (a bool and __index__ too, as Go's ints)
#   *big.Rat       fractions.Fraction; to Go also an int
#
# A nil pointer is None both ways. The records (gopy_abi.h: time, big and
# rat records) cross as []byte does: the converters return (gopy_seq *,
# keep) and read a gopy_str Go malloc'd, which they free.

import datetime
import fractions
import struct

from . import _gopy as _rt

# gopy_abi.h: GOPY_TIME_*, GOPY_RAT_HEAD and the record kinds of gopy_val.
_TIME_UTC, _TIME_LOCAL = 1, 2
TIME, DURATION, BIGINT, RAT = 15, 16, 17, 18
# year, month, day, hour, minute, second, flags, nanosecond, offset
_TIME = struct.Struct("=qBBBBBBxxii")
_RAT_K = struct.Struct("=Q")
_RAT_HEAD = 1 + _RAT_K.size

_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1
_UTC = datetime.timezone.utc
_datetime, _timedelta, _Fraction = datetime.datetime, datetime.timedelta, fractions.Fraction


def _seq(rec):
    s = _rt.ffi.new("gopy_seq *")
    data = _rt.ffi.from_buffer(rec)
    s.data, s.n = data, len(rec)
    return s, (rec, data)


def _nil():
    s = _rt.ffi.new("gopy_seq *")
    s.n = -1
    return s, None


def _take(s):
    """The bytes of a record Go malloc'd (freed here); None for nil."""
    if s.n == 0:
        return None
    try:
        return _rt.ffi.unpack(s.p, s.n)
    finally:
        _rt.lib.free(s.p)


# ---- time.Time --------------------------------------------------------

# The last datetime.timezone a datetime to Go had, with its offset and
# name: an exact timezone is a fixed offset and name, so a program passing
# times of one zone asks it once (gopy_std.c: remember_tz). Other tzinfos
# (zoneinfo's) are asked every time: their offset depends on the datetime.
_last_tz = (None, 0, b"")


def _time_record(o):
    global _last_tz
    tz = o.tzinfo
    name = b""
    offset = 0
    if tz is _UTC:
        flags = _TIME_UTC
    elif tz is None:
        flags = _TIME_LOCAL
    elif tz is _last_tz[0]:
        flags, offset, name = 0, _last_tz[1], _last_tz[2]
    else:
        off = o.utcoffset()
        if off is None:  # naive, by Python's rule
            flags = _TIME_LOCAL
        else:
            flags = 0
            offset = off.days * 86400 + off.seconds
            zn = o.tzname()
            if isinstance(zn, str):
                name = zn.encode("utf-8", "surrogateescape")
            if type(tz) is datetime.timezone:
                _last_tz = (tz, offset, name)
    return _TIME.pack(o.year, o.month, o.day, o.hour, o.minute, o.second, flags,
                      o.microsecond * 1000, offset) + name


def to_time(o, sig, idx, path=None):
    if not isinstance(o, _datetime):
        _rt.type_error(o, sig, idx, path, "datetime.datetime", "time.Time")
    return _seq(_time_record(o))


def to_time_ptr(o, sig, idx, path=None):
    if o is None:
        return _nil()
    if not isinstance(o, _datetime):
        _rt.type_error(o, sig, idx, path, "datetime.datetime or None", "*time.Time")
    return _seq(_time_record(o))


# timezone(timedelta(seconds=offset), name), remembered: a program's times
# are in few zones, and building one costs more than the datetime.
_zones: dict = {}


def _zone(offset, name):
    key = (offset, name)
    tz = _zones.get(key)
    if tz is None:
        if len(_zones) >= 64:
            _zones.clear()
        tz = _zones[key] = datetime.timezone(_timedelta(seconds=offset), name.decode("utf-8", "surrogateescape"))
    return tz


def _time_value(b):
    if len(b) < _TIME.size:
        raise SystemError("gopy: a time record from Go is too short")
    year, month, day, hour, minute, second, flags, nsec, offset = _TIME.unpack_from(b)
    if year < 1 or year > 9999:
        raise OverflowError(
            "Go time.Time %d-%02d-%02dT%02d:%02d:%02d (UTC%s%02d:%02d) is out of datetime.datetime's range "
            "(years 1 to 9999)" % (year, month, day, hour, minute, second, "-" if offset < 0 else "+",
                                    abs(offset) // 3600, abs(offset) // 60 % 60))
    tz = _UTC if flags & _TIME_UTC else _zone(offset, b[_TIME.size:])
    # Truncated, not rounded: rounding could carry into the next second.
    return _datetime(year, month, day, hour, minute, second, nsec // 1000, tz)


def from_time(s):
    b = _take(s)
    return None if b is None else _time_value(b)


# ---- time.Duration ----------------------------------------------------

def _duration(o, sig, idx, path):
    if isinstance(o, _timedelta):
        ns = ((o.days * 86400 + o.seconds) * 1000000 + o.microseconds) * 1000
    elif isinstance(o, float):
        if o != o:
            _rt.arg_error(ValueError, sig, idx, path,
                          "cannot be nan (Go %s)" % _rt._gotype(sig, idx, path, "time.Duration"))
        try:
            ns = round(o * 1e9)
        except OverflowError:  # inf
            ns = None
    elif isinstance(o, int) and not isinstance(o, bool):
        ns = int(o) * 1000000000
    else:
        _rt.type_error(o, sig, idx, path, "datetime.timedelta, int or float", "time.Duration")
    if ns is None or ns < _INT64_MIN or ns > _INT64_MAX:
        _rt.arg_error(OverflowError, sig, idx, path, "out of range for Go %s: %r" % (
            _rt._gotype(sig, idx, path, "time.Duration"), o))
    return ns


def to_duration(o, sig, idx, path=None):
    return _duration(o, sig, idx, path)


def from_duration(ns):
    us = abs(ns) // 1000  # toward zero
    return _timedelta(microseconds=-us if ns < 0 else us)


# ---- *big.Int and *big.Rat ----------------------------------------------

def _as_int(o):
    """o as an int: an int (a bool too) or an __index__; None when none."""
    if isinstance(o, int):
        return int.__index__(o)
    if isinstance(o, float) or not hasattr(type(o), "__index__"):
        return None
    try:
        n = type(o).__index__(o)
    except TypeError:
        return None
    return int.__index__(n) if isinstance(n, int) else None


def _mag(v):
    a = -v if v < 0 else v
    return a.to_bytes((a.bit_length() + 7) // 8, "big")


def _big_record(v):
    return (b"\x01" if v < 0 else b"\x00") + _mag(v)


def _to_big(o, sig, idx, path, pykind, kind):
    v = _as_int(o)
    if v is None:
        _rt.type_error(o, sig, idx, path, pykind, kind)
    return _seq(_big_record(v))


def to_bigint(o, sig, idx, path=None):
    return _to_big(o, sig, idx, path, "int", "big.Int")


def to_bigint_ptr(o, sig, idx, path=None):
    if o is None:
        return _nil()
    return _to_big(o, sig, idx, path, "int or None", "*big.Int")


def _big_value(b):
    if not b:
        raise SystemError("gopy: a big record from Go is empty")
    v = int.from_bytes(b[1:], "big")
    return -v if b[0] else v


def from_bigint(s):
    b = _take(s)
    return None if b is None else _big_value(b)


def _rat_record(o):
    """The rat record of a Fraction or an int; None when o is neither."""
    if isinstance(o, _Fraction):
        num, den = o.numerator, o.denominator
    else:
        num, den = _as_int(o), 1
        if num is None:
            return None
    if den == 0:
        raise ZeroDivisionError("a fraction with denominator 0")
    if den < 0:
        num, den = -num, -den
    n = _mag(num)
    return (b"\x01" if num < 0 else b"\x00") + _RAT_K.pack(len(n)) + n + _mag(den)


def _to_rat(o, sig, idx, path, pykind, kind):
    rec = _rat_record(o)
    if rec is None:
        _rt.type_error(o, sig, idx, path, pykind, kind)
    return _seq(rec)


def to_rat(o, sig, idx, path=None):
    return _to_rat(o, sig, idx, path, "fractions.Fraction or int", "big.Rat")


def to_rat_ptr(o, sig, idx, path=None):
    if o is None:
        return _nil()
    return _to_rat(o, sig, idx, path, "fractions.Fraction, int or None", "*big.Rat")


def _rat_value(b):
    if len(b) < _RAT_HEAD:
        raise SystemError("gopy: a rat record from Go is too short")
    k = _RAT_K.unpack_from(b, 1)[0]
    if k > len(b) - _RAT_HEAD:
        raise SystemError("gopy: a rat record from Go is cut short")
    num = int.from_bytes(b[_RAT_HEAD:_RAT_HEAD + k], "big")
    return _Fraction(-num if b[0] else num, int.from_bytes(b[_RAT_HEAD + k:], "big"))


def from_rat(s):
    b = _take(s)
    return None if b is None else _rat_value(b)


# ---- interface values (gopy_cffi_dyn.py) --------------------------------

def val_record(o, sig, idx, path):
    """(kind, record bytes or nanoseconds) of a datetime, timedelta or
    Fraction inside an interface value; None when o is none of them."""
    if isinstance(o, _datetime):
        return TIME, _time_record(o)
    if isinstance(o, _timedelta):
        return DURATION, _duration(o, sig, idx, path)
    if isinstance(o, _Fraction):
        return RAT, _rat_record(o)
    return None


def from_val(v):
    """The Python value of a TIME, DURATION, BIGINT or RAT record from Go,
    its bytes freed."""
    kind = v.kind
    if kind == DURATION:
        return from_duration(int(v.i))
    b = _rt.ffi.unpack(v.str.p, v.str.n) if v.str.n else b""
    if v.str.p != _rt.ffi.NULL:
        _rt.lib.free(v.str.p)
    v.str.p, v.str.n = _rt.ffi.NULL, 0
    if kind == TIME:
        return _time_value(b)
    if kind == BIGINT:
        return _big_value(b)
    if kind == RAT:
        return _rat_value(b)
    raise SystemError("gopy: value kind %d is not a standard type" % kind)
