# The cffi runtime's interface values (runtime/cffi/gopy_cffi_dyn.py) without
# Go: the runtime files are loaded as a package "dynpkg" bound to cffi's
# real ffi (gopy_abi.h's cdef block) and a fake lib that stands for the
# Go exports and records what the runtime frees and releases.
#
#   python3 -m pytest -q tests/unit_py

import importlib
import os
import re
import sys
import types

import pytest

cffi = pytest.importorskip("cffi")

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
RUNTIME = os.path.join(ROOT, "runtime", "cffi")

CDEF_GO = """
typedef unsigned char GoUint8;
typedef long long GoInt64;
typedef GoInt64 GoInt;
"""


def abi_cdef():
    """The records of runtime/gopy_abi.h that cffi_build.py declares (see
    src/cffi/abi_cdef.c); cffi's parser drops the comments itself."""
    with open(os.path.join(ROOT, "runtime", "gopy_abi.h")) as f:
        text = f.read()
    m = re.search(r"/\* cffi cdef: begin \*/(.*)/\* cffi cdef: end \*/", text, re.S)
    return m.group(1)


class FakeLib:
    """The Go exports: memory it hands out is kept alive in self.mem and
    freed (recorded) by free(); handles released are recorded."""

    gopy_forked = 0

    def __init__(self, ffi):
        self.ffi = ffi
        self.mem = {}
        self.freed = []
        self.released = []
        self.described = {}  # handle -> (%T, %v)
        self.is_pairs = set()  # (a, b) for which errors.Is holds

    def malloc(self, ctype, init):
        p = self.ffi.new(ctype, init)
        if ctype == "gopy_val[]":  # as Go makes them: no class
            for i in range(init):
                p[i].cls = -1
        self.mem[int(self.ffi.cast("uintptr_t", p))] = p
        return p

    def gostr(self, b):
        s = self.ffi.new("gopy_str *")
        if b:
            s.p, s.n = self.malloc("char[]", b), len(b)
        return s

    def free(self, p):
        addr = int(self.ffi.cast("uintptr_t", p))
        assert addr in self.mem, "free of memory Go did not allocate"
        self.freed.append(addr)
        del self.mem[addr]

    def gopy_handle_release(self, h):
        self.released.append(h)

    def gopy_handle_live(self):
        return 0

    def gopy_value_describe(self, h, typ, val):
        t, v = self.described[h]
        typ[0], val[0] = self.gostr(t)[0], self.gostr(v)[0]
        return 0

    def gopy_error_is(self, a, b):
        return 1 if a == b or (a, b) in self.is_pairs else 0


@pytest.fixture
def rt():
    """A fresh package of the runtime files, bound to a new fake lib."""
    name = "dynpkg"
    for m in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[m]
    pkg = types.ModuleType(name)
    pkg.__path__ = []
    sys.modules[name] = pkg
    for stem in ("", "_obj", "_view", "_dyn", "_std"):
        path = os.path.join(RUNTIME, "gopy_cffi%s.py" % stem)
        spec = importlib.util.spec_from_file_location("%s._gopy%s" % (name, stem), path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = mod
        spec.loader.exec_module(mod)
        setattr(pkg, "_gopy" + stem, mod)
    ffi = cffi.FFI()
    ffi.cdef(CDEF_GO + abi_cdef())
    lib = FakeLib(ffi)
    pkg._gopy.init(ffi, lib, name)
    pkg.GoError = pkg._gopy.GoError
    yield types.SimpleNamespace(pkg=pkg, rt=pkg._gopy, obj=pkg._gopy_obj, dyn=pkg._gopy_dyn, ffi=ffi, lib=lib)
    for m in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[m]


def sig(rt, name="F", param="x"):
    return rt.rt.Sig(name, (param,), ("any",), (rt.dyn.ANY.to,), rt.rt.CALL)


def read(rt, v):
    """A gopy_val built by to_val, as plain Python data to compare."""
    d, ffi = rt.dyn, rt.ffi
    k = v.kind
    if k in (d.STR, d.BYTES):
        b = ffi.unpack(v.str.p, v.str.n) if v.str.n else b""
        return (k, v.cls, b)
    if k == d.LIST:
        return (k, [read(rt, v.items[i]) for i in range(v.i)])
    if k == d.DICT:
        return (k, [read(rt, v.items[i]) for i in range(2 * v.i)])
    if k == d.FLOAT:
        return (k, v.cls, v.f)
    if k == d.COMPLEX:
        return (k, v.cls, v.f, v.f2)
    return (k, v.cls, v.i)


def test_to_val_builtins(rt):
    d = rt.dyn
    p, keep = d.to_val([None, True, -3, 2.5, 1 + 2j, "h\udcffi", b"ab", bytearray(b"c"),
                        memoryview(b"xyz")[::2], (1,), {"k": []}], sig(rt), 0, d.ANY)
    assert read(rt, p[0]) == (d.LIST, [
        (d.NIL, -1, 0), (d.BOOL, -1, 1), (d.INT, -1, -3), (d.FLOAT, -1, 2.5),
        (d.COMPLEX, -1, 1.0, 2.0), (d.STR, -1, b"h\xffi"), (d.BYTES, -1, b"ab"),
        (d.BYTES, -1, b"c"), (d.BYTES, -1, b"xz"), (d.LIST, [(d.INT, -1, 1)]),
        (d.DICT, [(d.STR, -1, b"k"), (d.LIST, [])])])


def test_to_val_errors(rt):
    d = rt.dyn
    with pytest.raises(OverflowError, match=r"^F\(\) argument 'x'\[1\] out of range for Go any \(int64\): "
                       r"9223372036854775808$"):
        d.to_val([1, 1 << 63], sig(rt), 0, d.ANY)
    with pytest.raises(TypeError) as e:
        d.to_val({"k": [object()]}, sig(rt), 0, d.ANY)
    assert str(e.value) == (
        "F() argument 'x'['k'][0] must be a value Go can hold (None, bool, int, float, complex, str, "
        "bytes, list, tuple, dict or an instance of a class of dynpkg), not object")
    with pytest.raises(TypeError, match=r"^F\(\) argument 'x' must be a value Go can hold .*, not set$"):
        d.to_val(set(), sig(rt), 0, d.ANY)
    with pytest.raises(TypeError, match=r"^F\(\) argument 'x' key <object [^>]*> must be .*, not object$"):
        d.to_val({object(): 1}, sig(rt), 0, d.ANY)


def test_to_val_classes(rt):
    d, obj = rt.dyn, rt.obj

    class Celsius(float):
        __slots__ = ()
        _gopy_tp_name = "dynpkg.Celsius"

    class Flag(int):
        __slots__ = ()
        _gopy_tp_name = "dynpkg.Flag"

        def __repr__(self):
            return obj.named_repr(self, int, True)

    class Point(obj.Struct):
        __slots__ = ()
        _gopy_tp_name = "dynpkg.Point"

    class Shape(d.Interface):
        __slots__ = ()
        _gopy_tp_name = "dynpkg.Shape"
        _gopy_methods = ("Area",)

    d.set_classes([Celsius, None, Flag, Point, Shape])
    pt, sh = d._wrap(Point, 7), d._wrap(Shape, 8)
    gv, ref = d._wrap(d.GoValue, 9), d._wrap(d.Ref, 10)
    err = rt.rt.GoError("e")
    err._gopy_err = d._wrap(d.GoValue, 11)
    p, keep = d.to_val([Celsius(1.5), Flag(1), pt, sh, gv, ref, err], sig(rt), 0, d.ANY)
    assert read(rt, p[0]) == (d.LIST, [
        (d.FLOAT, 0, 1.5), (d.BOOL, 2, 1), (d.OBJ, 3, 7), (d.GO, -1, 8), (d.GO, -1, 9),
        (d.OBJ, -1, 10), (d.GO, -1, 11)])
    with pytest.raises(TypeError, match="not GoError$"):
        d.to_val(rt.rt.GoError("no Go error"), sig(rt), 0, d.ANY)

    # Interface classes: virtual subclasses by method names; not constructible.
    class Duck:
        def Area(self):
            return 1
    assert issubclass(Duck, Shape) and not issubclass(int, Shape)
    with pytest.raises(TypeError, match="^cannot create 'dynpkg.Shape' instances$"):
        Shape()

    # From Go: named basic values and handles become instances.
    v = rt.ffi.new("gopy_val[3]")
    v[0].kind, v[0].cls, v[0].f = d.FLOAT, 0, 2.0
    v[1].kind, v[1].cls, v[1].i = d.OBJ, 3, 21
    v[2].kind, v[2].cls, v[2].i = d.GO, 4, 22
    got = [d.from_val(v + i) for i in range(3)]
    assert type(got[0]) is Celsius and got[0] == 2.0
    assert type(got[1]) is Point and got[1]._h == 21
    assert type(got[2]) is Shape and got[2]._h == 22
    pt._h = sh._h = gv._h = ref._h = err._gopy_err._h = 0


def test_from_val_consumes(rt):
    d, lib = rt.dyn, rt.lib
    items = lib.malloc("gopy_val[]", 6)
    items[0].kind, items[0].str = d.STR, lib.gostr(b"k\xff")[0]
    items[1].kind, items[1].i = d.UINT, -1
    items[2].kind, items[2].str = d.STR, lib.gostr(b"e")[0]
    items[3].kind, items[3].i = d.ERROR, 5
    items[4].kind, items[4].str = d.STR, lib.gostr(b"b")[0]
    items[5].kind, items[5].str = d.BYTES, lib.gostr(b"\x00")[0]
    lib.described[5] = (b"*errors.errorString", b"boom")
    p = rt.ffi.new("gopy_val *")
    p.kind, p.i, p.items = d.DICT, 3, items
    got = d.from_val(p)
    assert not lib.mem
    e = got["e"]
    assert got == {"k\udcff": (1 << 64) - 1, "e": e, "b": b"\x00"}
    assert isinstance(e, rt.rt.GoError) and str(e) == "boom" and e.go_type == "*errors.errorString"
    del got, e
    import gc
    gc.collect()
    assert lib.released == [5]


def test_from_val_failure_releases(rt):
    d, lib = rt.dyn, rt.lib
    d.set_classes([])
    items = lib.malloc("gopy_val[]", 3)
    items[0].kind, items[0].i, items[0].cls = d.OBJ, 31, 7  # no class 7
    items[1].kind, items[1].i, items[1].cls = d.GO, 32, -1
    items[2].kind, items[2].str = d.STR, lib.gostr(b"x")[0]
    p = rt.ffi.new("gopy_val *")
    p.kind, p.i, p.items = d.LIST, 3, items
    with pytest.raises(SystemError, match="class 7 of module dynpkg cannot hold"):
        d.from_val(p)
    import gc
    gc.collect()
    assert not lib.mem and sorted(lib.released) == [31, 32]

    items = lib.malloc("gopy_val[]", 2)
    items[0].kind, items[0].i = d.GO, 41
    items[1].kind, items[1].str = d.BYTES, lib.gostr(b"y")[0]
    p.kind, p.i, p.items = d.LIST, 2, items
    d.val_free(p)
    assert not lib.mem and 41 in lib.released


def fail(rt, kind, msg, error=0):
    lib = rt.lib
    f = lib.malloc("gopy_fail *", None)
    f.kind, f.message, f.go_type, f.error = kind, lib.gostr(msg)[0], lib.gostr(b"*T")[0], error
    f.cls = -1  # no error class (gopyFailRecord)
    return int(rt.ffi.cast("uintptr_t", f))


def test_raise_fail(rt):
    with pytest.raises(TypeError, match="^not a Shape$"):
        rt.rt.raise_fail(fail(rt, 4, b"not a Shape"))
    assert not rt.lib.mem
    with pytest.raises(rt.rt.GoError) as e1:
        rt.rt.raise_fail(fail(rt, 1, b"wrapped: nf", 51))
    with pytest.raises(rt.rt.GoError) as e2:
        rt.rt.raise_fail(fail(rt, 1, b"nf", 52))
    a, b = e1.value, e2.value
    assert a._gopy_err._h == 51 and a.go_type == "*T" and str(a) == "wrapped: nf"
    rt.lib.is_pairs.add((51, 52))
    assert a == b and not b == a and a == a and a != rt.rt.GoError("nf")
    assert hash(a) != hash(b)
    plain = rt.rt.GoError("x")
    assert plain._gopy_err is None and plain == plain and plain != rt.rt.GoError("x")
    p, keep = rt.dyn.to_val(a, sig(rt), 0, rt.dyn.ANY)
    assert (p.kind, p.i) == (rt.dyn.GO, 51)


def test_varargs(rt):
    """...any: the runtime's variadic array of gopy_val, converted by Iface.to."""
    d = rt.dyn
    s = rt.rt.Sig("Printf", ("format", "args"), ("string", "any"), (rt.rt.to_string, d.ANY.to),
                  vararg="gopy_val", vararg_shape="seq")
    arr, keep = rt.rt.to_varargs([7, ["s"]], s, 1)
    assert [read(rt, arr[i]) for i in range(2)] == [(d.INT, -1, 7), (d.LIST, [(d.STR, -1, b"s")])]
    with pytest.raises(TypeError, match=r"^Printf\(\) argument 'args'\[1\] must be a value Go can hold"):
        rt.rt.to_varargs([7, object()], s, 1)
