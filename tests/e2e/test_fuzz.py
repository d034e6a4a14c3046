"""Property-based tests of the conversions (hypothesis), on the suite's
backend: every value either round-trips through Go exactly or raises the
exception the rules promise; never a crash or a wrong value.

Bounded and derandomized in the suite; `make fuzz` runs them long
(GOPY_FUZZ_EXAMPLES).
"""
import math
import struct

import pytest

pytest.importorskip("hypothesis")
from hypothesis import given, strategies as st  # noqa: E402

from fuzzing import IndexOK, adversaries, fuzz  # noqa: E402

INTS = {"Int": (64, True), "Int8": (8, True), "Int16": (16, True), "Int32": (32, True),
        "Int64": (64, True), "Uint": (64, False), "Uint8": (8, False), "Uint16": (16, False),
        "Uint32": (32, False), "Uint64": (64, False), "Uintptr": (64, False), "Rune": (32, True)}


def limits(bits, signed):
    return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)


def near_limits():
    """Integers around every limit of every size, and anything else."""
    edges = set()
    for bits in (8, 16, 32, 64):
        for signed in (True, False):
            for edge in limits(bits, signed):
                edges.update(range(edge - 2, edge + 3))
    return st.one_of(st.sampled_from(sorted(edges)), st.integers(),
                     st.integers(min_value=-(1 << 70), max_value=1 << 70))


@fuzz(150)
@given(name=st.sampled_from(sorted(INTS)), v=near_limits(), wrap=st.sampled_from(["int", "bool", "index"]))
def test_int_round_trip_or_overflow(convs, name, v, wrap):
    bits, signed = INTS[name]
    lo, hi = limits(bits, signed)
    arg = {"int": v, "bool": v in (0, 1) and bool(v), "index": IndexOK(v)}[wrap]
    if wrap == "bool" and v not in (0, 1):
        arg = v
    f = getattr(convs, name)
    if lo <= v <= hi:
        r = f(arg)
        assert r == v and type(r) is int
    else:
        with pytest.raises(OverflowError) as e:
            f(arg)
        assert str(e.value).startswith(f"{name}() argument 'v' out of range for Go ")


def float32_of(d):
    """Go's float32(d) of a finite float64 (None: would overflow)."""
    try:
        r = struct.unpack("f", struct.pack("f", d))[0]
    except OverflowError:
        return None
    return None if math.isinf(r) else r  # struct packs a halfway value as inf


def same_float(a, b):
    return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))


FLOATS = st.one_of(st.floats(), st.floats(width=32),
                   st.sampled_from([3.4028234663852886e38, 3.4028235677973366e38, 3.4028235677973362e38,
                                    -3.4028235677973366e38, 1e39, 5e-324, 1e-46, -0.0]),
                   st.integers(min_value=-(1 << 1030), max_value=1 << 1030))


@fuzz(150)
@given(v=FLOATS)
def test_float_round_trip_and_float32_rounding(convs, v):
    try:
        d = float(v)
    except OverflowError:  # an int past DBL_MAX
        for f in (convs.Float64, convs.Float32):
            with pytest.raises(OverflowError):
                f(v)
        return
    assert same_float(convs.Float64(v), d)
    want = float32_of(d) if math.isfinite(d) else d
    if want is None:
        with pytest.raises(OverflowError) as e:
            convs.Float32(v)
        assert str(e.value).startswith("Float32() argument 'v' out of range for Go float32")
    else:
        assert same_float(convs.Float32(v), want)


@fuzz(100)
@given(re=FLOATS.filter(lambda x: not isinstance(x, int)), im=st.floats())
def test_complex_round_trip(convs, re, im):
    c = complex(re, im)
    r = convs.Complex128(c)
    assert same_float(r.real, c.real) and same_float(r.imag, c.imag)
    parts = [float32_of(x) if math.isfinite(x) else x for x in (c.real, c.imag)]
    if None in parts:
        with pytest.raises(OverflowError):
            convs.Complex64(c)
    else:
        r = convs.Complex64(c)
        assert same_float(r.real, parts[0]) and same_float(r.imag, parts[1])


# Strings: any code point, surrogates and NUL included.
TEXT = st.text(st.characters(blacklist_categories=()), max_size=20)


@fuzz(150)
@given(s=TEXT)
def test_str_round_trip_with_surrogateescape(convs, s):
    try:
        raw = s.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        # A lone surrogate that is not an escaped byte: a ValueError naming the parameter.
        with pytest.raises(UnicodeEncodeError) as e:
            convs.String(s)
        assert "String() argument 'v', Go string" in str(e.value)
        return
    want = raw.decode("utf-8", "surrogateescape")
    assert convs.String(s) == want
    assert list(convs.Strings([s, s])) == [want, want]
    assert convs.Name(s) == s


@fuzz(100)
@given(b=st.binary(max_size=64))
def test_bytes_and_invalid_utf8_round_trip(convs, b):
    assert convs.Bytes(b) == b
    assert convs.Bytes(bytearray(b)) == b
    assert convs.Bytes(memoryview(b)) == b
    s = b.decode("utf-8", "surrogateescape")
    assert convs.String(s).encode("utf-8", "surrogateescape") == b


# Buffers of every layout -------------------------------------------------------

np = pytest.importorskip("numpy")
from hypothesis.extra import numpy as hnp  # noqa: E402

DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32",
          "float64", "complex64", "complex128", "bool"]
SLICE_FUNCS = {"Ints": "Int", "Int8s": "Int8", "Int16s": "Int16", "Int32s": "Int32", "Int64s": "Int64",
               "Uint16s": "Uint16", "Uint32s": "Uint32", "Uint64s": "Uint64", "Float32s": "Float32",
               "Float64s": "Float64", "Complex128s": "Complex128", "Bools": "Bool"}

# The dtype whose items are each slice function's Go elements.
SAME_ITEMS = {"Ints": "int64", "Int8s": "int8", "Int16s": "int16", "Int32s": "int32", "Int64s": "int64",
              "Uint16s": "uint16", "Uint32s": "uint32", "Uint64s": "uint64", "Float32s": "float32",
              "Float64s": "float64", "Complex128s": "complex128", "Bools": "bool"}


@st.composite
def arrays(draw):
    """A numpy array of any dtype and shape (0-d and empty included), then
    sliced with a step, transposed (Fortran order) or made read-only."""
    dtype = draw(st.sampled_from(DTYPES))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))
    a = draw(hnp.arrays(dtype, shape))
    how = draw(st.sampled_from(["as is", "step", "reverse", "fortran", "transpose", "readonly"]))
    if how == "step" and a.ndim:
        a = a[::2]
    elif how == "reverse" and a.ndim:
        a = a[::-1]
    elif how == "fortran":
        a = np.asfortranarray(a)
    elif how == "transpose":
        a = a.T
    elif how == "readonly":
        a.flags.writeable = False
    return a


def outcome(f, *args):
    """("ok", value) or the exception's class."""
    try:
        return "ok", f(*args)
    except (TypeError, ValueError, OverflowError) as e:
        return type(e), None


def plain(v):
    if isinstance(v, (list, tuple)) or hasattr(v, "__len__") and not isinstance(v, (str, bytes)):
        return [plain(x) for x in v]
    return v


def same(a, b):
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float):
        return same_float(a, b)
    if isinstance(a, complex) and isinstance(b, complex):
        return same_float(a.real, b.real) and same_float(a.imag, b.imag)
    return a == b


@fuzz(200)
@given(a=arrays(), name=st.sampled_from(sorted(SLICE_FUNCS)))
def test_buffers_convert_as_their_elements_do(convs, a, name):
    """A buffer is the elements it holds: the slice of a one-dimensional
    array equals the scalar conversion of each element, whether the
    buffer's memory is handed over or the elements are iterated; anything
    else is the same exception class."""
    f, scalar = getattr(convs, name), getattr(convs, SLICE_FUNCS[name])
    got = outcome(lambda: plain(f(a)))
    if a.ndim == 0:
        assert got[0] is TypeError
        return
    if a.ndim == 1 and a.dtype == np.dtype(SAME_ITEMS[name]):
        # The Go element's own bytes, whatever the strides: taken as they are
        # (numpy.bool_ elements, which Bool() refuses, included).
        assert got[0] == "ok" and same(got[1], a.tolist())
        return
    want = [outcome(scalar, x) for x in a]
    bad = [w[0] for w in want if w[0] != "ok"]
    if bad:
        assert got[0] == bad[0]
    else:
        assert got[0] == "ok" and same(got[1], [w[1] for w in want])


@fuzz(150)
@given(a=arrays())
def test_any_buffer_is_bytes_in_logical_order(convs, a):
    assert convs.Bytes(a) == a.tobytes()
    assert convs.SumBytes(a) == sum(a.tobytes())


# Containers ----------------------------------------------------------------------

SMALL = st.integers(min_value=-(1 << 63), max_value=(1 << 63) - 1)


@fuzz(100)
@given(v=st.lists(st.one_of(st.none(), st.lists(SMALL, max_size=4)), max_size=5))
def test_nested_slices_round_trip(convs, v):
    assert [list(r) for r in convs.Nested(v)] == [r or [] for r in v]


@fuzz(100)
@given(m=st.dictionaries(TEXT, st.one_of(st.none(), st.lists(st.floats(allow_nan=False), max_size=3)),
                         max_size=5))
def test_nested_maps_round_trip(convs, m):
    try:
        want = {k.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape"): v or []
                for k, v in m.items()}
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            convs.NestedMap(m)
        return
    if len(want) != len(m):  # two keys are one Go string
        return
    got = convs.NestedMap(m)
    assert {k: list(v) for k, v in got.items()} == want


@fuzz(60)
@given(items=st.lists(SMALL, max_size=6))
def test_lying_or_raising_protocols_never_give_a_wrong_sum(convs, items):
    total = sum(items)
    for o in adversaries(items):
        try:
            r = convs.SumInts(o)
        except (RuntimeError, ValueError, TypeError):
            continue
        assert r == total or r == total - (1 << 64) or r == total + (1 << 64) or \
            r == (total + (1 << 63)) % (1 << 64) - (1 << 63)
    gen = (x for x in items)
    assert convs.SumInts(gen) == (total + (1 << 63)) % (1 << 64) - (1 << 63)
