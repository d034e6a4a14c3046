"""Differential test: the convs package built with both backends in this
process (as convs_capi and convs_cffi), fed the same valid, invalid and
adversarial values; each call must give equal results, or exceptions of
the same class with the same message (module names normalised).

It runs once per interpreter: in the GOPY_BACKEND=capi pass (the default
on CPython), skipped in the cffi pass, which would repeat it. It skips if
cffi cannot be imported.
"""
import datetime
import io
import math
import os
import re
import subprocess
import sys
from fractions import Fraction

import pytest

from conftest import BACKEND, GO_DIR, GOPY, ROOT
pytest.importorskip("hypothesis")
from hypothesis import given, strategies as st  # noqa: E402

from fuzzing import (FloatLies, FloatRaises, IndexLies, IndexOK, IndexRaises, ItemsOverridden,  # noqa: E402
                     adversaries, fuzz)

pytestmark = pytest.mark.skipif(BACKEND == "cffi", reason="runs once, in the capi pass: it builds both backends")

OUT = os.path.join(ROOT, "build", "e2e-diff-%s" % sys.implementation.name)


@pytest.fixture(scope="session")
def pair():
    """(convs_capi, convs_cffi): the two builds, made at once."""
    pytest.importorskip("cffi")
    procs = []
    for backend in ("capi", "cffi"):
        out = os.path.join(OUT, backend)
        os.makedirs(out, exist_ok=True)
        procs.append(subprocess.Popen(
            [GOPY, "build", "-python", sys.executable, "-backend", backend, "-name", "convs_" + backend,
             "-output", out, "./convs"], cwd=GO_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True))
    for p in procs:
        text, _ = p.communicate()
        if p.returncode != 0:
            pytest.fail("gopy build failed:\n" + text)
    mods = []
    for backend in ("capi", "cffi"):
        sys.path.insert(0, os.path.join(OUT, backend))
        mods.append(__import__("convs_" + backend))
    return tuple(mods)


_MODNAME = re.compile(r"\bconvs(_capi|_cffi)?\b")


def _norm(text):
    return _MODNAME.sub("M", text)


def _value(v):
    """A comparable form of a result: views as lists and dicts, floats with
    their sign and nan, everything else by its repr."""
    if isinstance(v, float):
        return ("float", "nan" if math.isnan(v) else v.hex())
    if isinstance(v, complex):
        return ("complex", _value(v.real), _value(v.imag))
    if isinstance(v, (str, bytes, bool, int)) and type(v) in (str, bytes, bool, int):
        return v
    if hasattr(v, "keys") and hasattr(v, "items") and not hasattr(v, "_gopy_fields"):
        return ("map", _norm(type(v).__name__), sorted((repr(k), _value(x)) for k, x in v.items()))
    if hasattr(v, "__len__") and hasattr(v, "__getitem__") and not isinstance(v, (str, bytes)):
        return ("seq", _norm(type(v).__name__), [_value(x) for x in v])
    if isinstance(v, tuple):
        return tuple(_value(x) for x in v)
    return _norm(repr(v))


def _outcome(m, call):
    try:
        return ("ok", _value(call(m)))
    except Exception as e:  # the class by name: each module has its own GoError and GoPanic
        return (type(e).__name__, _norm(str(e)))


def agree(pair, call):
    """call(module) gives the same outcome on both backends."""
    a, b = (_outcome(m, call) for m in pair)
    assert a == b, f"capi: {a}\ncffi: {b}"
    return a


# Go's everyday types' values (time.Time, time.Duration, *big.Rat) and
# those next to their limits.
_ZONES = st.sampled_from([None, datetime.timezone.utc, datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
                          datetime.timezone(-datetime.timedelta(hours=11, seconds=1), "Odd")])
STD_VALUES = st.one_of(
    st.datetimes(timezones=_ZONES), st.dates(), st.timedeltas(), st.fractions(),
    st.sampled_from([datetime.datetime.min.replace(tzinfo=datetime.timezone.utc), datetime.datetime.max,
                     datetime.timedelta(days=106751, seconds=86399), datetime.timedelta.max, float("nan"),
                     9223372036.854775, -9223372036.854776]))

# Values of every kind, valid for some parameters and not for others.
SCALARS = st.one_of(
    STD_VALUES,
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(1 << 65), max_value=1 << 65),
    st.floats(), st.complex_numbers(), st.text(st.characters(blacklist_categories=()), max_size=8),
    st.binary(max_size=8), st.sampled_from([IndexOK(3), IndexOK(1 << 70), IndexRaises(), IndexLies(),
                                            FloatRaises(), FloatLies(), ItemsOverridden(a=1)]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(st.one_of(st.text(max_size=3), st.integers()), inner, max_size=3)), max_leaves=8)

FUNCS = ["Bool", "Int", "Int8", "Int16", "Int32", "Int64", "Uint", "Uint8", "Uint16", "Uint32",
         "Uint64", "Uintptr", "Float32", "Float64", "Complex64", "Complex128", "String", "Rune",
         "Bytes", "Ints", "Int8s", "Uint8s", "Uint64s", "Float32s", "Float64s", "Complex128s",
         "Bools", "Strings", "Nested", "Triple", "Grid", "StrMap", "IntMap", "NestedMap",
         "SumInts", "SumBytes", "VecLen", "VecIsNil", "TableIsNil", "IsNilBytes", "Keys", "Twice",
         "PointX", "Shift", "Sqrt", "Fail", "Level", "Name", "Ratio", "Vec", "Table", "Point",
         "Inner", "Echo", "GoType", "SizeOf", "ErrText", "Apply", "Anys", "Options",
         "IntPtr", "Uint8Ptr", "Float32Ptr", "StrPtr", "Time", "TimePtr", "Duration",
         "BigInt", "BigRat", "Durations", "Stamps"]


@fuzz(300)
@given(name=st.sampled_from(FUNCS), v=VALUES)
def test_one_argument(pair, name, v):
    agree(pair, lambda m: getattr(m, name)(v))


@fuzz(100)
@given(name=st.sampled_from(["Describe", "Mean", "Index", "Shift", "Sqrt", "Ints", "Later"]),
       a=VALUES, b=VALUES, kw=st.booleans())
def test_two_arguments_and_binding(pair, name, a, b, kw):
    if kw:
        agree(pair, lambda m: getattr(m, name)(a, x=b))
    else:
        agree(pair, lambda m: getattr(m, name)(a, b))
    agree(pair, lambda m: getattr(m, name)(a, b, a))
    agree(pair, lambda m: getattr(m, name)())


FIELDS = ["X", "Y", "Label", "Tags", "Attrs", "Scale"]


@fuzz(150)
@given(kwargs=st.dictionaries(st.sampled_from(FIELDS + ["Z"]), VALUES, max_size=3),
       field=st.sampled_from(FIELDS), value=VALUES)
def test_structs(pair, kwargs, field, value):
    agree(pair, lambda m: m.Point(**kwargs))

    def set_and_read(m):
        p = m.Point()
        setattr(p, field, value)
        return getattr(p, field), p.TagsNil(), p.AttrsNil(), p.Norm1()
    agree(pair, set_and_read)
    agree(pair, lambda m: m.Shift(m.Point(X=1), value))
    agree(pair, lambda m: m.Point(X=1).Move(value, 1))


def test_wrong_self_and_class(pair):
    agree(pair, lambda m: m.Vec.Sum([1.0]))
    agree(pair, lambda m: m.Vec.Sum(m.Float64s([1.0])))
    agree(pair, lambda m: m.Vec.Sum(m.Vec([1.0, 2.0])))
    agree(pair, lambda m: m.Table.Total({}))
    agree(pair, lambda m: m.Point.Norm1(m.Inner(N=1)))
    agree(pair, lambda m: m.Point.__dict__["X"].__get__(m.Inner(N=1)))
    agree(pair, lambda m: m.Point.__dict__["X"].__set__(m.Inner(N=1), 1))
    agree(pair, lambda m: m.Point.__dict__["Label"].__get__(m.Inner(N=1)))
    agree(pair, lambda m: m.Point.__new__(m.Inner))
    agree(pair, lambda m: m.Level.Up(5))
    agree(pair, lambda m: m.Name.Upper("x"))
    agree(pair, lambda m: m.Inner.Double(m.Point()))


def test_buffers_of_every_layout(pair):
    np = pytest.importorskip("numpy")
    a = np.arange(12, dtype=np.uint8).reshape(3, 4)
    for buf in (a, np.asfortranarray(a), a.T, a[:, ::2], a[::-1], np.array(7, dtype=np.uint8),
                np.zeros(0, dtype=np.uint8), memoryview(b"abcdef")[::2]):
        agree(pair, lambda m: m.Bytes(buf))
        agree(pair, lambda m: m.Ints(buf))
    for dtype in ("int64", "int32", "float64", "float32", "bool", "complex128", "uint64"):
        arr = np.arange(6).astype(dtype)
        for buf in (arr, arr[::2], arr.reshape(2, 3), np.asfortranarray(arr.reshape(2, 3)), arr[:1].reshape(())):
            for name in ("Ints", "Float64s", "Float32s", "Bools", "Complex128s", "Uint64s", "Bytes"):
                agree(pair, lambda m: getattr(m, name)(buf))


GROWN = ["Ints", "Int8s", "Uint64s", "Float32s", "Float64s", "Complex128s", "Bools", "Strings", "Nested",
         "Anys", "Vec"]


@fuzz(200)
@given(name=st.sampled_from(GROWN), how=st.sampled_from(["append", "extend", "+="]),
       start=st.sampled_from([None, [], [1]]), v=VALUES)
def test_growing_views(pair, name, how, start, v):
    """append, extend and += : the same elements afterwards, also after
    a refused value, and the same messages."""
    def grow(m):
        s = getattr(m, name)(start)
        if s is None:
            return None
        err = None
        try:
            if how == "append":
                s.append(v)
            elif how == "extend":
                s.extend(v)
            else:
                t = s
                t += v
                assert t is s
        except Exception as e:
            err = (type(e).__name__, _norm(str(e)))
        return err, s
    agree(pair, grow)


@fuzz(60)
@given(items=st.lists(st.integers(min_value=-100, max_value=100), max_size=5))
def test_adversarial_iterables(pair, items):
    for o in adversaries(items):
        agree(pair, lambda m: m.SumInts(o))
        agree(pair, lambda m: m.Triple(o))
        agree(pair, lambda m: m.Vec(o))


def test_errors_and_panics(pair):
    assert agree(pair, lambda m: m.Sqrt(-1)) == ("GoError", "negative argument")
    assert agree(pair, lambda m: m.Fail("boom"))[0] == "GoPanic"
    agree(pair, lambda m: m.Index([1, 2], 5))
    agree(pair, lambda m: m.PointX(None))
    agree(pair, lambda m: m.Mean([1.0], [1.0, 2.0]))


def test_none_is_nil_on_both(pair):
    assert agree(pair, lambda m: m.Describe(None, None))[0] == "ok"
    assert agree(pair, lambda m: m.Mean([1.0, 2.0], None)) == ("ok", ("float", (1.5).hex()))
    for f in ("VecIsNil", "TableIsNil", "IsNilBytes"):
        assert agree(pair, lambda m: getattr(m, f)(None)) == ("ok", True)


def test_interface_values(pair):
    """any, interfaces, errors and funcs: the same values, classes and
    messages on both backends."""
    for v in (None, True, 3, -(1 << 63), 1 << 63, 2.5, 1j, "s", b"b", bytearray(b"x"), [1, [2, "x"]],
              (1, 2), {"a": {"b": [None]}}, {1: "x", "k": 2}, {(1, 2): 3}, object(), [object()]):
        agree(pair, lambda m: m.Echo(v))
        agree(pair, lambda m: m.GoType(v))
        agree(pair, lambda m: m.SizeOf(v))
        agree(pair, lambda m: m.ErrText(v))
    agree(pair, lambda m: m.GoType(m.Point(X=2)))
    agree(pair, lambda m: m.SizeOf(m.Point(X=2)))
    agree(pair, lambda m: m.Echo(m.Point(X=2)).X)
    agree(pair, lambda m: m.GoType(m.Level(3)))
    agree(pair, lambda m: type(m.Echo(m.Level(3))).__name__)
    agree(pair, lambda m: m.GoType(m.Vec([1.0])))
    agree(pair, lambda m: m.Echo(m.Inner(N=1)))
    agree(pair, lambda m: m.SizeOf(m.Inner(N=1)))
    agree(pair, lambda m: m.GoType(m.Ref([1, 2])).split()[0])  # %v of a pointer is an address
    agree(pair, lambda m: m.Ref({"a": 1}).value)
    for f in ("IntPtr", "Uint8Ptr", "Float32Ptr", "StrPtr"):
        agree(pair, lambda m: getattr(m, f)(m.Ref(3)))
        agree(pair, lambda m: getattr(m, f)(m.Ref("s")))
    agree(pair, lambda m: m.ErrText(m.GoError("made in Python")))
    agree(pair, lambda m: m.ErrText(ValueError("bad")))
    agree(pair, lambda m: m.Apply(lambda x: x * 2, 21))
    agree(pair, lambda m: m.Apply(lambda x: "no", 1))
    agree(pair, lambda m: m.Apply(lambda x: 1 / 0, 1))
    agree(pair, lambda m: m.Apply(3, 1))

    class Sized:
        def Size(self):
            return 7

    class NotSized:
        pass
    agree(pair, lambda m: m.SizeOf(Sized()))
    agree(pair, lambda m: m.SizeOf(NotSized()))
    agree(pair, lambda m: isinstance(m.Point(), m.Sizer))
    agree(pair, lambda m: isinstance(Sized(), m.Sizer))


def test_containers_of_interface_values(pair):
    """[]any and map[string]any both ways, also in callbacks: the same
    elements, views and messages on both backends."""
    for v in ([1, "a", None, [2], {"k": b"b"}], (), None, [object()], [1, object()], {"a": [1, None]},
              {"a": object()}, {1: 2}, {"a": 1, 2: 3}, "ab", 5):
        agree(pair, lambda m: m.Anys(v))
        agree(pair, lambda m: m.Options(v))
    agree(pair, lambda m: m.Anys(m.Anys([m.Point(X=1), ValueError("e")])))
    agree(pair, lambda m: m.Options({"p": m.Point(X=1), "e": m.GoError("x")}))

    def set_item(m):
        xs = m.Anys([1, 2])
        xs[0] = {"a": [None]}
        return xs, m.GoType(xs[0])
    agree(pair, set_item)

    def set_bad(m):
        xs = m.Options({})
        xs["a"] = object()
    agree(pair, set_bad)
    for f in (lambda xs: [x * 2 for x in xs], lambda xs: xs, lambda xs: None, lambda xs: (1,),
              lambda xs: ["x"], lambda xs: 3, lambda xs: {"a": 1}, lambda xs: 1 / 0):
        agree(pair, lambda m: m.MapInts(f, [1, 2, 3]))

    def fill(o):
        o["n"] = [1, "a"]
        o["p"] = None
    agree(pair, lambda m: m.Fill(fill))
    agree(pair, lambda m: m.Fill(lambda o: o.update(x=object())))


def test_everyday_types(pair):
    """time.Time, time.Duration, *big.Int and *big.Rat: the same values and
    messages on both backends, at their limits too."""
    utc = datetime.timezone.utc
    for v in (datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=utc), datetime.datetime(2024, 1, 1),
              datetime.datetime(1, 1, 1, tzinfo=utc), datetime.datetime(1, 1, 1, tzinfo=datetime.timezone(
                  datetime.timedelta(hours=1))), datetime.date(2024, 1, 1), None, 0, "x"):
        agree(pair, lambda m: m.Time(v))
        agree(pair, lambda m: m.TimePtr(v))
        agree(pair, lambda m: m.Echo(v))
        agree(pair, lambda m: m.Later(v, 1))
    for v in (0, 1, -1, 1 << 70, -(1 << 200), True, 1.5, 1e300, float("inf"), float("nan"), "1s", None,
              datetime.timedelta(days=-1, microseconds=1), datetime.timedelta.max, IndexOK(1 << 70)):
        agree(pair, lambda m: m.Duration(v))
        agree(pair, lambda m: m.BigInt(v))
        agree(pair, lambda m: m.BigRat(v))
        agree(pair, lambda m: m.Durations([v]))
    for v in (Fraction(-7, 3), Fraction(1, 1 << 100)):
        agree(pair, lambda m: m.BigRat(v))
        agree(pair, lambda m: m.Echo(v))
        agree(pair, lambda m: m.GoType(v))
    agree(pair, lambda m: m.Stamps({"a": datetime.datetime(2020, 2, 29, tzinfo=utc), "b": 1}))
    agree(pair, lambda m: m.Later(datetime.datetime(9999, 12, 31, 23, tzinfo=utc), datetime.timedelta(hours=2)))
    agree(pair, lambda m: m.Later(datetime.datetime(2024, 1, 1, tzinfo=utc), -1))


def test_io_streams(pair):
    """io.Reader and io.Writer: the same bytes, and the same messages for
    what is no binary stream, on both backends."""
    class NoRead:
        pass

    class TextRead:
        def read(self, n):
            return "text"

    for v in (b"abc", bytearray(b"x"), memoryview(b"yz"), b"", None, 1, "str", [b"a"], io.StringIO("t"),
              NoRead(), TextRead()):
        agree(pair, lambda m: m.ReadAll(v))
    for make in (lambda: io.BytesIO(b"data"), lambda: io.BufferedReader(io.BytesIO(b"buffered"))):
        agree(pair, lambda m: m.ReadAll(make()))
    for v in (None, b"x", 1, io.StringIO(), NoRead()):
        agree(pair, lambda m: m.WriteTo(v, "s"))

    def write(m):
        out = io.BytesIO()
        return m.WriteTo(out, "hello"), out.getvalue()

    agree(pair, write)
    agree(pair, lambda m: (m.Reader("x\ny").readline(), list(m.Reader("a\nb")), m.Reader("q").read(),
                           m.ReadAll(m.Reader("back")), m.Reader("r").readable(), m.Reader("w").writable()))
