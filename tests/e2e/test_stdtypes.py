"""Go's everyday types of other packages cross as Python's own values:
time.Time as datetime.datetime, time.Duration as datetime.timedelta,
*big.Int (and big.Int) as int, *big.Rat (and big.Rat) as Fraction, in
every position (parameters, results, fields, variables, elements, map
keys and values, callbacks, interface values), on both backends."""
import datetime as dt
import math
from fractions import Fraction

import pytest

from conftest import read_stub

UTC = dt.timezone.utc
IST = dt.timezone(dt.timedelta(hours=5, minutes=30), "IST")
T = dt.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)


# ---- time.Time -------------------------------------------------------------

def test_utc_round_trip(stdtypes):
    r = stdtypes.Echo(T)
    assert r == T and r.tzinfo is UTC
    assert stdtypes.IsUTC(T)
    assert stdtypes.Describe(T) == "2024-05-06 07:08:09.123456 +0000 UTC"


def test_fixed_zone_keeps_offset_and_name(stdtypes):
    t = T.astimezone(IST)
    r = stdtypes.Echo(t)
    assert r == t and r.utcoffset() == dt.timedelta(hours=5, minutes=30) and r.tzname() == "IST"
    assert stdtypes.Describe(t) == "2024-05-06 12:38:09.123456 +0530 IST"
    assert stdtypes.Zone(t) == ("IST", 19800)
    r = stdtypes.InZone(T, "", -3600)
    assert r.utcoffset() == dt.timedelta(hours=-1) and r.tzname() == "" and r == T


def test_zones_one_after_another(stdtypes):
    # The runtimes remember the last zone each way: a new one is never
    # mistaken for it.
    for hours, name in ((5.5, "IST"), (5.5, "X"), (-3, "IST"), (0, "IST"), (0, "UTC"), (14, ""), (5.5, "IST")):
        tz = dt.timezone(dt.timedelta(hours=hours), name)
        t = T.astimezone(tz)
        assert stdtypes.Zone(t) == (name, int(hours * 3600))
        r = stdtypes.Echo(t)
        assert r == T and r.utcoffset() == dt.timedelta(hours=hours) and r.tzname() == name


def test_zoneinfo_datetimes(stdtypes):
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        ny = zoneinfo.ZoneInfo("America/New_York")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database")
    summer, winter = dt.datetime(2024, 7, 1, 12, tzinfo=ny), dt.datetime(2024, 1, 1, 12, tzinfo=ny)
    assert stdtypes.Zone(summer) == ("EDT", -4 * 3600)
    assert stdtypes.Zone(winter) == ("EST", -5 * 3600)
    assert stdtypes.Echo(winter) == winter and stdtypes.Echo(summer) == summer


def test_named_location_offset_survives(stdtypes):
    ny = stdtypes.InLocation(T, "America/New_York")
    assert ny == T
    assert ny.utcoffset() == dt.timedelta(hours=-4) and ny.tzname() == "EDT"
    winter = stdtypes.InLocation(dt.datetime(2024, 1, 1, 12, tzinfo=UTC), "America/New_York")
    assert winter.utcoffset() == dt.timedelta(hours=-5) and winter.tzname() == "EST"
    # Back to Go: the same instant, in a fixed zone of that offset.
    assert stdtypes.Unix(winter) == 1704110400 * 10**9
    assert stdtypes.Zone(winter) == ("EST", -18000)


def test_naive_datetime_is_local(stdtypes):
    naive = dt.datetime(2024, 1, 2, 3, 4, 5)
    assert stdtypes.IsLocal(naive)
    assert stdtypes.Unix(naive) == int(naive.timestamp()) * 10**9
    assert stdtypes.Describe(naive).startswith("2024-01-02 03:04:05")


def test_date_is_a_type_error(stdtypes):
    with pytest.raises(TypeError, match=r"^Echo\(\) argument 't' must be datetime.datetime \(Go time.Time\), "
                                        r"not (datetime\.)?date$"):  # PyPy: a Python class
        stdtypes.Echo(dt.date(2024, 1, 1))
    with pytest.raises(TypeError, match="must be datetime.datetime"):
        stdtypes.Echo(None)
    with pytest.raises(TypeError, match="must be datetime.datetime"):
        stdtypes.Echo("2024-01-01")


def test_zero_time(stdtypes):
    z = stdtypes.Zero()
    assert z == dt.datetime(1, 1, 1, tzinfo=UTC) and z.tzinfo is UTC
    assert stdtypes.IsZero(dt.datetime(1, 1, 1, tzinfo=UTC))
    assert stdtypes.IsZero(z)


def test_nanoseconds_are_truncated(stdtypes):
    assert stdtypes.FromUnix(0, 1999).microsecond == 1
    assert stdtypes.FromUnix(0, 999999999) == dt.datetime(1970, 1, 1, 0, 0, 0, 999999, tzinfo=UTC)
    assert stdtypes.FromUnix(-1, 1).microsecond == 0  # 1969-12-31T23:59:59.000000001
    assert stdtypes.Unix(dt.datetime(1970, 1, 1, 0, 0, 0, 7, tzinfo=UTC)) == 7000


def test_years_outside_datetime_are_overflow(stdtypes):
    with pytest.raises(OverflowError, match=r"^Go time.Time 10000-01-01T00:00:00 \(UTC\+00:00\) is out of "
                                            r"datetime.datetime's range \(years 1 to 9999\)$"):
        stdtypes.Date(10000, 1, 1, 0, 0, 0, 0)
    with pytest.raises(OverflowError, match="Go time.Time 0-12-31T23:00:00"):
        stdtypes.Date(1, 1, 1, -1, 0, 0, 0)
    assert stdtypes.Date(9999, 12, 31, 23, 59, 59, 999999999) == dt.datetime.max.replace(tzinfo=UTC)


def test_go_arithmetic(stdtypes):
    assert stdtypes.AddDays(T, 30) == T + dt.timedelta(days=30)
    assert stdtypes.AddDays(T.astimezone(IST), 1).tzname() == "IST"
    assert stdtypes.Sub(T, dt.datetime(2024, 5, 6, tzinfo=UTC)) == dt.timedelta(hours=7, minutes=8, seconds=9,
                                                                                 microseconds=123456)
    assert stdtypes.Add(T, dt.timedelta(minutes=1)) == T + dt.timedelta(minutes=1)


def test_pointer_time(stdtypes):
    assert stdtypes.EchoPtr(None) is None
    assert stdtypes.EchoPtr(T) == T
    with pytest.raises(TypeError, match=r"must be datetime.datetime or None \(Go \*time.Time\), not int"):
        stdtypes.EchoPtr(1)


# ---- time.Duration ---------------------------------------------------------

def test_duration_round_trip(stdtypes):
    for d in (dt.timedelta(0), dt.timedelta(days=1, microseconds=3), -dt.timedelta(hours=5, microseconds=1),
              dt.timedelta(days=106751)):
        assert stdtypes.EchoDuration(d) == d
    assert stdtypes.Nanos(dt.timedelta(seconds=1)) == 10**9


def test_duration_from_numbers_of_seconds(stdtypes):
    assert stdtypes.Nanos(2) == 2 * 10**9
    assert stdtypes.Nanos(-3) == -3 * 10**9
    assert stdtypes.Nanos(1.5) == 1_500_000_000
    assert stdtypes.Nanos(1e-9) == 1
    assert stdtypes.EchoDuration(0.25) == dt.timedelta(milliseconds=250)


def test_duration_microsecond_truncation(stdtypes):
    assert stdtypes.FromNanos(1999) == dt.timedelta(microseconds=1)
    assert stdtypes.FromNanos(-1999) == dt.timedelta(microseconds=-1)  # toward zero
    assert stdtypes.FromNanos(2**63 - 1) == dt.timedelta(microseconds=(2**63 - 1) // 1000)


def test_duration_errors(stdtypes):
    with pytest.raises(TypeError, match=r"^EchoDuration\(\) argument 'd' must be datetime.timedelta, int or "
                                        r"float \(Go time.Duration\), not bool$"):
        stdtypes.EchoDuration(True)
    with pytest.raises(TypeError, match="not str"):
        stdtypes.EchoDuration("1s")
    with pytest.raises(OverflowError, match=r"out of range for Go time.Duration: 9223372037$"):
        stdtypes.EchoDuration(9223372037)
    with pytest.raises(OverflowError, match="out of range for Go time.Duration"):
        stdtypes.EchoDuration(dt.timedelta(days=106752))
    with pytest.raises(OverflowError, match="out of range for Go time.Duration: inf"):
        stdtypes.EchoDuration(float("inf"))
    with pytest.raises(ValueError, match="cannot be nan"):
        stdtypes.EchoDuration(float("nan"))
    with pytest.raises(OverflowError):
        stdtypes.EchoDuration(2**100)


# ---- *big.Int and *big.Rat ---------------------------------------------------

@pytest.mark.parametrize("v", [0, 1, -1, 255, 256, -256, 2**63 - 1, -2**63, 2**63, 2**64, -2**64 - 1,
                               2**200, -2**200, 3**1000])
def test_bigint_round_trip(stdtypes, v):
    assert stdtypes.EchoInt(v) == v
    assert type(stdtypes.EchoInt(v)) is int
    assert stdtypes.EchoIntValue(v) == v
    assert stdtypes.IntString(v) == str(v)


def test_bigint_nil_and_arithmetic(stdtypes):
    assert stdtypes.EchoInt(None) is None
    assert stdtypes.NilInt() is None
    assert stdtypes.IntString(None) == "<nil>"
    assert stdtypes.Factorial(100) == math.factorial(100)
    assert stdtypes.Mul(2**100, -(3**50)) == -(2**100) * 3**50


def test_bigint_takes_ints_as_go_ints_do(stdtypes):
    # bool is an int and __index__ is honoured, as for Go's int kinds.
    assert stdtypes.EchoInt(True) == 1

    class Idx:
        def __index__(self):
            return 2**70

    assert stdtypes.EchoInt(Idx()) == 2**70
    with pytest.raises(TypeError, match=r"^EchoInt\(\) argument 'x' must be int or None \(Go \*big.Int\), "
                                        r"not float$"):
        stdtypes.EchoInt(1.0)
    with pytest.raises(TypeError, match=r"must be int \(Go big.Int\), not NoneType"):
        stdtypes.EchoIntValue(None)


def test_rat(stdtypes):
    for f in (Fraction(0), Fraction(-7, 3), Fraction(2**100, 3**40), Fraction(-1, 2**90)):
        r = stdtypes.EchoRat(f)
        assert r == f and type(r) is Fraction
    assert stdtypes.EchoRat(5) == Fraction(5)
    assert stdtypes.EchoRat(-2**100) == -2**100
    assert stdtypes.EchoRat(None) is None
    assert stdtypes.RatString(Fraction(-6, 4)) == "-3/2"
    assert stdtypes.AddRat(Fraction(1, 3), Fraction(1, 6)) == Fraction(1, 2)
    assert stdtypes.Half() == Fraction(1, 2)
    with pytest.raises(TypeError, match=r"must be fractions.Fraction, int or None \(Go \*big.Rat\), not float"):
        stdtypes.EchoRat(0.5)


# ---- fields, variables, containers -------------------------------------------

def test_struct_fields(stdtypes):
    e = stdtypes.Event(Name="launch", At=T, Took=dt.timedelta(hours=1), Count=2**70, Share=Fraction(1, 3))
    assert e.At == T and e.Took == dt.timedelta(hours=1) and e.Count == 2**70 and e.Share == Fraction(1, 3)
    assert e.Next is None
    assert e.Later() == T + dt.timedelta(hours=1)
    e.Took = 90
    e.Count = None
    e.Next = T.astimezone(IST)
    assert e.Took == dt.timedelta(seconds=90) and e.Count is None and e.Next.tzname() == "IST"
    assert repr(stdtypes.Event(Took=1)).startswith("stdtypes.Event(Name='', At=datetime.datetime(1, 1, 1, 0, 0, "
                                                   "tzinfo=datetime.timezone.utc), Took=datetime.timedelta(seconds=1)")
    with pytest.raises(TypeError, match=r"^stdtypes.Event field 'At' must be datetime.datetime"):
        e.At = 1


def test_variables(stdtypes):
    assert stdtypes.Epoch == dt.datetime(1970, 1, 1, tzinfo=UTC)
    assert stdtypes.Big == 2**100
    assert dict(stdtypes.Timeouts) == {"read": dt.timedelta(seconds=1)}
    old = stdtypes.Big
    try:
        stdtypes.Big = -(2**300)
        assert stdtypes.Big == -(2**300)
    finally:
        stdtypes.Big = old


def test_slices_and_maps(stdtypes):
    ts = stdtypes.Times(T, 3)
    assert list(ts) == [T + dt.timedelta(days=i) for i in range(3)]
    ts[0] = T.astimezone(IST)
    assert ts[0].tzname() == "IST"
    assert list(stdtypes.Durations([1, dt.timedelta(milliseconds=5), 0.5])) == [
        dt.timedelta(seconds=2), dt.timedelta(milliseconds=10), dt.timedelta(seconds=1)]
    assert stdtypes.Sum([1, 2**100, -3, None if False else 0]) == 2**100 - 2
    assert dict(stdtypes.Powers([1, 70, 200])) == {1: 2, 70: 2**70, 200: 2**200}
    by = stdtypes.ByTime([T, T.astimezone(IST), T + dt.timedelta(seconds=1)])
    assert dict(by) == {T: 2, T + dt.timedelta(seconds=1): 1}
    assert by[T] == 2
    with pytest.raises(TypeError, match=r"argument 'xs'\[1\] must be int or None \(Go \*big.Int\), not str"):
        stdtypes.Sum([1, "2"])
    stdtypes.Timeouts["write"] = 2.5
    assert stdtypes.Timeouts["write"] == dt.timedelta(seconds=2.5)


# ---- callbacks and interface values -------------------------------------------

def test_callbacks(stdtypes):
    seen = []

    def f(t):
        seen.append(t)
        return t - T

    assert list(stdtypes.Each(T, 3, f)) == [dt.timedelta(days=i) for i in range(3)]
    assert seen == [T + dt.timedelta(days=i) for i in range(3)]
    assert list(stdtypes.Each(T, 2, lambda t: 1.5)) == [dt.timedelta(seconds=1.5)] * 2
    assert stdtypes.Grow(5, lambda x: x**40) == 5**40
    assert stdtypes.Grow(2**100, lambda x: -x) == -(2**100)
    assert stdtypes.Grow(None, lambda x: 7 if x is None else 0) == 7


def test_inside_any(stdtypes):
    assert stdtypes.Stamp(T) == T
    assert stdtypes.Anything(T.astimezone(IST)).tzname() == "IST"
    assert stdtypes.Anything(dt.timedelta(seconds=3)) == dt.timedelta(seconds=3)
    assert stdtypes.Anything(Fraction(1, 3)) == Fraction(1, 3)
    assert stdtypes.Anything([T, {"d": dt.timedelta(1)}]) == [T, {"d": dt.timedelta(1)}]
    assert stdtypes.TypeOf(T) == "time.Time"
    assert stdtypes.TypeOf(dt.timedelta(1)) == "time.Duration"
    assert stdtypes.TypeOf(Fraction(1, 2)) == "*big.Rat"
    assert stdtypes.TypeOf(3) == "int"  # ints keep the any rule: Go's int
    with pytest.raises(OverflowError):
        stdtypes.Anything(2**100)


def test_stub(stdtypes):
    stub = read_stub(stdtypes)
    assert "import datetime as _datetime" in stub and "import fractions as _fractions" in stub
    assert "def Echo(t: _datetime.datetime) -> _datetime.datetime:" in stub
    assert "def EchoDuration(d: _datetime.timedelta | int | float) -> _datetime.timedelta:" in stub
    assert "def EchoInt(x: int | None) -> int | None:" in stub
    assert "def EchoRat(x: _fractions.Fraction | int | None) -> _fractions.Fraction | None:" in stub
