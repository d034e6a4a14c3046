"""Go slices and arrays as views sharing Go's memory (package seqs)."""
import collections.abc
import copy
import gc
import itertools
import re
import threading

import pytest

from conftest import (IS_CFFI, IS_PYPY, assert_churn_leaves_no_trace, build_output, live, needs_buffer_export,
                      read_stub, run_threads)



@pytest.fixture
def saved_vars(seqs):
    """Restores the package variables a test changes."""
    items, ints = list(seqs.Items), list(seqs.IntSlice)
    matrix = [list(row) for row in seqs.Matrix]
    yield
    seqs.Items = items
    seqs.IntSlice = ints
    seqs.Matrix = matrix


# Reading ------------------------------------------------------------------

def test_results_are_views(seqs):
    r = seqs.Range(3)
    assert type(r).__name__ == "Slice" and type(r).__module__ == "gopy"
    assert type(seqs.Triple()).__name__ == "Array"
    assert len(r) == 3
    assert len(seqs.Range(0)) == 0


def test_indexing(seqs):
    r = seqs.Range(3)
    assert (r[0], r[1], r[2]) == (0, 1, 2)
    assert type(r[0]) is int
    assert (r[-1], r[-3]) == (2, 0)
    f = seqs.Floats(2)
    assert f[1] == 1.5 and type(f[1]) is float


def test_index_out_of_range(seqs):
    r = seqs.Range(3)
    with pytest.raises(IndexError) as e:
        r[3]
    assert str(e.value) == "index 3 out of range for []int of length 3"
    with pytest.raises(IndexError) as e:
        r[-4]
    assert str(e.value) == "index -4 out of range for []int of length 3"
    with pytest.raises(IndexError):
        seqs.Nil()[0]
    with pytest.raises(IndexError) as e:
        seqs.Triple()[3]
    assert str(e.value) == "index 3 out of range for [3]int of length 3"


def test_index_must_be_an_integer(seqs):
    r = seqs.Range(3)
    with pytest.raises(TypeError):
        r["a"]
    with pytest.raises(TypeError):
        r[1.0]


def test_slicing_with_step_1_is_a_view_of_the_same_elements(seqs):
    r = seqs.Range(5)
    s = r[1:4]
    assert type(s) is type(r)
    assert s == [1, 2, 3]
    s[0] = 42
    assert r[1] == 42
    r[3] = 7
    assert s[2] == 7
    assert seqs.SumInts(r) == 0 + 42 + 2 + 7 + 4
    assert r[2:2] == [] and r[4:1] == [] and r[10:] == []
    assert r[-2:] == [7, 4]
    t = s[1:]  # a view of a view
    t[0] = -1
    assert r[2] == -1


def test_slicing_with_other_steps_is_a_list(seqs):
    r = seqs.Range(5)
    assert r[::2] == [0, 2, 4] and type(r[::2]) is list
    assert r[::-1] == [4, 3, 2, 1, 0] and type(r[::-1]) is list
    l = r[::2]
    l[0] = 100
    assert r[0] == 0


def test_slicing_an_array_is_a_list(seqs):
    t = seqs.Triple()
    assert t[0:2] == [1, 2] and type(t[0:2]) is list
    assert t[::2] == [1, 3]


def test_item_assignment_converts_and_checks(seqs):
    r = seqs.Range(3)
    r[0] = 5
    r[-1] = True  # bool is an int
    assert r == [5, 1, 1]
    assert seqs.SumInts(r) == 7
    with pytest.raises(TypeError) as e:
        r[0] = "x"
    assert str(e.value) == "[]int element must be int (Go int), not str"
    with pytest.raises(TypeError) as e:
        r[0] = 1.5
    assert str(e.value) == "[]int element must be int (Go int), not float"
    with pytest.raises(IndexError) as e:
        r[5] = 1
    assert str(e.value) == "index 5 out of range for []int of length 3"
    assert r == [5, 1, 1]


def test_item_assignment_is_range_checked(seqs):
    i8 = seqs.Int8s()
    with pytest.raises(OverflowError) as e:
        i8[0] = 128
    assert str(e.value) == "[]int8 element out of range for Go int8: 128"
    with pytest.raises(OverflowError):
        i8[0] = -129
    i8[0] = -128
    i8[1] = 127
    assert i8 == [-128, 127, 3]
    assert seqs.SumInt8(i8) == 2
    u = seqs.Uint64s()
    with pytest.raises(OverflowError):
        u[0] = -1
    u[0] = 2**64 - 1
    assert u[0] == 2**64 - 1
    with pytest.raises(OverflowError):
        seqs.Range(1)[0] = 2**63


def test_item_assignment_of_each_kind(seqs):
    f = seqs.Floats(2)
    f[0] = 3
    assert f[0] == 3.0 and type(f[0]) is float
    with pytest.raises(TypeError) as e:
        f[0] = "x"
    assert str(e.value) == "[]float64 element must be float (Go float64), not str"
    c = seqs.Complex128s()
    c[0] = 1.5
    assert c == [1.5, 2, 3j]
    b = seqs.Flip([True])
    b[0] = True
    assert b == [True]
    with pytest.raises(TypeError) as e:
        b[0] = 1
    assert str(e.value) == "[]bool element must be bool (Go bool), not int"
    n = seqs.Names()
    n[0] = "zed"
    assert n[0] == "zed" and seqs.Join(n, ",") == "zed,bob,,zoë"
    with pytest.raises(TypeError) as e:
        n[0] = 5
    assert str(e.value) == "[]string element must be str (Go string), not int"


def test_slice_assignment_of_equal_length(seqs):
    r = seqs.Range(5)
    r[0:2] = [7, 8]
    assert r == [7, 8, 2, 3, 4]
    r[::2] = (0, 0, 0)
    assert r == [0, 8, 0, 3, 0]
    r[:] = range(10, 15)
    assert r == [10, 11, 12, 13, 14]
    assert seqs.SumInts(r) == 60
    t = seqs.Triple()
    t[0:2] = [7, 8]
    assert t == [7, 8, 3]


def test_slice_assignment_from_an_overlapping_view_copies_first(seqs):
    r = seqs.Range(5)
    r[1:4] = r[0:3]
    assert r == [0, 0, 1, 2, 4]
    r = seqs.Range(5)
    r[0:3] = r[1:4]
    assert r == [1, 2, 3, 3, 4]
    n = seqs.Names()
    n[1:3] = n[0:2]
    assert n == ["ann", "ann", "bob", "zoë"]


def test_slice_assignment_from_an_overlapping_view_of_structs_copies_first(seqs):
    p = seqs.Points(3)
    p[1:3] = p[0:2]
    assert p == [seqs.Point(0, 0), seqs.Point(0, 0), seqs.Point(1, -1)]


def test_slice_assignment_from_an_overlapping_view_of_slices_copies_first(seqs):
    g = seqs.Grid(3)
    g[1:3] = g[0:2]
    assert g == [[0, 1, 2], [0, 1, 2], [10, 11, 12]]


def test_slice_assignment_cannot_change_the_length(seqs):
    r = seqs.Range(3)
    with pytest.raises(ValueError) as e:
        r[0:2] = [1]
    assert str(e.value) == ("cannot assign 1 elements to a slice of 2: "
                            "[]int cannot change its length")
    with pytest.raises(ValueError):
        r[0:2] = [1, 2, 3]
    with pytest.raises(ValueError) as e:
        seqs.Triple()[0:2] = [1]
    assert str(e.value) == ("cannot assign 1 elements to a slice of 2: "
                            "[3]int cannot change its length")
    with pytest.raises(TypeError):
        r[0:2] = 5
    with pytest.raises(TypeError) as e:
        r[0:2] = [1, "b"]
    assert str(e.value) == "[]int element[1] must be int (Go int), not str"
    assert r == [0, 1, 2]


def test_del_is_refused(seqs):
    r = seqs.Range(3)
    with pytest.raises(TypeError) as e:
        del r[0]
    assert str(e.value) == "cannot delete elements of []int: a Go slice view has a fixed length"
    with pytest.raises(TypeError):
        del r[0:1]
    with pytest.raises(TypeError) as e:
        del seqs.Triple()[0]
    assert str(e.value) == "cannot delete elements of [3]int: a Go array has a fixed length"
    assert r == [0, 1, 2]


def test_iteration_and_in(seqs):
    assert list(iter(seqs.Range(3))) == [0, 1, 2]
    assert [x for x in seqs.Names()] == ["ann", "bob", "", "zoë"]
    assert list(reversed(seqs.Range(3))) == [2, 1, 0]
    assert sorted(seqs.Range(3)[::-1]) == [0, 1, 2]
    assert sum(seqs.Range(4)) == 6
    r = seqs.Range(3)
    assert 2 in r and 3 not in r
    assert "x" not in r
    assert "bob" in seqs.Names() and "zz" not in seqs.Names()
    assert seqs.Point(1, -1) in seqs.Points(3)


def test_iterating_flat_elements_reads_them_live(seqs):
    r = seqs.Range(3)
    seen = []
    for x in r:
        r[2] = 99
        seen.append(x)
    assert seen == [0, 1, 99]


def test_equality(seqs):
    assert seqs.Range(3) == [0, 1, 2]
    assert seqs.Range(3) == (0, 1, 2)
    assert seqs.Range(3) == seqs.Range(3)
    assert seqs.Range(3) == [0, 1, 2.0]
    assert seqs.Range(3) != [0, 1]
    assert seqs.Range(3) != [0, 1, 3]
    assert not (seqs.Range(3) != [0, 1, 2])
    assert seqs.Triple() == [1, 2, 3]
    assert seqs.Names() == ["ann", "bob", "", "zoë"]
    assert seqs.Points(2) == [seqs.Point(0, 0), seqs.Point(1, -1)]
    assert seqs.Grid(2) == [[0, 1], [10, 11]]
    assert seqs.Floats(2) == seqs.Vector([0.5, 1.5])
    for other in ("abc", b"\x00\x01\x02", 5, None, {0: 0, 1: 1, 2: 2}):
        assert seqs.Range(3) != other, other
    assert seqs.Nil() == [] and seqs.Nil() == seqs.Range(0)


def test_views_are_unhashable(seqs):
    with pytest.raises(TypeError):
        hash(seqs.Range(3))
    with pytest.raises(TypeError):
        hash(seqs.Triple())
    with pytest.raises(TypeError):
        hash(seqs.Vector([1]))
    with pytest.raises(TypeError):
        {seqs.Range(1): 1}


def test_list_copies_out(seqs):
    r = seqs.Range(3)
    l = list(r)
    assert l == [0, 1, 2] and type(l) is list
    c = r.copy()
    assert c == [0, 1, 2] and type(c) is list
    r[0] = 99
    assert l == [0, 1, 2] and c == [0, 1, 2]
    l[1] = -1
    assert r == [99, 1, 2]
    assert list(seqs.Names()) == ["ann", "bob", "", "zoë"]


def test_repr(seqs):
    assert repr(seqs.Range(3)) == "[]int([0, 1, 2])"
    assert repr(seqs.Floats(2)) == "[]float64([0.5, 1.5])"
    assert repr(seqs.Triple()) == "[3]int([1, 2, 3])"
    assert repr(seqs.Names()) == "[]string(['ann', 'bob', '', 'zoë'])"
    assert repr(seqs.Nil()) == "[]int([])"
    assert repr(seqs.Range(10)) == "[]int([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])"
    assert repr(seqs.Range(11)) == "[]int([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...], len=11)"
    assert repr(seqs.Range(100)) == "[]int([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...], len=100)"
    assert repr(seqs.Points(1)) == "[]seqs.Point([seqs.Point(X=0, Y=0)])"
    assert repr(seqs.Ptrs()) == "[]*seqs.Point([seqs.Point(X=1, Y=2), None])"
    assert repr(seqs.Grid(2)) == "[][]int([[]int([0, 1]), []int([10, 11])])"
    assert repr(seqs.Temps()) == "[]seqs.Celsius([seqs.Celsius(-40.0), seqs.Celsius(100.0)])"
    assert repr(seqs.Vector([3, 4])) == "seqs.Vector([3.0, 4.0])"
    assert repr(seqs.Matrix).startswith("[2][2]float64([[2]float64([")


def test_nil_slice_is_an_empty_view(seqs):
    n = seqs.Nil()
    assert type(n) is type(seqs.Range(1))
    assert len(n) == 0 and list(n) == [] and not n
    assert n[0:0] == []
    assert seqs.SumInts(n) == 0


def test_views_are_sequences(seqs):
    for v in (seqs.Range(3), seqs.Triple(), seqs.Names(), seqs.Vector([1]), seqs.Grid(1)[0]):
        assert isinstance(v, collections.abc.Sequence), repr(v)
        assert not isinstance(v, collections.abc.MutableMapping)
    assert issubclass(seqs.Vector, collections.abc.Sequence)


def test_views_have_the_sequence_methods(seqs):
    r = seqs.Range(3)
    assert r.index(2) == 2
    assert r.count(1) == 1
    with pytest.raises(ValueError):
        r.index(7)
    assert seqs.Names().index("bob") == 1


def test_views_cannot_be_created_directly(seqs):
    with pytest.raises(TypeError) as e:
        type(seqs.Range(1))()
    assert str(e.value) == ("cannot create gopy.Slice instances: "
                            "Go functions, fields and variables return them")


# Element types -----------------------------------------------------------

def test_struct_elements_are_views_aliasing_the_element(seqs):
    ps = seqs.Points(3)
    p = ps[1]
    assert type(p) is seqs.Point and (p.X, p.Y) == (1, -1)
    ps[1].X = 10
    assert p.X == 10
    assert seqs.SumX(ps) == 0 + 10 + 2
    ps[0] = seqs.Point(9, 9)
    assert ps[0].X == 9 and seqs.SumX(ps) == 21
    with pytest.raises(TypeError) as e:
        ps[0] = (1, 2)
    assert str(e.value) == "[]seqs.Point element must be seqs.Point, not tuple"


def test_assigning_a_struct_element_copies_it(seqs):
    ps = seqs.Points(2)
    q = seqs.Point(5, 5)
    ps[0] = q
    q.X = 6
    assert ps[0].X == 5


def test_pointer_elements(seqs):
    pt = seqs.Ptrs()
    assert pt[0] == seqs.Point(1, 2) and pt[1] is None
    assert list(pt) == [seqs.Point(1, 2), None]
    e = pt[0]
    e.X = 7
    assert pt[0].X == 7
    p = seqs.Point(3, 3)
    pt[1] = p
    p.X = 42  # the element is the pointer: it sees the change
    assert pt[1].X == 42
    pt[0] = None
    assert pt[0] is None


def test_nested_slices_are_nested_views(seqs):
    g = seqs.Grid(3)
    assert g[1][0] == 10 and g[2][2] == 22
    row = g[1]
    assert type(row) is type(g)
    assert row == [10, 11, 12]
    g[1][1] = 1000
    assert row[1] == 1000
    assert seqs.Total(g) == (0 + 1 + 2) + (10 + 1000 + 12) + (20 + 21 + 22)
    g[0] = [5, 6, 7]
    assert g[0] == [5, 6, 7] and seqs.Total(g) == 5 + 6 + 7 + 10 + 1000 + 12 + 63
    with pytest.raises(TypeError) as e:
        g[0] = ["a", 1, 2]
    assert str(e.value) == "[][]int element[0] must be int (Go int), not str"
    assert g[0] == [5, 6, 7]


def test_string_elements(seqs):
    n = seqs.Names()
    assert n[3] == "zoë" and n[2] == "" and type(n[0]) is str
    assert seqs.Join(n, "-") == "ann-bob--zoë"


def test_named_element_types(seqs):
    t = seqs.Temps()
    assert type(t[0]) is seqs.Celsius and t[0] == -40.0
    assert all(type(x) is seqs.Celsius for x in t)
    t[0] = 5
    assert type(t[0]) is seqs.Celsius and t[0] == 5.0


def test_array_elements_of_arrays(seqs, saved_vars):
    m = seqs.Matrix
    assert type(m[0]).__name__ == "Array"
    assert m[0] == [0.0, 0.0]


def test_every_number_kind(seqs):
    for name in ("Int8s", "Int16s", "Int32s", "Int64s", "Uints", "Uint16s", "Uint32s",
                 "Uint64s", "Uintptrs"):
        v = getattr(seqs, name)()
        assert v == [1, 2, 3] and type(v[0]) is int, name
    assert seqs.Float32s() == [1.0, 2.0, 3.0] and type(seqs.Float32s()[0]) is float
    assert seqs.Complex64s() == [1, 2, 3j] and type(seqs.Complex64s()[2]) is complex
    assert seqs.Complex128s() == [1, 2, 3j]
    assert seqs.Bytes16() == [1, 2, 3] + [0] * 13
    assert seqs.Flip([True, False]) == [False, True]
    assert type(seqs.Flip([True])[0]) is bool


# Arguments ---------------------------------------------------------------

def test_a_view_argument_is_passed_without_copy(seqs):
    f = seqs.Floats(3)
    seqs.ScaleInPlace(f, 2)
    assert f == [1.0, 3.0, 5.0]
    part = f[1:3]
    seqs.ScaleInPlace(part, 10)
    assert f == [1.0, 30.0, 50.0]
    v = seqs.Vector([1, 2])
    seqs.ScaleInPlace(v, 3)  # same underlying type: no copy either
    assert v == [3.0, 6.0]


def test_any_iterable_is_converted(seqs):
    assert seqs.Sum([1, 2, 3]) == 6.0
    assert seqs.Sum((1.5, 2)) == 3.5
    assert seqs.Sum(range(4)) == 6.0
    assert seqs.Sum(x / 2 for x in range(3)) == 1.5
    assert seqs.Sum({1.0: "a", 2.0: "b"}) == 3.0
    assert seqs.Sum([]) == 0.0
    assert seqs.SumInts(range(5)) == 10
    assert seqs.SumInts(xs=[1, 2]) == 3
    assert seqs.FindElementIdx([5, 6, 7], 7) == 2
    assert seqs.FindElementIdx(seqs.Range(4), 9) == -1
    assert seqs.Join(["a", "b"], "-") == "a-b"
    assert seqs.SumX([seqs.Point(1, 2), seqs.Point(3, 4)]) == 4
    assert seqs.Total([[1, 2], (3,), range(4)]) == 12
    assert seqs.Flip((True, False)) == [False, True]
    assert seqs.SumComplex([1, 2j, 1.5]) == 2.5 + 2j
    assert seqs.SumTriple((1, 2, 3)) == 6
    assert seqs.SumTriple(seqs.Triple()) == 6


def test_a_view_of_another_element_type_is_converted(seqs):
    assert seqs.Len(seqs.Range(3)) == 3  # []int to []int32
    assert seqs.Sum(seqs.Range(3)) == 3.0
    with pytest.raises(TypeError) as e:
        seqs.SumInts(seqs.Floats(2))
    assert str(e.value) == "SumInts() argument 'xs'[0] must be int (Go int), not float"


def test_a_converted_argument_is_a_copy(seqs):
    l = [1.0, 2.0]
    seqs.ScaleInPlace(l, 10)
    assert l == [1.0, 2.0]


def test_wrong_element_type_names_the_index(seqs):
    with pytest.raises(TypeError) as e:
        seqs.SumInts([1, "a"])
    assert str(e.value) == "SumInts() argument 'xs'[1] must be int (Go int), not str"
    with pytest.raises(TypeError) as e:
        seqs.Sum(["a"])
    assert str(e.value) == "Sum() argument 'xs'[0] must be float (Go float64), not str"
    with pytest.raises(TypeError) as e:
        seqs.Join([1], "-")
    assert str(e.value) == "Join() argument 'parts'[0] must be str (Go string), not int"
    with pytest.raises(TypeError) as e:
        seqs.SumX([1])
    assert str(e.value) == "SumX() argument 'ps'[0] must be seqs.Point, not int"
    with pytest.raises(TypeError) as e:
        seqs.Flip([True, 1])
    assert str(e.value) == "Flip() argument 'bs'[1] must be bool (Go bool), not int"
    with pytest.raises(OverflowError) as e:
        seqs.SumInt8([1, 200])
    assert str(e.value) == "SumInt8() argument 'xs'[1] out of range for Go int8: 200"
    with pytest.raises(OverflowError) as e:
        seqs.SumInts([2**63])
    assert str(e.value) == "SumInts() argument 'xs'[0] out of range for Go int: 9223372036854775808"


def test_wrong_nested_element_names_the_path(seqs):
    with pytest.raises(TypeError) as e:
        seqs.Total([[1], [2, "x"]])
    assert str(e.value) == "Total() argument 'g'[1][1] must be int (Go int), not str"
    with pytest.raises(TypeError) as e:
        seqs.Total([[1], 5])
    assert str(e.value) == "Total() argument 'g'[1] must be an iterable (Go []int), not int"


def test_non_iterables_are_rejected(seqs):
    for value, name in (("abc", "str"), (5, "int")):
        with pytest.raises(TypeError) as e:
            seqs.SumInts(value)
        assert str(e.value) == f"SumInts() argument 'xs' must be an iterable (Go []int), not {name}"
    assert seqs.SumInts(b"ab") == 97 + 98  # bytes iterate as ints


def test_errors_raised_by_the_iterable_propagate(seqs):
    def gen():
        yield 1
        raise RuntimeError("boom")
    with pytest.raises(RuntimeError, match="boom"):
        seqs.SumInts(gen())


def test_array_argument_length(seqs):
    with pytest.raises(ValueError) as e:
        seqs.SumTriple([1, 2])
    assert str(e.value) == "SumTriple() argument 'a' must have 3 elements (Go [3]int), not 2"
    with pytest.raises(ValueError) as e:
        seqs.SumTriple([1, 2, 3, 4])
    assert str(e.value) == "SumTriple() argument 'a' must have 3 elements (Go [3]int), not 4"


def test_variadic_of_a_named_type(seqs):
    m = seqs.Mean(seqs.Celsius(10), 20)
    assert type(m) is seqs.Celsius and m == 15.0
    assert seqs.Mean(*seqs.Temps()) == 30.0
    with pytest.raises(TypeError) as e:
        seqs.Mean(1, "x")
    assert str(e.value) == "Mean() argument 'ts'[1] must be float (Go seqs.Celsius), not str"


def test_go_panic_indexing(seqs):
    with pytest.raises(seqs.GoPanic) as e:
        seqs.PanicIdx([1, 2])
    assert str(e.value) == "runtime error: index out of range [2] with length 2"
    with pytest.raises(seqs.GoPanic):
        seqs.PanicIdx(seqs.Range(3))


# Named slice types -------------------------------------------------------

def test_named_slice_type_is_a_class(seqs):
    v = seqs.Vector([3, 4])
    assert type(v) is seqs.Vector
    assert seqs.Vector.__module__ == "seqs" and seqs.Vector.__name__ == "Vector"
    assert issubclass(seqs.Vector, type(seqs.Range(1)))
    assert v == [3.0, 4.0] and type(v[0]) is float
    assert seqs.Vector.__doc__ == "Vector is a named slice type with methods."


def test_named_slice_methods(seqs):
    assert seqs.Vector([3, 4]).Norm() == 5.0
    u = seqs.Vector([3, 4]).Unit()
    assert type(u) is seqs.Vector and u == [0.6, 0.8]
    with pytest.raises(seqs.GoError) as e:
        seqs.Vector().Unit()
    assert str(e.value) == "zero vector"
    assert e.value.go_type == "*errors.errorString"


def test_pointer_method_changes_the_view(seqs):
    v = seqs.Vector([3, 4])
    v.Push(5)
    assert len(v) == 3 and v == [3.0, 4.0, 5.0]
    assert v.Norm() == pytest.approx(50 ** 0.5)


def test_pointer_method_on_a_subslice_follows_go(seqs):
    v = seqs.Vector([3, 4])
    w = v[0:1]
    assert type(w) is seqs.Vector
    w.Push(9)  # append within capacity overwrites v[1], as in Go
    assert w == [3.0, 9.0] and v == [3.0, 9.0]


def test_named_slice_construction(seqs):
    assert seqs.Vector() == [] and len(seqs.Vector()) == 0
    assert repr(seqs.Vector()) == "seqs.Vector([])"
    assert seqs.Vector((1, 2)) == [1.0, 2.0]
    assert seqs.Vector(seqs.Floats(2)) == [0.5, 1.5]
    l = [0.5]
    v = seqs.Vector(l)
    v[0] = 9
    assert l == [0.5]


def test_named_slice_from_a_view_is_a_new_value(seqs):
    f = seqs.Floats(1)
    v = seqs.Vector(f)  # like list(f): a copy, not Go's conversion
    v[0] = 9
    assert f[0] == 0.5 and v == [9.0]
    c = copy.copy(v)
    c[0] = 1
    assert v[0] == 9.0 and isinstance(c, seqs.Vector)


def test_named_slice_constructor_errors(seqs):
    with pytest.raises(TypeError) as e:
        seqs.Vector(["a"])
    assert str(e.value) == "Vector() argument 'items'[0] must be float (Go float64), not str"
    with pytest.raises(TypeError) as e:
        seqs.Vector(5)
    assert str(e.value) == "Vector() argument 'items' must be an iterable (Go seqs.Vector), not int"
    assert seqs.Vector(None) == []  # Go's Vector(nil)
    with pytest.raises(TypeError) as e:
        seqs.Vector([1], [2])
    assert str(e.value) == "Vector() takes 1 positional argument but 2 were given"


def test_named_slice_constructor_takes_items_by_keyword_as_the_stub_says(seqs):
    assert "def __init__(self, items: Iterable[float] = ...) -> None: ..." in read_stub(seqs)
    assert seqs.Vector(items=[3, 4]) == [3.0, 4.0]


def test_named_slice_arguments(seqs):
    a = seqs.Vector([1, 2])
    assert seqs.Dot(a, [3, 4]) == 11.0
    assert seqs.Dot([1, 2], (3, 4)) == 11.0
    assert seqs.Dot(seqs.Floats(2), seqs.Floats(2)) == 2.5
    assert seqs.Sum(a) == 3.0
    with pytest.raises(TypeError) as e:
        seqs.Dot(a, ["x"])
    assert str(e.value) == "Dot() argument 'b'[0] must be float (Go float64), not str"


# Struct fields -----------------------------------------------------------

def test_slice_field_is_a_view_aliasing_the_field(seqs):
    b = seqs.NewBag()
    items = b.Items
    assert items == [1, 2, 3]
    items[0] = 100
    assert b.ItemSum() == 105
    b.Grow(7)
    assert len(items) == 4 and items[3] == 7  # it reads the field
    assert items == [100, 2, 3, 7]


def test_slice_field_assignment(seqs):
    b = seqs.NewBag()
    items = b.Items
    b.Items = [5, 6]
    assert b.ItemSum() == 11
    assert items == [5, 6]
    b.Items = seqs.Range(3)
    assert b.Items == [0, 1, 2]
    with pytest.raises(TypeError) as e:
        b.Items = ["x"]
    assert str(e.value) == "seqs.Bag field 'Items'[0] must be int (Go int), not str"
    assert b.Items == [0, 1, 2]


def test_array_field_aliases(seqs):
    b = seqs.NewBag()
    fx = b.Fixed
    assert type(fx).__name__ == "Array" and fx == [1.5, 2.5]
    fx[0] = 9.5
    assert b.Fixed == [9.5, 2.5]
    b.Fixed = (1, 2)
    assert fx == [1.0, 2.0]
    with pytest.raises(ValueError) as e:
        b.Fixed = [1]
    assert str(e.value) == "seqs.Bag field 'Fixed' must have 2 elements (Go [2]float64), not 1"


def test_byte_slice_field_is_bytes(seqs):
    b = seqs.NewBag()
    assert b.Data == b"hi" and type(b.Data) is bytes
    b.Data = b"xyz"
    assert b.Data == b"xyz"
    b.Data = bytearray(b"q")
    assert b.Data == b"q"
    with pytest.raises(TypeError) as e:
        b.Data = "str"
    assert str(e.value) == "seqs.Bag field 'Data' must be a bytes-like object (Go []byte), not str"


def test_bag_construction_and_repr(seqs):
    b = seqs.Bag(Items=[1], Tags={"k": "v"}, Fixed=(1, 2), Data=b"d")
    assert repr(b) == ("seqs.Bag(Items=[]int([1]), Tags=map[string]string({'k': 'v'}), "
                       "Fixed=[2]float64([1.0, 2.0]), Data=b'd')")
    assert repr(seqs.Bag()) == ("seqs.Bag(Items=[]int([]), Tags=map[string]string({}), "
                                "Fixed=[2]float64([0.0, 0.0]), Data=b'')")


def test_a_field_view_keeps_its_struct_alive(seqs):
    b = seqs.NewBag()
    items = b.Items
    del b
    gc.collect()
    assert items == [1, 2, 3]
    items[0] = 4
    assert items[0] == 4


# Package variables -------------------------------------------------------

def test_slice_variable_is_a_view_of_the_variable(seqs, saved_vars):
    seqs.Items = [1, 2, 3]
    items = seqs.Items
    assert items == [1, 2, 3]
    seqs.Items[0] = 50
    assert seqs.ItemsSum() == 55
    assert items[0] == 50
    seqs.Items = [9]
    assert seqs.ItemsSum() == 9
    assert seqs.Items == [9]
    assert items == [9]  # the view reads the variable


def test_slice_variable_assignment_is_checked(seqs, saved_vars):
    seqs.Items = [1]
    with pytest.raises(TypeError) as e:
        seqs.Items = ["a"]
    assert str(e.value) == "variable seqs.Items[0] must be int (Go int), not str"
    assert seqs.Items == [1]
    seqs.Items = None  # nil
    assert seqs.Items == []


def test_unnamed_composite_variable(seqs, saved_vars):
    assert seqs.IntSlice == [1, 2]
    seqs.IntSlice[1] = 5
    assert seqs.IntSlice == [1, 5]
    seqs.IntSlice = range(4)
    assert seqs.IntSlice == [0, 1, 2, 3]


def test_array_variable_of_arrays(seqs, saved_vars):
    seqs.Matrix[1][1] = 3.5
    assert seqs.MatrixAt(1, 1) == 3.5
    row = seqs.Matrix[0]
    row[1] = -1
    assert seqs.MatrixAt(0, 1) == -1.0
    seqs.Matrix = [[1, 2], [3, 4]]
    assert seqs.MatrixAt(1, 0) == 3.0
    assert row == [1.0, 2.0]
    with pytest.raises(ValueError) as e:
        seqs.Matrix = [[1, 2]]
    assert str(e.value) == "variable seqs.Matrix must have 2 elements (Go [2][2]float64), not 1"


# Growing: append, extend and += as Go's append ---------------------------

def test_append_extend_and_iadd_on_a_result(seqs):
    r = seqs.Range(2)
    r.append(5)
    assert r == [0, 1, 5] and seqs.SumInts(r) == 6
    r.extend([7, True])
    r.extend(x for x in (8, 9))
    r.extend(range(2))
    assert r == [0, 1, 5, 7, 1, 8, 9, 0, 1]
    before = r
    r += (3,)
    assert r is before and r[-1] == 3 and len(r) == 10
    r.extend([])
    r.extend(r[0:2])  # a view of the same type: Go gets it as it is
    assert r[-2:] == [0, 1]
    r.extend(r)  # Go's append(s, s...)
    assert len(r) == 24 and r[12:] == r[:12]
    assert r.append(1) is None and r.extend([]) is None
    f = seqs.Floats(1)
    f.append(2)
    f += [True, 3.5]
    assert f == [0.5, 2.0, 1.0, 3.5] and type(f[1]) is float
    assert seqs.Sum(f) == 7.0
    c = seqs.Complex128s()
    c.append(1.5)
    assert c == [1, 2, 3j, 1.5]
    b = seqs.Flip([True])
    b.extend([True, False])
    assert b == [False, True, False]
    i8 = seqs.Int8s()
    i8.append(-128)
    assert seqs.SumInt8(i8) == 6 - 128
    n = seqs.Names()
    n.append("x")
    n += ("y",)
    assert seqs.Join(n, ",") == "ann,bob,,zoë,x,y"


def test_appending_to_a_nil_slice(seqs):
    r = seqs.Nil()
    r.extend([])
    assert r == []
    r.append(4)
    assert r == [4] and seqs.SumInts(r) == 4


def test_growth_converts_everything_first_and_leaves_the_view_unchanged_on_error(seqs):
    r = seqs.Range(2)
    with pytest.raises(TypeError) as e:
        r.append("x")
    assert str(e.value) == "[]int element must be int (Go int), not str"
    with pytest.raises(TypeError) as e:
        r.extend([1, "b"])
    assert str(e.value) == "[]int element[1] must be int (Go int), not str"
    with pytest.raises(TypeError) as e:
        r += [3, 4.5]
    assert str(e.value) == "[]int element[1] must be int (Go int), not float"
    with pytest.raises(OverflowError) as e:
        r.extend([1, 2**63])
    assert str(e.value) == "[]int element[1] out of range for Go int: 9223372036854775808"
    i8 = seqs.Int8s()
    with pytest.raises(OverflowError) as e:
        i8.append(128)
    assert str(e.value) == "[]int8 element out of range for Go int8: 128"
    assert i8 == [1, 2, 3]
    for bad in (5, None, "ab", 1.5):
        with pytest.raises(TypeError) as e:
            r.extend(bad)
        assert str(e.value) == "can only extend []int with an iterable, not %s" % (
            "None" if bad is None else type(bad).__name__)
    with pytest.raises(TypeError):
        r += 5

    def failing():
        yield 1
        raise KeyError("mid-way")
    with pytest.raises(KeyError):
        r.extend(failing())
    with pytest.raises(TypeError):
        r.append()
    assert r == [0, 1] and len(r) == 2 and seqs.SumInts(r) == 1
    ps = seqs.Points(1)
    with pytest.raises(TypeError) as e:
        ps.extend([seqs.Point(1, 1), (1, 2)])
    assert str(e.value) == "[]seqs.Point element[1] must be seqs.Point, not tuple"
    g = seqs.Grid(1)
    with pytest.raises(TypeError) as e:
        g.append([1, "x"])
    assert str(e.value) == "[][]int element[1] must be int (Go int), not str"
    assert len(ps) == 1 and g == [[0]]


def test_append_to_a_struct_field_is_stored_in_the_field(seqs):
    b = seqs.NewBag()
    items = b.Items
    b.Items.append(4)
    assert b.ItemSum() == 10 and b.Items == [1, 2, 3, 4]
    assert items == [1, 2, 3, 4]  # the view reads the field
    items.extend([5, 6])
    assert b.ItemSum() == 21
    b.Items += [7]  # extends, then assigns the field its own value
    assert b.Items == [1, 2, 3, 4, 5, 6, 7] and b.ItemSum() == 28
    b.Grow(8)  # and Go's own appends are seen
    assert items[-1] == 8
    assert not hasattr(b.Fixed, "append")


def test_append_to_a_package_variable_is_stored_in_the_variable(seqs, saved_vars):
    seqs.Items = [1]
    seqs.Items.append(2)
    assert seqs.ItemsSum() == 3
    items = seqs.Items
    items.extend(range(3, 5))
    assert seqs.ItemsSum() == 10 and seqs.Items == [1, 2, 3, 4]
    seqs.Items += [5]
    assert seqs.ItemsSum() == 15
    seqs.IntSlice.append(3)
    assert seqs.IntSlice == [1, 2, 3]


def test_append_to_an_element_that_is_a_slice_is_stored_in_the_element(seqs):
    g = seqs.Grid(2)
    g[0].append(100)
    row = g[1]
    row += [200, 300]
    assert g == [[0, 1, 100], [10, 11, 200, 300]]
    assert seqs.Total(g) == 1 + 100 + 21 + 500
    g.append([1, 2])
    g.append(g[0])  # shares the row's elements, as in Go
    assert seqs.Total(g) == 1 + 100 + 21 + 500 + 3 + 101
    assert g[3] == [0, 1, 100]


def test_append_to_a_pointer_to_a_slice(named):
    p = named.NewInts(1, 2)
    p.append(3)
    named.GrowInts(p, 1)  # Go sees the new length through the pointer
    assert list(p) == [1, 2, 3, 0]
    s = named.Shelf()
    s.Items = p
    s.Items.extend([7])
    assert list(p) == [1, 2, 3, 0, 7]
    p.Push(8)
    assert list(s.Items) == [1, 2, 3, 0, 7, 8]


def test_append_to_a_named_slice_type(seqs):
    v = seqs.Vector([3])
    v.append(4)
    assert v.Norm() == 5.0  # Go sees the new element through the method
    v2 = v
    v += seqs.Floats(1)  # a view of []float64: Go's Vector(x) shares it
    assert v is v2 and type(v) is seqs.Vector
    v.extend(seqs.Vector([1.5]))
    v.Push(2)
    assert v == [3.0, 4.0, 0.5, 1.5, 2.0]
    assert seqs.Dot(v, [1, 1, 1, 1, 1]) == 11.0
    with pytest.raises(TypeError) as e:
        v.append("x")
    assert str(e.value) == "seqs.Vector element must be float (Go float64), not str"


def test_appended_structs_are_copies_and_their_elements_alias(seqs):
    ps = seqs.Points(2)
    q = seqs.Point(5, 6)
    ps.append(q)
    q.X = 50
    assert ps[2].X == 5 and seqs.SumX(ps) == 0 + 1 + 5
    ps[2].X = 7
    assert seqs.SumX(ps) == 8
    ps.extend([seqs.Point(1, 1)] * 2)
    assert len(ps) == 5 and seqs.SumX(ps) == 10
    pt = seqs.Ptrs()
    pt.append(q)  # the element is the pointer: it sees the change
    q.X = 51
    assert pt[2].X == 51
    pt.append(None)
    assert pt[3] is None


def test_append_to_a_slice_of_any(seqs):
    a = seqs.Anys()
    a.append(3.5)
    a.extend([None, "x", [1]])
    a += (seqs.Point(1, 2),)
    assert seqs.Types(a) == "int string float64 <nil> string []interface {} *seqs.Point"
    assert a[:5] == [1, "two", 3.5, None, "x"]


def test_growth_within_the_capacity_shares_the_array_as_in_go(seqs):
    r = seqs.WithRoom(2, 4)
    w = r[:]  # another header over the same array
    r.append(7)
    assert seqs.Cap(r) == 4 and r == [0, 1, 7]
    assert w == [0, 1]  # its own length
    w.append(8)  # writes the shared array's third element, as in Go
    assert r == [0, 1, 8]
    r.extend([1, 2])  # beyond the capacity: Go allocates a new array
    assert seqs.Cap(r) >= 5 and r == [0, 1, 8, 1, 2]
    r[0] = 100
    assert w == [0, 1, 8][:len(w)] and w[0] == 0
    s = seqs.Range(3)
    head = s[0:1]
    head.append(9)  # a result's subslice: its own header, the same array
    assert s == [0, 9, 2] and len(head) == 2


def test_arrays_and_maps_do_not_grow(seqs):
    t = seqs.Triple()
    for o in (t, seqs.Counts(["a"]), seqs.Matrix):
        assert not hasattr(o, "append") and not hasattr(o, "extend")
    with pytest.raises(AttributeError):
        t.append(1)
    with pytest.raises(TypeError):
        t += [1]
    assert seqs.Triple() == [1, 2, 3]
    assert type(seqs.Upper(b"a")) is bytes


@needs_buffer_export
def test_a_live_buffer_export_refuses_growth_as_bytearray_does(seqs):
    f = seqs.Floats(2)
    m = memoryview(f)
    for grow in (lambda: f.append(1), lambda: f.extend([1]), lambda: f.extend(seqs.Floats(1))):
        with pytest.raises(BufferError) as e:
            grow()
        assert str(e.value) == "Existing exports of data: object cannot be re-sized"
    with pytest.raises(BufferError):
        f += [1]
    g = seqs.Floats(1)
    with pytest.raises(BufferError):
        g.extend(memoryview(g))  # as bytearray's b.extend(memoryview(b))
    assert f == [0.5, 1.5] and m.tolist() == [0.5, 1.5] and g == [0.5]
    with pytest.raises(TypeError):
        f.append("x")  # a bad value is reported as such
    other = f[:]  # another view: its own exports only
    other.append(9)
    assert f == [0.5, 1.5]
    m.release()
    f.append(3)
    assert f == [0.5, 1.5, 3.0]
    with memoryview(f) as m2:
        assert m2.tolist() == [0.5, 1.5, 3.0]
    f.append(4)
    e = seqs.Nil()  # an empty export counts too
    m3 = memoryview(e)
    with pytest.raises(BufferError):
        e.append(1)
    m3.release()
    e.append(1)
    assert e == [1]


@pytest.mark.xfail(IS_PYPY and not IS_CFFI, reason="on PyPy 7.3.11 numpy's base memoryview over a gopy "
                   "view is never released, so the view never grows again")
def test_a_live_numpy_array_refuses_growth(seqs):
    np = pytest.importorskip("numpy")
    f = seqs.Floats(2)
    a = np.asarray(f)
    with pytest.raises(BufferError):
        f.append(1)
    a2 = a[1:]
    del a
    with pytest.raises(BufferError):
        f.extend([1])
    del a2
    f.append(2)
    f.extend(np.asarray(seqs.Floats(2)))  # another view's memory, copied by Go
    f.extend(np.arange(2.0)[::-1])
    assert f == [0.5, 1.5, 2.0, 0.5, 1.5, 1.0, 0.0]


def test_growth_from_buffers(seqs):
    import array
    r = seqs.Range(1)
    r.extend(array.array("q", [5, 6]))
    r.extend(array.array("i", [7]))  # another item type: converted one by one
    r.extend(bytearray(b"\x01"))
    assert r == [0, 5, 6, 7, 1]


def test_growth_does_not_leak_handles(seqs, saved_vars):
    start = live(seqs)
    for _ in range(200):
        r = seqs.Range(2)
        r.append(1)
        r.extend([2, 3])
        r += r
        ps = seqs.Points(1)
        ps.append(seqs.Point(1, 1))
        ps.extend(ps)
        g = seqs.Grid(1)
        g.append([1])
        g[0].append(2)
        with pytest.raises(TypeError):
            ps.append(1)
        with pytest.raises(TypeError):
            g.extend([[1], ["x"]])
        seqs.Items.append(1)
        a = seqs.Anys()
        a.append(seqs.Point(1, 2))
        with pytest.raises(TypeError):
            a.append(object())
    del r, ps, g, a
    seqs.Items = [1]
    assert live(seqs) == start


# Build log and stub ------------------------------------------------------

def test_unsupported_element_types_are_skipped(seqs):
    _, log = build_output("seqs")
    assert re.search(r"^skipped: seqs\.Chans \(seqs\.go:\d+\): result 1: element type chan int: "
                     r"channel type chan int is not supported yet$", log, re.M), log
    assert re.search(r"^skipped: seqs\.Tree \(seqs\.go:\d+\): element type seqs\.Tree: "
                     r"recursive slice, array and map types are not supported yet$", log, re.M), log
    assert not hasattr(seqs, "Chans") and not hasattr(seqs, "Tree")


def test_stub_types(seqs):
    pyi = read_stub(seqs)
    compile(pyi, "seqs.pyi", "exec")
    assert "from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence" in pyi
    for line in (
        "def Range(n: int) -> Sequence[int]:",
        "def Sum(xs: Iterable[float] | None) -> float:",
        "def SumInts(xs: Iterable[int] | None) -> int:",
        "def Names() -> Sequence[str]:",
        "def Points(n: int) -> Sequence[Point]:",
        "def Ptrs() -> Sequence[Point | None]:",
        "def Grid(n: int) -> Sequence[Sequence[int]]:",
        "def Total(g: Iterable[Iterable[int] | None] | None) -> int:",
        "def Triple() -> Sequence[int]:",
        "def SumTriple(a: Iterable[int]) -> int:",
        "def Temps() -> Sequence[Celsius]:",
        "def Mean(*ts: float) -> Celsius:",
        "def Complex128s() -> Sequence[complex]:",
        "def Flip(bs: Iterable[bool] | None) -> Sequence[bool]:",
        "def Upper(b: bytes | bytearray | memoryview | None) -> bytes:",
        "class Vector(Sequence[float]):",
        "def Dot(a: Vector | Iterable[float] | None, b: Vector | Iterable[float] | None) -> float:",
        "def Unit(self) -> Vector:",
        "def Push(self, x: float) -> None:",
        "    @overload\n    def __getitem__(self, index: slice, /) -> Vector: ...\n",
        "    def append(self, value: float, /) -> None: ...\n\n"
        "    def extend(self, values: Iterable[float], /) -> None: ...\n\n"
        "    def __iadd__(self, values: Iterable[float], /) -> Vector: ...\n",
        "    Items: Sequence[int]\n    Tags: MutableMapping[str, str]\n"
        "    Fixed: Sequence[float]\n    Data: bytes\n",
        "\nItems: Sequence[int]\n",
        "\nMatrix: Sequence[Sequence[float]]\n",
    ):
        assert line in pyi, line
    assert "Chans" not in pyi and "Tree" not in pyi


# Lifetime ----------------------------------------------------------------

@needs_buffer_export
def test_views_and_what_they_make_release_their_handles_in_any_order(seqs):
    start = live(seqs)
    names = ["view", "slice", "subslice", "mv", "mvslice"]
    for order in itertools.permutations(names):
        v = seqs.Floats(6)
        objs = {"view": v, "slice": v[1:5]}
        objs["subslice"] = objs["slice"][1:2]
        objs["mv"] = memoryview(v)
        objs["mvslice"] = memoryview(objs["slice"])[1:]
        del v
        for name in order:
            del objs[name]
            gc.collect()
        assert live(seqs) == start, order


def test_element_views_release_their_handles_in_any_order(seqs):
    start = live(seqs)
    for order in itertools.permutations(range(4)):
        ps = seqs.Points(3)
        g = seqs.Grid(2)
        objs = [ps, ps[1], g, g[1]]
        del ps, g
        for i in order:
            objs[i] = None
            gc.collect()
        assert live(seqs) == start, order
    b = seqs.NewBag()
    objs = [b, b.Items, b.Fixed, b.Tags, seqs.Items, seqs.Matrix[0], iter(seqs.Range(2))]
    del b
    assert live(seqs) > start
    del objs
    assert live(seqs) == start


@pytest.mark.xfail(IS_PYPY, reason="on PyPy 7.3.11 numpy's base memoryview over a gopy view is "
                   "never released, so the export's pin stays (a leak of the pinned Go memory)")
def test_numpy_arrays_over_views_release_their_handles_in_any_order(seqs):
    np = pytest.importorskip("numpy")
    start = live(seqs)
    for order in itertools.permutations(range(4)):
        v = seqs.Range(5)
        s = v[1:4]
        objs = [v, s, np.asarray(v), np.asarray(s)[1:]]
        del v, s
        for i in order:
            objs[i] = None
            gc.collect()
        assert live(seqs) == start, order


def test_failures_do_not_leak_handles(seqs):
    start = live(seqs)
    r = seqs.Range(3)
    for _ in range(1000):
        with pytest.raises(TypeError):
            seqs.SumInts([1, "a"])
        with pytest.raises(TypeError):
            seqs.Total([[1], ["x"]])
        with pytest.raises(ValueError):
            seqs.SumTriple([1])
        with pytest.raises(IndexError):
            r[5]
        with pytest.raises(TypeError):
            r[0] = "x"
        with pytest.raises(seqs.GoPanic):
            seqs.PanicIdx(r)
        with pytest.raises(seqs.GoError):
            seqs.Vector().Unit()
        with pytest.raises(TypeError):
            seqs.Vector(["x"])
    del r
    assert live(seqs) == start


def _churn(seqs, n):
    for i in range(n):
        r = seqs.Range(10)
        del r


# PyPy frees objects with a finalizer (a cffi view's) only in a major
# collection, so its heap keeps growing well past any warm-up this test can
# afford; the handles are still checked to come back.
@pytest.mark.xfail(IS_PYPY and IS_CFFI, strict=False,
                   reason="PyPy's heap grows with finalizer objects until a major collection")
def test_many_views_keep_memory_flat(seqs):
    assert_churn_leaves_no_trace(seqs, _churn, 20_000, 100_000, 4 * 1024, "views")


def test_threads_share_a_view(seqs):
    start = live(seqs)
    shared = seqs.Range(1000)
    errors = []
    barrier = threading.Barrier(8)

    def worker(t):
        try:
            barrier.wait()
            for k in range(300):
                if t % 2:  # writers: every element stays i (mod 1000)
                    i = (t * 131 + k * 7) % 1000
                    shared[i] = i + 1000 * k
                    shared[i:i + 1] = [i + 1000 * (k + 1)]
                else:  # readers
                    i = (t * 17 + k) % 1000
                    assert shared[i] % 1000 == i
                    assert len(shared) == 1000
                    assert shared[i:i + 3][0] % 1000 == i
                    if k % 50 == 0:
                        assert [x % 1000 for x in shared] == list(range(1000))
                        assert seqs.SumInts(shared) % 1000 == 500
                own = seqs.Range(50)
                seqs.ScaleInPlace(seqs.Floats(3), 2)
                assert seqs.SumInts(own) == 1225
        except BaseException as e:  # reported below
            errors.append((t, repr(e)))

    run_threads(worker)
    assert not errors, errors
    shared = None
    assert live(seqs) == start
