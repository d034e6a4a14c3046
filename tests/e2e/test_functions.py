"""Functions with basic-type parameters and results (the DESIGN table)."""
import inspect

import pytest

from conftest import IS_PYPY, read_stub, rss_is_meaningful, rss_kib

INT_KINDS = {
    "Int8": (-2**7, 2**7 - 1), "Int16": (-2**15, 2**15 - 1),
    "Int32": (-2**31, 2**31 - 1), "Int64": (-2**63, 2**63 - 1), "Int": (-2**63, 2**63 - 1),
    "Uint8": (0, 2**8 - 1), "Uint16": (0, 2**16 - 1), "Uint32": (0, 2**32 - 1),
    "Uint64": (0, 2**64 - 1), "Uint": (0, 2**64 - 1), "Uintptr": (0, 2**64 - 1),
    "Byte": (0, 255), "Rune": (-2**31, 2**31 - 1),
}
GO_NAMES = {"Byte": "byte", "Rune": "rune"}


def test_add(basics):
    assert basics.Add(2, 3) == 5
    assert basics.Add(-7, 3) == -4
    assert basics.Add(a=1, b=2) == 3
    assert basics.Add(1, b=2) == 3
    assert basics.Add(b=2, a=1) == 3


def test_no_result_is_none(basics):
    before = basics.Calls()
    assert basics.Nothing() is None
    assert basics.Calls() == before + 1


def test_several_results_are_a_tuple(basics):
    assert basics.DivMod(17, 5) == (3, 2)
    assert basics.Scale(2.0, 1.0, 2.5) == (2, 7.0)


@pytest.mark.parametrize("kind", sorted(INT_KINDS))
def test_int_ranges(basics, kind):
    lo, hi = INT_KINDS[kind]
    echo = getattr(basics, "Echo" + kind)
    go_name = GO_NAMES.get(kind, kind.lower())
    for v in (lo, hi, 0, 1, lo + 1, hi - 1):
        got = echo(v)
        assert got == v and type(got) is int
    for bad in (lo - 1, hi + 1, 2**200, -2**200):
        with pytest.raises(OverflowError) as e:
            echo(bad)
        msg = str(e.value)
        assert f"Echo{kind}() argument 'v'" in msg and f"Go {go_name}" in msg, msg


def test_int_accepts_index_and_bool(basics):
    class Idx:
        def __index__(self):
            return 42

    assert basics.EchoInt64(Idx()) == 42
    assert basics.EchoInt8(True) == 1

    class BigIdx:
        def __index__(self):
            return 1000

    with pytest.raises(OverflowError):
        basics.EchoInt8(BigIdx())


@pytest.mark.parametrize("bad", [1.5, 2.0, "3", None, b"4", [5]])
def test_int_rejects_non_integers(basics, bad):
    with pytest.raises(TypeError) as e:
        basics.EchoInt(bad)
    msg = str(e.value)
    assert "EchoInt() argument 'v' must be int (Go int), not " + type(bad).__name__ == msg


def test_index_raising_propagates(basics):
    class Broken:
        def __index__(self):
            raise ZeroDivisionError("boom")

    with pytest.raises(ZeroDivisionError):
        basics.EchoInt(Broken())


def test_floats(basics):
    assert basics.EchoFloat64(1.5) == 1.5
    assert basics.EchoFloat64(3) == 3.0 and type(basics.EchoFloat64(3)) is float
    assert basics.EchoFloat64(float("inf")) == float("inf")
    nan = basics.EchoFloat64(float("nan"))
    assert nan != nan

    class F:
        def __float__(self):
            return 2.25

    assert basics.EchoFloat64(F()) == 2.25
    assert basics.Half(3) == 1.5
    assert basics.EchoFloat32(0.1) == pytest.approx(0.1, rel=1e-7)
    assert basics.EchoFloat32(float("-inf")) == float("-inf")
    with pytest.raises(OverflowError) as e:
        basics.EchoFloat32(1e300)
    assert "Go float32" in str(e.value)
    with pytest.raises(OverflowError):
        basics.EchoFloat64(10**400)
    for bad in ("1.0", None, b"x", 1j):
        with pytest.raises(TypeError) as e:
            basics.EchoFloat64(bad)
        assert "must be float (Go float64)" in str(e.value)


def test_complex(basics):
    assert basics.EchoComplex128(1 + 2j) == 1 + 2j
    assert basics.Conj(3 - 4j) == 3 + 4j
    assert basics.EchoComplex128(2.5) == 2.5 + 0j
    assert basics.EchoComplex128(7) == 7 + 0j
    assert basics.EchoComplex64(0.5 - 0.25j) == 0.5 - 0.25j
    with pytest.raises(OverflowError):
        basics.EchoComplex64(complex(1e300, 0))
    for bad in ("1j", None):
        with pytest.raises(TypeError) as e:
            basics.EchoComplex128(bad)
        assert "must be complex (Go complex128)" in str(e.value)


def test_bool(basics):
    assert basics.Not(True) is False
    assert basics.EchoBool(False) is False
    for bad in (1, 0, None, "True"):
        with pytest.raises(TypeError) as e:
            basics.Not(bad)
        assert "Not() argument 'b' must be bool (Go bool), not " in str(e.value)


def test_strings(basics):
    assert basics.Concat("Go", "Python") == "GoPython"
    assert basics.Upper("héllo wörld ✓") == "HÉLLO WÖRLD ✓"
    assert basics.Len("é") == 2
    assert basics.Len("") == 0
    assert basics.EchoString("") == ""
    assert basics.EchoString("a\x00b") == "a\x00b"
    big = "x" * 1_000_000
    assert basics.EchoString(big) == big
    for bad in (b"bytes", 1, None):
        with pytest.raises(TypeError) as e:
            basics.Len(bad)
        assert "Len() argument 's' must be str (Go string), not " + type(bad).__name__ == str(e.value)


def test_invalid_utf8_round_trips(basics):
    s = basics.InvalidUTF8()
    assert s == "a\udcffb\udcfe"
    assert s.encode("utf-8", "surrogateescape") == b"a\xffb\xfe"
    assert basics.Bytes(s) == "97,255,98,254"
    assert basics.EchoString(s) == s
    with pytest.raises(ValueError) as e:  # a lone surrogate that is no escaped byte
        basics.Len("\ud800")
    assert "Len() argument 's'" in str(e.value)


def test_go_owns_the_strings_it_keeps(basics):
    for i in range(200):
        basics.Keep("".join(chr(65 + (i + k) % 26) for k in range(30)))
    kept = basics.Kept().split("|")
    assert kept[0] == "".join(chr(65 + k % 26) for k in range(30))
    assert len(kept) == 200


def test_variadic(basics):
    assert basics.Sum() == 0
    assert basics.Sum(1, 2, 3) == 6
    assert basics.Sum(*range(1000)) == sum(range(1000))
    assert basics.Join("-") == ""
    assert basics.Join(", ", "a", "b", "c") == "a, b, c"
    assert basics.Join(sep="+") == ""
    with pytest.raises(TypeError) as e:
        basics.Sum(1, "2", 3)
    assert str(e.value) == "Sum() argument 'nums'[1] must be int (Go int), not str"
    with pytest.raises(TypeError) as e:
        basics.Join("-", "a", 2)
    assert "Join() argument 'parts'[1] must be str (Go string), not int" == str(e.value)
    with pytest.raises(TypeError):
        basics.Sum(nums=[1, 2])
    with pytest.raises(OverflowError):
        basics.Sum(2**64)


def test_argument_errors(basics):
    with pytest.raises(TypeError) as e:
        basics.Add(1)
    assert str(e.value) == "Add() missing required argument 'b' (Go int)"
    with pytest.raises(TypeError) as e:
        basics.Add()
    assert "missing required argument 'a'" in str(e.value)
    with pytest.raises(TypeError) as e:
        basics.Add(1, 2, 3)
    assert str(e.value) == "Add() takes 2 positional arguments but 3 were given"
    with pytest.raises(TypeError) as e:
        basics.Nothing(1)
    assert "Nothing() takes 0 positional arguments but 1 was given" == str(e.value)
    with pytest.raises(TypeError) as e:
        basics.Add(1, c=2)
    assert str(e.value) == "Add() got an unexpected keyword argument 'c'"
    with pytest.raises(TypeError) as e:
        basics.Add(1, a=2)
    assert str(e.value) == "Add() got multiple values for argument 'a'"
    with pytest.raises(TypeError) as e:
        basics.Greet("bob", times="x", punct="!")
    assert str(e.value) == "Greet() argument 'times' must be int (Go int), not str"


def test_keyword_names(basics):
    assert basics.Greet(name="go", punct="!", times=2) == "hello go!hello go!"
    assert basics.Keywords(from_=1, lambda_=2, None_="x") == "12x"
    assert basics.Keywords(1, 2, "y") == "12y"
    assert basics.Unnamed(1, "s") is True
    assert basics.Unnamed(arg0=1, arg1="s") is True
    assert basics.Blank(arg0=1, s="t") == "t"
    with pytest.raises(TypeError) as e:
        basics.Unnamed("x", "s")
    assert str(e.value) == "Unnamed() argument 'arg0' must be int (Go int), not str"


def test_docs_and_signatures(basics):
    assert basics.__doc__.startswith("Package basics exercises every basic Go type")
    assert "end-to-end test package" in basics.__doc__
    assert basics.Add.__doc__.strip() == "Add returns the sum of a and b."
    assert str(inspect.signature(basics.Add)) == "(a, b)"
    assert str(inspect.signature(basics.Join)) == "(sep, *parts)"
    assert str(inspect.signature(basics.Keywords)) == "(from_, lambda_, None_)"
    assert str(inspect.signature(basics.Nothing)) == "()"
    assert basics.Add.__name__ == "Add"
    assert basics.Add.__module__ == "basics" or basics.Add.__self__.__name__ == "basics"


def test_stub_file(basics):
    pyi = read_stub(basics)
    assert "def Add(a: int, b: int) -> int:" in pyi
    assert "def DivMod(a: int, b: int) -> tuple[int, int]:" in pyi
    assert "def Join(sep: str, *parts: str) -> str:" in pyi
    assert "def Nothing() -> None:" in pyi
    assert "def Conj(c: complex) -> complex:" in pyi
    assert "def Not(b: bool) -> bool:" in pyi
    assert '"""Add returns the sum of a and b."""' in pyi
    assert "class GoError(Exception):" in pyi
    compile(pyi, "basics.pyi", "exec")  # valid Python syntax


def _churn_calls(basics, n):
    """Calls that allocate: strings in and out, variadic arguments, errors."""
    for _ in range(n):
        basics.Concat("abc", "def")
        basics.Join(",", "a", "b")
        try:
            basics.Add(1, "x")
        except TypeError:
            pass


@pytest.mark.skipif(not IS_PYPY, reason="CPython: test_many_calls_do_not_leak traces allocations")
@rss_is_meaningful
def test_many_calls_do_not_grow_rss(basics):
    # PyPy has no tracemalloc: RSS after the JIT and the GC have warmed up.
    # 300,000 calls; a leak of 16 bytes a call would be 4.7 MB.
    import gc
    _churn_calls(basics, 200_000)
    gc.collect()
    before = rss_kib()
    _churn_calls(basics, 100_000)
    gc.collect()
    grown = rss_kib() - before
    assert grown < 4096, f"RSS grew by {grown} KiB"


@pytest.mark.skipif(IS_PYPY, reason="PyPy has no tracemalloc: see test_many_calls_do_not_grow_rss")
def test_many_calls_do_not_leak(basics):
    import gc
    import tracemalloc
    for _ in range(1000):
        basics.Concat("a", "b")
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    _churn_calls(basics, 20000)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert after - before < 200_000
