"""The buffer protocol: views export Go's memory; buffers cross as arguments."""
import array
import gc

import pytest

from conftest import live, needs_buffer_export, run_gopy



def churn(seqs):
    """Frees and reuses as much memory as it can, in Python and in Go."""
    gc.collect()
    junk = [bytearray(b"\x5a" * 64) for _ in range(20_000)]
    views = [seqs.Range(3) for _ in range(1000)]
    del junk, views
    gc.collect()
    seqs.Garbage(1_000_000)  # Go's collector runs and reuses freed memory


# Exports -----------------------------------------------------------------

@needs_buffer_export
def test_memoryview_shares_memory_and_is_writable(seqs):
    f = seqs.Floats(3)
    m = memoryview(f)
    assert not m.readonly
    assert m.ndim == 1 and m.shape == (3,) and m.strides == (8,)
    assert m.c_contiguous and m.contiguous
    assert m.tolist() == [0.5, 1.5, 2.5]
    m[0] = 10.0
    assert f[0] == 10.0
    assert seqs.Sum(f) == 14.0
    f[1] = -1.0
    assert m[1] == -1.0
    m.release()


@needs_buffer_export
def test_memoryview_of_a_subslice_shares_memory(seqs):
    r = seqs.Range(5)
    m = memoryview(r[1:4])
    assert m.tolist() == [1, 2, 3]
    m[0] = 100
    assert r[1] == 100
    t = seqs.Triple()
    mt = memoryview(t)[1:3]  # arrays slice to lists; their memoryviews share
    mt[0] = 20
    assert t == [1, 20, 3]


@needs_buffer_export
@pytest.mark.parametrize("fn, fmt, itemsize, dtype", [
    ("Int8s", "b", 1, "int8"),
    ("Int16s", "h", 2, "int16"),
    ("Int32s", "i", 4, "int32"),
    ("Int64s", "q", 8, "int64"),
    ("Uints", "N", 8, "uint64"),
    ("Uint16s", "H", 2, "uint16"),
    ("Uint32s", "I", 4, "uint32"),
    ("Uint64s", "Q", 8, "uint64"),
    ("Uintptrs", "N", 8, "uint64"),
    ("Float32s", "f", 4, "float32"),
    ("Complex64s", "Zf", 8, "complex64"),
    ("Complex128s", "Zd", 16, "complex128"),
    ("Bytes16", "B", 1, "uint8"),
    ("Triple", "n", 8, "int64"),
])
def test_format_and_itemsize_of_each_kind(seqs, fn, fmt, itemsize, dtype):
    v = getattr(seqs, fn)()
    m = memoryview(v)
    assert (m.format, m.itemsize, m.shape) == (fmt, itemsize, (len(v),))
    assert m.nbytes == itemsize * len(v)
    assert not m.readonly


@needs_buffer_export
def test_format_of_int_float_and_bool(seqs):
    m = memoryview(seqs.Range(3))
    assert (m.format, m.itemsize) == ("n", 8)
    assert m.tolist() == [0, 1, 2]
    m = memoryview(seqs.Floats(2))
    assert (m.format, m.itemsize) == ("d", 8)
    m = memoryview(seqs.Flip([True, False]))
    assert (m.format, m.itemsize) == ("?", 1)
    assert m.tolist() == [False, True]
    m = memoryview(seqs.Vector([1, 2]))
    assert (m.format, m.itemsize) == ("d", 8)
    m = memoryview(seqs.Temps())  # named elements of a flat kind
    assert (m.format, m.itemsize) == ("d", 8)
    assert m.tolist() == [-40.0, 100.0]


@needs_buffer_export
def test_memoryview_writes_of_each_kind_reach_go(seqs):
    i8 = seqs.Int8s()
    m = memoryview(i8)
    m[0] = -5
    assert i8[0] == -5 and seqs.SumInt8(i8) == 0
    b = seqs.Flip([True, True])
    memoryview(b)[1] = True
    assert b == [False, True]
    a = seqs.Bytes16()
    memoryview(a)[15] = 255
    assert a[15] == 255


@needs_buffer_export
def test_empty_and_nil_views_export_empty_buffers(seqs):
    m = memoryview(seqs.Nil())
    assert m.shape == (0,) and m.tolist() == [] and m.format == "n"
    assert memoryview(seqs.Vector()).nbytes == 0


@needs_buffer_export
def test_views_without_plain_memory_have_no_buffer(seqs):
    for v, gotype, elem in (
        (seqs.Names(), "[]string", "string"),
        (seqs.Points(2), "[]seqs.Point", "seqs.Point"),
        (seqs.Ptrs(), "[]*seqs.Point", "*seqs.Point"),
        (seqs.Grid(2), "[][]int", "[]int"),
    ):
        with pytest.raises(BufferError) as e:
            memoryview(v)
        assert str(e.value) == (f"{gotype} has no buffer: "
                                f"its elements (Go {elem}) are not plain memory")
    with pytest.raises(TypeError):
        memoryview(seqs.Counts(["a"]))


def test_numpy_dtype_of_each_kind(seqs):
    np = pytest.importorskip("numpy")
    for fn, dtype in (("Int8s", np.int8), ("Int16s", np.int16), ("Int32s", np.int32),
                      ("Int64s", np.int64), ("Uints", np.uint64), ("Uint16s", np.uint16),
                      ("Uint32s", np.uint32), ("Uint64s", np.uint64), ("Uintptrs", np.uint64),
                      ("Float32s", np.float32), ("Complex64s", np.complex64),
                      ("Complex128s", np.complex128), ("Bytes16", np.uint8),
                      ("Triple", np.int64)):
        a = np.asarray(getattr(seqs, fn)())
        assert a.dtype == dtype, fn
        assert a.ndim == 1 and a.flags.writeable, fn
    assert np.asarray(seqs.Range(3)).dtype == np.int64
    assert np.asarray(seqs.Floats(2)).dtype == np.float64
    assert np.asarray(seqs.Flip([True])).dtype == np.bool_
    assert np.asarray(seqs.Complex128s()).tolist() == [1, 2, 3j]
    assert np.asarray(seqs.Complex64s()).tolist() == [1, 2, 3j]


def test_numpy_array_shares_memory(seqs):
    np = pytest.importorskip("numpy")
    f = seqs.Floats(3)
    a = np.asarray(f)
    assert a.tolist() == [0.5, 1.5, 2.5]
    a[0] = 10.0
    assert f[0] == 10.0 and seqs.Sum(f) == 14.0
    a *= 2
    assert f == [20.0, 3.0, 5.0]
    seqs.ScaleInPlace(f, 0.5)
    assert a.tolist() == [10.0, 1.5, 2.5]
    c = seqs.Complex128s()
    np.asarray(c)[0] = 1 + 1j
    assert c[0] == 1 + 1j
    b = seqs.Flip([False, False])
    np.asarray(b)[0] = False
    assert b == [False, True]
    r = seqs.Range(4)
    np.asarray(r[2:])[:] = 7
    assert r == [0, 1, 7, 7]


@needs_buffer_export
def test_exported_memory_outlives_the_view(seqs):
    m = memoryview(seqs.Range(4))
    part = memoryview(seqs.Range(6)[2:5])
    churn(seqs)
    assert m.tolist() == [0, 1, 2, 3]
    assert part.tolist() == [2, 3, 4]
    m[0] = 9
    churn(seqs)
    assert m.tolist() == [9, 1, 2, 3]


def test_exported_numpy_memory_outlives_the_view(seqs):
    np = pytest.importorskip("numpy")
    a = np.asarray(seqs.Floats(3))
    churn(seqs)
    assert a.tolist() == [0.5, 1.5, 2.5]
    a[1] = 9.0
    churn(seqs)
    assert a.tolist() == [0.5, 9.0, 2.5]


@needs_buffer_export
def test_exported_memory_survives_go_reassigning_the_field(seqs):
    b = seqs.NewBag()
    items = b.Items
    m = memoryview(items)
    for i in range(100):  # reallocates b.Items several times
        b.Grow(i)
    del items
    churn(seqs)
    assert m.tolist() == [1, 2, 3]
    m[0] = 50  # the old array: no longer Go's b.Items
    assert b.Items[0] == 1 and len(b.Items) == 103
    assert b.ItemSum() == 6 + sum(range(100))
    m.release()


def test_exported_numpy_memory_survives_go_reassigning_the_field(seqs):
    np = pytest.importorskip("numpy")
    b = seqs.NewBag()
    a = np.asarray(b.Items)
    for i in range(100):
        b.Grow(i)
    churn(seqs)
    assert a.tolist() == [1, 2, 3]
    b.Items = [4]
    churn(seqs)
    assert a.tolist() == [1, 2, 3]


@needs_buffer_export
def test_exported_memory_survives_assigning_the_variable(seqs):
    saved = list(seqs.Items)
    try:
        seqs.Items = [1, 2, 3]
        m = memoryview(seqs.Items)
        seqs.Items = [4]
        churn(seqs)
        assert m.tolist() == [1, 2, 3]
        assert seqs.ItemsSum() == 4
    finally:
        seqs.Items = saved


@needs_buffer_export
def test_exports_hold_handles_until_released(seqs):
    start = live(seqs)
    v = seqs.Floats(2)
    m = memoryview(v)
    assert live(seqs) > start
    m.release()
    del v
    assert live(seqs) == start
    with memoryview(seqs.Range(2)) as m2:
        assert m2[1] == 1
    del m2
    assert live(seqs) == start


# Arguments ---------------------------------------------------------------

@needs_buffer_export
def test_matching_buffers_are_accepted(seqs):
    assert seqs.Sum(array.array("d", [1, 2, 3.5])) == 6.5
    assert seqs.Sum(memoryview(array.array("d", [1, 2]))) == 3.0
    assert seqs.SumInts(array.array("q", [1, 2])) == 3
    assert seqs.SumInt8(array.array("b", [-1, 5])) == 4
    assert seqs.Sum(memoryview(seqs.Floats(2))) == 2.0


# Lending: Go works on the caller's buffer when the call keeps no reference
# to the slice (Go's escape analysis says so), and on a copy otherwise.

def test_a_writable_buffer_is_lent_to_a_call_that_does_not_keep_it(seqs):
    a = array.array("d", [1, 2])
    seqs.ScaleInPlace(a, 10)
    assert a.tolist() == [10.0, 20.0]
    m = memoryview(array.array("d", [1, 2, 3]))
    seqs.ScaleInPlace(m[1:], 2)
    assert m.tolist() == [1.0, 4.0, 6.0]


def test_a_numpy_array_is_lent_without_a_copy(seqs):
    np = pytest.importorskip("numpy")
    a = np.arange(5.0)
    seqs.ScaleInPlace(a, 2)
    assert a.tolist() == [0.0, 2.0, 4.0, 6.0, 8.0]
    seqs.ScaleInPlace(a[1:3], -1)
    assert a.tolist() == [0.0, -2.0, -4.0, 6.0, 8.0]
    assert seqs.Sum(a) == 8.0


def test_a_bytearray_is_lent_and_bytes_are_copied(seqs):
    ba = bytearray(b"abc")
    seqs.UpperInPlace(ba)
    assert ba == b"ABC"
    b = b"xyz"
    seqs.UpperInPlace(b)  # bytes are read-only: Go writes to a copy
    assert b == b"xyz"
    c = b"abc"
    seqs.UpperInPlace(memoryview(c))  # a read-only view of bytes: also copied
    assert c == b"abc"
    seqs.UpperInPlace(bytearray())
    assert seqs.ByteLen(bytearray(3)) == 3


def test_read_only_buffers_are_copied(seqs):
    m = memoryview(array.array("d", [1, 2])).toreadonly()
    seqs.ScaleInPlace(m, 10)
    assert m.tolist() == [1.0, 2.0]
    np = pytest.importorskip("numpy")
    a = np.arange(3.0)
    a.flags.writeable = False
    seqs.ScaleInPlace(a, 10)
    assert a.tolist() == [0.0, 1.0, 2.0]


def test_a_list_argument_is_unchanged(seqs):
    xs = [1.0, 2.0]
    seqs.ScaleInPlace(xs, 10)  # Go scales the elements C converted
    assert xs == [1.0, 2.0]


def test_a_call_that_stores_the_slice_gets_a_copy(seqs):
    np = pytest.importorskip("numpy")
    a = np.array([1.0, 2.0, 3.0])
    seqs.Keep(a)
    a[0] = 99.0
    assert seqs.Kept() == [1.0, 2.0, 3.0]
    del a
    gc.collect()
    seqs.Garbage(100_000)
    assert seqs.Kept() == [1.0, 2.0, 3.0]
    b = array.array("d", [4, 5])
    seqs.Keep(b)
    b[0] = -1
    assert seqs.Kept() == [4.0, 5.0]


def test_a_call_that_returns_the_slice_gets_a_copy(seqs):
    np = pytest.importorskip("numpy")
    a = np.array([1.0, 2.0, 3.0])
    t = seqs.Tail(a)
    a[1] = 99.0
    assert t == [2.0, 3.0]
    del a
    gc.collect()
    assert t == [2.0, 3.0]
    t[0] = 7.0
    assert list(t) == [7.0, 3.0]


def test_a_method_that_keeps_the_slice_in_its_receiver_gets_a_copy(seqs):
    a = array.array("d", [1, 2])
    h = seqs.Holder()
    h.Hold(a)
    a[0] = 99
    del a
    gc.collect()
    assert h.Held() == [1.0, 2.0]


def test_goroutines_capturing_the_slice_count_as_keeping_it(seqs):
    a = array.array("d", [1, 2, 3, 4])
    seqs.ScaleConcurrently(a, 10)  # Go scales its copy
    assert a.tolist() == [1.0, 2.0, 3.0, 4.0]
    v = seqs.Floats(4)
    seqs.ScaleConcurrently(v, 10)  # a view is Go's own slice: always shared
    assert v == [5.0, 15.0, 25.0, 35.0]


def test_the_glue_lends_only_what_escape_analysis_clears(tmp_path):
    r = run_gopy("gen", "-output", str(tmp_path / "gen"), "./seqs")
    assert r.returncode == 0, r.stderr
    glue = (tmp_path / "gen" / "glue.go").read_text()
    assert "seqs.ScaleInPlace(gopyLend(p0, gopyIn_slice_float64), p1)" in glue
    assert "seqs.UpperInPlace(gopyLend(p0, gopyBytes))" in glue
    assert "seqs.Keep(gopyIn_slice_float64(p0))" in glue
    assert "seqs.Tail(gopyIn_slice_float64(p0))" in glue
    assert "seqs.ScaleConcurrently(gopyIn_slice_float64(p0), p1)" in glue
    assert ".Hold(gopyIn_slice_float64(p0))" in glue
    assert not (tmp_path / "gen" / "gopy_escape").exists()


def test_numpy_arrays_as_arguments(seqs):
    np = pytest.importorskip("numpy")
    assert seqs.Sum(np.array([1.0, 2.0, 3.5])) == 6.5
    assert seqs.SumInts(np.array([1, 2], dtype=np.int64)) == 3
    assert seqs.Sum(np.zeros(0)) == 0.0
    assert seqs.SumComplex(np.array([1 + 1j, 2])) == 3 + 1j
    assert seqs.Flip(np.array([True, False])) == [False, True]
    assert seqs.SumTriple(np.array([1, 2, 3])) == 6
    with pytest.raises(ValueError) as e:
        seqs.SumTriple(np.array([1, 2]))
    assert str(e.value) == "SumTriple() argument 'a' must have 3 elements (Go [3]int), not 2"


def test_buffers_of_another_item_type_convert_element_by_element(seqs):
    np = pytest.importorskip("numpy")
    assert seqs.Sum(np.array([1, 2, 3], dtype=np.int32)) == 6.0
    assert seqs.Sum(np.array([1.5, 2], dtype=np.float32)) == 3.5
    assert seqs.Sum(np.array([1.5, 2], dtype=">f8")) == 3.5  # big-endian
    assert seqs.SumInts(np.array([1, 2], dtype=">i8")) == 3
    assert seqs.Len(np.array([1, 2, 3], dtype=np.int64)) == 3
    assert seqs.SumInts(array.array("i", [1, 2])) == 3
    with pytest.raises(OverflowError) as e:
        seqs.SumInts(np.array([2**64 - 1], dtype=np.uint64))
    assert str(e.value) == ("SumInts() argument 'xs'[0] out of range for Go int: "
                            "18446744073709551615")
    with pytest.raises(OverflowError) as e:
        seqs.SumInt8(np.array([1, 200], dtype=np.uint8))
    assert str(e.value) == "SumInt8() argument 'xs'[1] out of range for Go int8: 200"
    with pytest.raises(OverflowError):
        seqs.Len(np.array([2**40], dtype=np.int64))
    with pytest.raises(TypeError) as e:
        seqs.SumInts(np.array([1.5, 2.5]))
    assert str(e.value) == "SumInts() argument 'xs'[0] must be int (Go int), not numpy.float64"
    with pytest.raises(TypeError) as e:
        seqs.Flip(np.array([1, 0], dtype=np.uint8))
    assert str(e.value) == "Flip() argument 'bs'[0] must be bool (Go bool), not numpy.uint8"


def test_non_contiguous_arrays_convert(seqs):
    np = pytest.importorskip("numpy")
    a = np.arange(10.0)
    assert seqs.Sum(a[::2]) == 0 + 2 + 4 + 6 + 8
    assert seqs.Sum(a[::-1]) == 45.0
    assert seqs.Sum(a.reshape(2, 5).T[1]) == 1 + 6
    assert seqs.SumInts(np.arange(10)[1::3]) == 1 + 4 + 7
    assert seqs.Sum(memoryview(array.array("d", [1, 2, 3, 4]))[::2]) == 4.0


def test_two_dimensional_arrays_are_rejected(seqs):
    np = pytest.importorskip("numpy")
    with pytest.raises(TypeError):
        seqs.Sum(np.ones((2, 2)))
    with pytest.raises(TypeError) as e:
        seqs.SumInts(np.ones((2, 2), dtype=np.int64))
    assert str(e.value) == "SumInts() argument 'xs'[0] must be int (Go int), not numpy.ndarray"
    with pytest.raises(TypeError):
        seqs.Sum(np.float64(3.0))


# []byte ------------------------------------------------------------------

def test_byte_slices_accept_any_byte_buffer(seqs):
    np = pytest.importorskip("numpy")
    for b in (b"abc", bytearray(b"abc"), memoryview(b"abc"), array.array("B", b"abc"),
              np.frombuffer(b"abc", dtype=np.uint8)):
        r = seqs.Upper(b)
        assert r == b"ABC" and type(r) is bytes, type(b)
    assert seqs.ByteLen(b"") == 0
    assert seqs.ByteLen(bytearray(5)) == 5
    assert seqs.Upper(b=b"x") == b"X"


def test_byte_slices_without_numpy(seqs):
    for b in (b"abc", bytearray(b"abc"), memoryview(b"xabcx")[1:4], array.array("B", b"abc")):
        assert seqs.Upper(b) == b"ABC", type(b)
    assert seqs.Upper(b"z\x00") == b"Z\x00"
    assert seqs.ByteLen(b"z\x00\xff") == 3


def test_byte_slice_results_are_bytes(seqs):
    r = seqs.Upper(b"hi")
    assert type(r) is bytes and r == b"HI"
    assert seqs.Upper(b"") == b""


def test_byte_slice_argument_is_a_copy(seqs):
    ba = bytearray(b"abc")
    seqs.Upper(ba)
    assert ba == b"abc"


def test_byte_slices_reject_other_types(seqs):
    for value, name in (("abc", "str"), ([97], "list"), (97, "int")):
        with pytest.raises(TypeError) as e:
            seqs.Upper(value)
        assert str(e.value) == ("Upper() argument 'b' must be a bytes-like object "
                                f"(Go []byte), not {name}")


def test_non_contiguous_byte_buffers_are_copied_in_logical_order(seqs):
    # Go gets the bytes as bytes(o) has them (C order), whatever the layout.
    assert seqs.Upper(memoryview(b"abcdef")[::2]) == b"ACE"
    assert seqs.Upper(memoryview(b"abcdef")[::-1]) == b"FEDCBA"
    np = pytest.importorskip("numpy")
    a = np.frombuffer(b"abcdef", dtype=np.uint8).reshape(2, 3)
    assert seqs.Upper(np.asfortranarray(a)) == b"ABCDEF"
    assert seqs.Upper(a.T) == b"ADBECF"
    f = np.asfortranarray(np.frombuffer(b"abcdef", dtype=np.uint8).reshape(2, 3).copy())
    seqs.Upper(f)  # Go's writes, if any, reach a copy
    assert f.tobytes() == b"abcdef"
