"""Conversions both backends must agree on: None as a nil slice or map,
self and __new__ of the wrong class, buffers of every layout, objects
whose __len__, __iter__, __index__ or __float__ raise or lie, mappings
with their own items()."""
import pytest

from conftest import IS_PYPY, read_stub
from fuzzing import (FloatLies, FloatRaises, IndexLies, IndexRaises, ItemsOverridden, IterFailsMidway,
                     IterRaises, LenLies, LenRaises)


# None is nil -----------------------------------------------------------------

def test_none_is_a_nil_slice_and_map(convs):
    assert convs.Describe(None, None) == "slice nil=true len=0, map nil=true len=0"
    assert convs.Describe(v=None, m=None) == "slice nil=true len=0, map nil=true len=0"


def test_empty_containers_are_not_nil(convs):
    assert convs.Describe([], {}) == "slice nil=false len=0, map nil=false len=0"
    assert convs.Describe((), {}) == "slice nil=false len=0, map nil=false len=0"
    assert convs.VecIsNil([]) is False
    assert convs.IsNilBytes(b"") is False


def test_gonum_mean_with_no_weights(convs):
    assert convs.Mean([1.0, 2.0, 6.0], None) == 3.0
    assert convs.Mean([1.0, 3.0], [3.0, 1.0]) == 1.5
    with pytest.raises(convs.GoPanic, match="slice length mismatch"):
        convs.Mean([1.0, 3.0], [])  # empty weights are not nil weights


def test_none_is_nil_for_named_types_and_bytes(convs):
    assert convs.VecIsNil(None) is True
    assert convs.VecLen(None) == 0
    assert convs.TableIsNil(None) is True
    assert convs.IsNilBytes(None) is True
    assert convs.Vec(None).IsNil() is True  # Go's Vec(nil)


def test_none_is_nil_inside_containers(convs):
    assert [list(r) for r in convs.Nested([[1], None, []])] == [[1], [], []]
    assert list(convs.NestedMap({"a": None})["a"]) == []


def test_none_is_nil_for_fields(convs):
    p = convs.Point(Tags=None, Attrs=None)
    assert p.TagsNil() and p.AttrsNil()
    p.Tags, p.Attrs = ["a"], {"a": 1}
    assert not p.TagsNil() and not p.AttrsNil()
    p.Tags = None
    p.Attrs = None
    assert p.TagsNil() and p.AttrsNil()
    assert convs.Point(Tags=[]).TagsNil() is False


def test_none_is_nil_for_variables(convs):
    convs.Weights = [1.0]
    assert not convs.WeightsNil()
    convs.Weights = None
    assert convs.WeightsNil() and list(convs.Weights) == []
    convs.Registry = None
    assert convs.RegistryNil()
    convs.Registry = {}
    assert not convs.RegistryNil()


def test_none_is_not_an_array_or_a_scalar(convs):
    with pytest.raises(TypeError) as e:
        convs.Triple(None)
    assert str(e.value) == "Triple() argument 'v' must be an iterable (Go [3]int), not None"
    with pytest.raises(TypeError):
        convs.Int(None)
    with pytest.raises(TypeError):
        convs.String(None)


def test_stub_says_none_is_accepted(convs):
    pyi = read_stub(convs)
    for line in ("def Mean(x: Iterable[float] | None, weights: Iterable[float] | None) -> float:",
                 "def Describe(v: Iterable[float] | None, m: Mapping[str, int] | None) -> str:",
                 "def VecLen(v: Vec | Iterable[float] | None) -> int:",
                 "def IsNilBytes(b: bytes | bytearray | memoryview | None) -> bool:",
                 "def Triple(v: Iterable[int]) -> Sequence[int]:",
                 "Tags: Iterable[str] | None = ..."):
        assert line in pyi, line


# The wrong self or class -------------------------------------------------------

def descriptor_error(name, cls, got):
    """The interpreter's words for a method or field used on another class."""
    if IS_PYPY:
        return f"descriptor '{name}' requires a '{cls.__name__}' object but received a '{got}'"
    return f"descriptor '{name}' for '{cls.__module__}.{cls.__name__}' objects doesn't apply to a '{got}' object"


def test_unbound_method_with_another_self(convs):
    with pytest.raises(TypeError) as e:
        convs.Vec.Sum([1.0])
    assert str(e.value) == descriptor_error("Sum", convs.Vec, "list")
    with pytest.raises(TypeError) as e:
        convs.Vec.Sum(convs.Float64s([1.0]))  # a []float64 view is not a Vec
    assert "descriptor 'Sum'" in str(e.value)
    with pytest.raises(TypeError) as e:
        convs.Table.Total({})
    assert str(e.value) == descriptor_error("Total", convs.Table, "dict")
    with pytest.raises(TypeError) as e:
        convs.Point.Norm1(convs.Inner(N=1))
    assert "descriptor 'Norm1'" in str(e.value) and "Inner" in str(e.value)
    assert convs.Vec.Sum(convs.Vec([1.0, 2.0])) == 3.0
    assert convs.Point.Norm1(convs.Point(X=-1, Y=2)) == 3


def test_field_of_another_class(convs):
    inner = convs.Inner(N=1)
    for name in ("X", "Label", "Tags"):
        with pytest.raises(TypeError) as e:
            convs.Point.__dict__[name].__get__(inner)
        assert "Inner" in str(e.value)
    with pytest.raises(TypeError):
        convs.Point.__dict__["X"].__set__(inner, 3)
    with pytest.raises(TypeError):
        convs.Point.__dict__["Label"].__set__(inner, "x")
    assert inner.N == 1 and convs.Point.__dict__["X"].__get__(convs.Point(X=4)) == 4


def test_new_of_another_class(convs):
    with pytest.raises(TypeError) as e:
        convs.Point.__new__(convs.Inner)
    assert str(e.value).endswith("Inner is not a subtype of %s.Point" % convs.Point.__module__)
    with pytest.raises(TypeError) as e:
        convs.Point.__new__(int)  # PyPy's cpyext asks tp_new with a class of no gopy module
    assert str(e.value) == "{0}.Point.__new__(int): int is not a subtype of {0}.Point".format(
        convs.Point.__module__)

    class Sub(convs.Point):
        pass
    assert convs.Point.__new__(Sub).X == 0


# Buffers -------------------------------------------------------------------------

def test_fortran_ordered_bytes_arrive_in_logical_order(convs):
    np = pytest.importorskip("numpy")
    a = np.arange(6, dtype=np.uint8).reshape(2, 3)
    assert convs.Bytes(np.asfortranarray(a)) == bytes(range(6))
    assert convs.Bytes(a.T) == a.T.tobytes()
    assert convs.Bytes(a[:, ::2]) == a[:, ::2].tobytes()
    assert convs.Bytes(np.arange(6, dtype=np.int16)[::2]) == np.arange(6, dtype=np.int16)[::2].tobytes()
    assert convs.SumBytes(np.asfortranarray(a)) == 15


def test_layout_never_decides_what_a_buffer_is(convs):
    np = pytest.importorskip("numpy")
    flags = np.array([True, False, True, True])
    assert list(convs.Bools(flags)) == [True, False, True, True]
    assert list(convs.Bools(flags[::2])) == [True, True]  # strided: copied, not iterated
    assert list(convs.Bools(flags[::-1])) == [True, True, False, True]
    c = np.arange(6).astype(np.complex128)
    assert list(convs.Complex128s(c[::2])) == [0, 2, 4]
    assert list(convs.Float32s(np.arange(6, dtype=np.float32)[::-2])) == [5.0, 3.0, 1.0]


def test_zero_dimensional_array_is_not_a_slice(convs):
    np = pytest.importorskip("numpy")
    with pytest.raises(TypeError) as e:
        convs.Ints(np.array(5))
    assert str(e.value) == "Ints() argument 'v' must be an iterable (Go []int), not numpy.ndarray"
    assert convs.Bytes(np.array(5, dtype=np.uint8)) == b"\x05"


# Objects that raise or lie ----------------------------------------------------------

def test_len_is_never_consulted(convs):
    assert convs.SumInts(LenRaises([1, 2])) == 3
    for n in (0, 1, 10, -1):
        assert convs.SumInts(LenLies([1, 2, 3], n)) == 6
    assert list(convs.Triple(LenLies([1, 2, 3], 7))) == [1, 2, 3]
    with pytest.raises(ValueError):
        convs.Triple(LenLies([1, 2], 3))


def test_iteration_errors_propagate(convs):
    with pytest.raises(RuntimeError, match="__iter__ failed"):
        convs.SumInts(IterRaises())
    with pytest.raises(RuntimeError, match="iteration failed"):
        convs.SumInts(IterFailsMidway([1, 2]))


def test_list_subclass_is_iterated(convs):
    class Odd(list):
        def __iter__(self):
            return iter([5])
    assert convs.SumInts(Odd([1, 2])) == 5


def test_index_and_float_that_raise_or_lie(convs):
    with pytest.raises(RuntimeError, match="__index__ failed"):
        convs.Int(IndexRaises())
    with pytest.raises(TypeError) as e:
        convs.Int(IndexLies())
    assert str(e.value) == "Int() argument 'v' must be int (Go int), not IndexLies"
    with pytest.raises(TypeError) as e:
        convs.Ints([1, IndexLies()])
    assert str(e.value) == "Ints() argument 'v'[1] must be int (Go int), not IndexLies"
    with pytest.raises(RuntimeError, match="__float__ failed"):
        convs.Float64(FloatRaises())
    with pytest.raises(TypeError) as e:
        convs.Float64(FloatLies())
    assert str(e.value) == "Float64() argument 'v' must be float (Go float64), not FloatLies"


def test_mapping_items_is_what_crosses(convs):
    assert dict(convs.StrMap(ItemsOverridden(a=1))) == {"overridden": 1}
    assert dict(convs.StrMap({"a": 1})) == {"a": 1}


def test_errors_are_reported_in_argument_order(convs):
    # cffi checks an exact int's range at the call, after converting the
    # rest: the out-of-range first argument must still be the one reported.
    with pytest.raises(OverflowError) as e:
        convs.Point(X=2**63, Y=None)
    assert str(e.value) == "Point() argument 'X' out of range for Go int: 9223372036854775808"
    with pytest.raises(OverflowError) as e:
        convs.Point().Move(2**64, "x")
    assert str(e.value).startswith("Point.Move() argument 'dx' out of range for Go int")
    with pytest.raises(OverflowError) as e:
        convs.Point(X=-2**70, Label="\ud800")
    assert "argument 'X'" in str(e.value)
