# gopy_cffi_view.py: the views of Go slices, arrays and maps in a cffi
# module (copied into every generated cffi package as NAME/_gopy_view.py),
# the counterpart of gopy_view.c, with the same behaviour and messages.
#
# A view holds a handle to a Go *S (S a slice, array or map type). Slices
# and arrays of numbers and bools ("flat") are read and written in place in
# Go's memory through cffi; other elements go through the per-type exports
# of the glue (gopy_view_X_get/set/items), one Go call per operation, bulk
# operations one call for all elements. Maps: one Go call per operation.
#
# The generated module describes each container type with a ViewDef and
# defines _to_view_X / _from_view_X on top of to_view / from_view here.

import collections.abc
import gc
import sys
import threading
import weakref

from . import _gopy as _rt
from . import _gopy_obj as _obj

SLICE, ARRAY, MAP = range(3)

# Repr shows at most this many elements (or entries).
_REPR_MAX = 10

_IS_PYPY = sys.implementation.name == "pypy"
if _IS_PYPY:
    import __pypy__


def _ident(v):
    return v


# What Elem's bulk says: the exact Python types cffi converts into the
# element's C type exactly as its converter would, so that a list of them
# converts in one C loop. The emitter picks one from the conversion table
# (emit_py_bulk); float32 narrows and complex splits: never in bulk.
BULK_INT = frozenset((int, bool))
BULK_FLOAT = frozenset((float, int, bool))
BULK_BOOL = frozenset((bool,))


class Elem:
    """How one element (or key) crosses: cin is the C type Go takes
    (GoInt, GoString, gopy_seq, gopyc_complex128...), cout the C type Go
    returns, to the converter Python -> cin value (cffi_conv.to), frm the
    converter cout value -> Python, fmt the buffer format of flat ones,
    bulk the types a list converts from in one C loop (a BULK_* or None)
    and shape how a converted value is stored (gopy_cffi.py: store)."""

    __slots__ = ("gotype", "fmt", "cin", "cout", "to", "frm", "bulk", "shape", "ptr", "outptr",
                 "size")

    def __init__(self, gotype, fmt, cin, cout, to, frm, bulk, shape):
        self.gotype, self.fmt = gotype, fmt
        self.cin, self.cout, self.to, self.frm = cin, cout, to, frm
        self.bulk, self.shape = bulk, shape
        if frm is None:
            self.frm = _ident
        self.ptr = cin + " *"
        self.outptr = cout + " *"
        self.size = None  # sizeof(cin), once cffi is bound


class ViewDef:
    """Everything the runtime knows about one container type (gopy_viewdef)."""

    __slots__ = ("gotype", "underlying", "kind", "length", "elem", "key", "elemsig", "newsig", "cls",
                 "make", "get", "set", "items", "map_len", "map_get", "map_set", "map_del",
                 "map_items", "map_clear", "bulk")

    def __init__(self, gotype, underlying, kind, length, elem, key, make, get=None, set=None, items=None,
                 map_len=None, map_get=None, map_set=None, map_del=None, map_items=None, map_clear=None):
        self.gotype, self.underlying, self.kind, self.length = gotype, underlying, kind, length
        self.elem, self.key = elem, key
        names = ("value", "key") if kind == MAP else ("element", "key")
        self.elemsig = _rt.Sig(gotype, names, (elem.gotype, key.gotype if key else ""),
                               (elem.to, key.to if key else None), _rt.ELEM)
        self.newsig = None
        self.cls = None  # a named type's class; else the generic one
        self.make, self.get, self.set, self.items = make, get, set, items
        self.map_len, self.map_get, self.map_set, self.map_del = map_len, map_get, map_set, map_del
        self.map_items, self.map_clear = map_items, map_clear
        self.bulk = elem.bulk if kind != MAP and elem.fmt else None

    @property
    def flat(self):
        return self.kind != MAP and self.elem.fmt is not None


# The C-API module makes these Go calls (element and map access) with the
# GIL held, so that Python threads see each operation whole and never touch
# one Go map at once; cffi releases the GIL around every call, so a lock
# stands in for it. User functions are not called under it.
_LOCK = threading.Lock()


def _go(fn, *args):
    """Calls the view export fn and raises the failure it returns."""
    if _rt.lib.gopy_forked:  # the test of refuse_forked, without a call per operation
        _rt.refuse_forked()
    with _LOCK:
        fail = fn(*args)
    if fail:
        _rt.raise_fail(fail)


def _sizeof(e):
    if e.size is None:
        e.size = _rt.ffi.sizeof(e.cin)
    return e.size


# ---- C values ------------------------------------------------------------

def _store(e, arr, i, c, keep):
    """Stores the converted value c (what e.to returned) as element i of
    the C array arr; keep collects what arr points into."""
    _rt.store(e.shape, arr, i, c, keep)


def _convert(e, values, sig, idx, path, is_key=False, keys=None):
    """The values converted with e into a new C array of e.cin (None when
    empty), and what it points into."""
    n = len(values)
    keep = []
    if n == 0:
        return _rt.ffi.NULL, keep
    arr = _rt.ffi.new(e.cin + "[]", n)
    base = tuple(path) if path else ()
    gotype = e.gotype
    for i, v in enumerate(values):
        node = (i, keys[i] if keys is not None else None, is_key, gotype)
        c = e.to(v, sig, idx, base + (node,))
        _store(e, arr, i, c, keep)
    keep.append(arr)
    return arr, keep


def _one(e, v, sig, idx):
    """v converted into a new C value of e.cin (a pointer to it) and what
    it points into."""
    p = _rt.ffi.new(e.ptr)
    keep = [p]
    _store(e, p, 0, e.to(v, sig, idx, None), keep)
    return p, keep


def _list_from_c(e, p, n):
    """n C values of e.cout at address p as a list. Every value is
    converted, also after a failure, so that what they own is released."""
    if n == 0:
        return []
    arr = _rt.ffi.cast(e.outptr, p)
    frm = e.frm
    out = [None] * n
    err = None
    for i in range(n):
        try:
            out[i] = frm(arr[i])
        except BaseException as x:  # keep the first; release the rest
            if err is None:
                err = x
    if err is not None:
        raise err
    return out


# ---- views: common ---------------------------------------------------------

class _View:
    __slots__ = ("_h", "_vd", "_addr", "__weakref__")
    _gopy_tp_name = "gopy.View"

    def __init__(self, *args, **kwargs):
        raise TypeError("cannot create %s instances: Go functions, fields and variables return them"
                        % type(self)._gopy_tp_name)

    def __del__(self):
        h = getattr(self, "_h", 0)
        if h:
            self._h = 0
            _rt.release(h)

    # A view equals what it holds: _value() (a list or dict of the Go
    # value), compared with _other(other), the like Python value of other
    # or None when other cannot be one.
    def __eq__(self, other):
        theirs = self._other(other)
        if theirs is None:
            return NotImplemented
        return self._value() == theirs

    __hash__ = None

    def __repr__(self):
        # A named type's class by its Python name ("calc.Vector"), like
        # every class; another container by its Go type ("[]int").
        vd = self._vd
        return _shortened(vd.cls._gopy_tp_name if vd.cls else vd.gotype, self._value())


def from_view(vd, h):
    """A new view of handle h (owned) of type vd; None for 0, a nil *S."""
    if not h:
        return None
    cls = vd.cls or _GENERIC[vd.kind]
    o = cls.__new__(cls)
    o._h, o._vd, o._addr = h, vd, None
    return o


def init_view(self, vd, sig, arg):
    """A named container class's constructor: a new Go value made from arg
    (MISSING: the zero value), always a copy, as list(x) and dict(x) are."""
    self._h, self._vd, self._addr = 0, vd, None
    self._h = _make(vd, arg, sig, 0)


def _make(vd, arg, sig, idx):
    s = _rt.ffi.new("gopy_seq *")
    keep = None
    if arg is not _rt.MISSING:
        keep = _fill_map(vd, arg, s, sig, idx, None) if vd.kind == MAP else \
            _fill_seq(vd, arg, s, sig, idx, None)
    out = _rt.ffi.new("GoInt64 *")
    _go(vd.make, s[0], out)
    del keep
    return out[0]


def _copy_view(self):
    """copy.copy(view): a view of an independent Go copy, of the same class."""
    cls, vd = type(self), self._vd
    o = cls.__new__(cls)
    o._h, o._vd, o._addr = 0, vd, None
    o._h = _make(vd, self, vd.elemsig, 0)
    return o


# ---- slices and arrays --------------------------------------------------------

class _Seq(_View):
    # _exports: weak references to what each live buffer export holds (see
    # _export); a slice with any does not grow, as a bytearray does not.
    __slots__ = ("_exports",)

    def _mem(self):
        """(pointer to the elements as e.cin *, length): Go's memory, read
        again on each call so that a view of a field sees Go's later
        assignments to it."""
        vd = self._vd
        a = self._addr
        ffi = _rt.ffi
        if a is None:
            _rt.refuse_forked()
            addr = _rt.lib.gopy_handle_addr(self._h)
            if not addr:
                raise SystemError("gopy: view of a released handle")
            a = self._addr = ffi.cast("GoInt *", addr)
        if vd.kind == ARRAY:
            return ffi.cast(vd.elem.ptr, a), vd.length
        return ffi.cast(vd.elem.ptr, a[0]), a[1]

    def __len__(self):
        return self._mem()[1]

    def _get(self, data, i):
        vd = self._vd
        e = vd.elem
        if vd.elem.fmt is not None:
            return e.frm(data[i])
        out = _rt.ffi.new(e.outptr)
        _go(vd.get, self._h, i, out)
        return e.frm(out[0])

    def _set(self, data, i, value):
        vd = self._vd
        e = vd.elem
        c = e.to(value, vd.elemsig, 0, None)
        if e.fmt is not None:
            _store(e, data, i, c, [])
            return
        p = _rt.ffi.new(e.ptr)
        keep = []
        _store(e, p, 0, c, keep)
        _go(vd.set, self._h, i, 1, 1, p)

    def _index(self, key, n):
        i = key.__index__() if type(key) is not int else key
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError("index %d out of range for %s of length %d" % (i - n if i < 0 else i,
                                                                           self._vd.gotype, n))
        return i

    def _list(self):
        """All elements as a new list: read in place, or one Go call."""
        vd = self._vd
        if vd.elem.fmt is not None:
            data, n = self._mem()
            frm = vd.elem.frm
            return [frm(data[i]) for i in range(n)]
        ffi = _rt.ffi
        p, n = ffi.new("void **"), ffi.new("GoInt *")
        _go(vd.items, self._h, p, n)
        try:
            return _list_from_c(vd.elem, p[0], n[0])
        finally:
            _rt.lib.free(p[0])

    _value = _list

    def __getitem__(self, key):
        data, n = self._mem()
        if not isinstance(key, slice):
            if not hasattr(type(key), "__index__"):
                raise TypeError("%s indices must be integers or slices, not %s" % (
                    self._vd.gotype, _rt.type_name(key)))
            return self._get(data, self._index(key, n))
        start, stop, step = key.indices(n)
        count = len(range(start, stop, step))
        vd = self._vd
        if step == 1 and vd.kind == SLICE:
            # Go's s[a:b]: a view sharing the elements.
            out = _rt.ffi.new("GoInt64 *")
            _go(_rt.lib.gopy_view_reslice, self._h, start, start + count, out)
            return from_view(vd, out[0])
        if not count:
            return []
        items = self._list()
        return [items[i] for i in range(start, stop, step)]

    def __setitem__(self, key, value):
        data, n = self._mem()
        vd = self._vd
        if not isinstance(key, slice):
            if not hasattr(type(key), "__index__"):
                raise TypeError("%s indices must be integers or slices, not %s" % (
                    vd.gotype, _rt.type_name(key)))
            self._set(data, self._index(key, n), value)
            return
        start, stop, step = key.indices(n)
        count = len(range(start, stop, step))
        if isinstance(value, (list, tuple)):
            values = value
        else:
            try:
                values = list(value)
            except TypeError:
                raise TypeError("can only assign an iterable to a slice of a Go view") from None
        if len(values) != count:
            raise ValueError("cannot assign %d elements to a slice of %d: %s cannot change its length" % (
                len(values), count, vd.gotype))
        # Every value is converted before any element is written, so that
        # values aliasing the elements are read as they were (Go's copy()).
        e = vd.elem
        conv, keep = _convert(e, values, vd.elemsig, 0, None)
        if count == 0:
            return
        if e.fmt is not None:
            data, n = self._mem()  # converting ran Python code: read the header again
            for i in range(count):
                j = start + i * step
                if j >= n:
                    break
                data[j] = conv[i]
        else:
            _go(vd.set, self._h, start, step, count, conv)

    def __delitem__(self, key):
        vd = self._vd
        raise TypeError("cannot delete elements of %s: a Go %s has a fixed length" % (
            vd.gotype, "array" if vd.kind == ARRAY else "slice view"))

    def __iter__(self):
        if self._vd.elem.fmt is None:
            return iter(self._list())
        return self._live_iter()

    def _live_iter(self):
        # Flat elements are read live, one at a time.
        i = 0
        while True:
            data, n = self._mem()
            if i >= n:
                return
            yield self._vd.elem.frm(data[i])
            i += 1

    def __contains__(self, value):
        return value in self._list()

    def _other(self, other):
        if isinstance(other, (str, bytes, bytearray, dict, _Map)) or \
                not hasattr(type(other), "__getitem__"):
            return None
        try:
            return list(other)
        except Exception:
            return None


    def copy(self):
        """copy()
        The elements as a new list, copied out of Go in one call."""
        return self._list()

    def index(self, *args):
        """The first index of value; ValueError if it is not present."""
        return self._list().index(*args)

    def count(self, value):
        """The number of occurrences of value."""
        return self._list().count(value)

    def __copy__(self):
        """A view of an independent Go copy."""
        return _copy_view(self)

    # ---- the buffer protocol ----

    def _export(self):
        """(cffi buffer over Go's elements, n, itemsize): the buffer holds a
        pin (gopy_view_pin) on the memory while any export of it lives."""
        vd = self._vd
        e = vd.elem
        if e.fmt is None:
            raise BufferError("%s has no buffer: its elements (Go %s) are not plain memory" % (
                vd.gotype, e.gotype))
        ffi, lib = _rt.ffi, _rt.lib
        out = ffi.new("GoInt64 *")
        _go(lib.gopy_view_pin, self._h, out)
        pin = out[0]
        addr = ffi.cast("GoInt *", lib.gopy_handle_addr(pin))
        if vd.kind == ARRAY:
            data, n = ffi.cast("char *", addr), vd.length
        else:
            data, n = ffi.cast("char *", addr[0]), addr[1]
        size = _sizeof(e)
        if n == 0 or data == ffi.NULL:
            _init_empty()
            data, n = ffi.cast("char *", _EMPTY), 0
        data = ffi.gc(data, lambda _, pin=pin, release=_rt.release: release(pin))
        # Every object over the export (memoryview, numpy array) holds data.
        exports = [r for r in getattr(self, "_exports", ()) if r() is not None]
        exports.append(weakref.ref(data))
        self._exports = exports
        return ffi.buffer(data, n * size), n, size

    def _exported(self):
        """Whether a buffer export of this view is alive. On PyPy an export
        no longer reachable but not yet collected does not count: it is
        collected first (a numpy array over it takes a few collections,
        one per cpyext object in between)."""
        exports = getattr(self, "_exports", None)
        if not exports:
            return False
        for collected in range(_COLLECTIONS + 1):
            if collected:
                gc.collect()
            exports[:] = [r for r in exports if r() is not None]
            if not exports:
                return False
        return True

    if _IS_PYPY:
        def __buffer__(self, flags):
            buf, n, size = self._export()
            return __pypy__.newmemoryview(memoryview(buf), size, self._vd.elem.fmt, [n])

    def __array__(self, dtype=None, copy=None):
        """numpy.asarray(view): an array sharing Go's memory (zero-copy)."""
        import numpy
        buf, n, size = self._export()
        a = numpy.frombuffer(buf, dtype=_NUMPY_DTYPES.get(self._vd.elem.fmt, self._vd.elem.fmt), count=n)
        if dtype is not None and numpy.dtype(dtype) != a.dtype:
            return a.astype(dtype)
        return a.copy() if copy else a


# How many collections free an export no longer reachable (_exported):
# CPython frees it at once, as it does a bytearray's.
_COLLECTIONS = 4 if _IS_PYPY else 0
_NUMPY_DTYPES = {"n": "i8", "N": "u8", "Zd": "c16", "Zf": "c8", "?": "?"}
_EMPTY = None


class Slice(_Seq):
    """A Go slice, shared with Go: indexing and assignment read and write Go's
    elements; s[a:b] is a view of the same elements, as in Go; append,
    extend and += grow it as Go's append does. Numbers and bools export
    their memory through the buffer protocol (numpy.asarray)."""
    __slots__ = ()
    __module__ = "gopy"
    _gopy_tp_name = "gopy.Slice"

    # ---- growing, as Go's append (gopy_view.c: seq_grow) ----

    def _grow(self, src, p, n):
        """Appends the slice of the view handle src, or (src 0) the n C
        values at p, with one Go call. Elements Go converts are made into a
        Go slice first, so that a value Go refuses leaves the view as it was.
        A view with a live buffer export does not grow, as a bytearray does
        not: once Go moved the elements, writes through the export would no
        longer reach the view."""
        if self._exported():
            raise BufferError("Existing exports of data: object cannot be re-sized")
        if not src and n <= 0:
            return  # append(s) is s: a nil slice stays nil
        vd = self._vd
        ffi = _rt.ffi
        made = 0
        if not src and vd.elem.fmt is None:
            s = ffi.new("gopy_seq *")
            s.data, s.n, s.in_place = p, n, 1
            out = ffi.new("GoInt64 *")
            _go(vd.make, s[0], out)
            src = made = out[0]
        try:
            if src:
                _go(_rt.lib.gopy_view_append, self._h, src, ffi.NULL, 0)
            else:
                _go(_rt.lib.gopy_view_append, self._h, 0, p, n)
        finally:
            if made:
                _rt.release(made)

    def append(self, value, /):
        """Appends value, as Go's append: in place within the capacity, else into
        a new array; a view of a field or variable stores the new slice there."""
        vd = self._vd
        p, keep = _one(vd.elem, value, vd.elemsig, 0)  # converted as v[i] = value is
        self._grow(0, p, 1)

    def extend(self, values, /):
        """Appends the values, all converted first, as Go's append(s, values...)."""
        vd = self._vd
        if isinstance(values, Slice) and (values._vd is vd or values._vd.underlying == vd.underlying):
            self._grow(values._h, None, 0)  # append(s, t...): also t == s
            return
        e = vd.elem
        if e.fmt is not None:
            s = _rt.ffi.new("gopy_seq *")
            keep = _from_buffer(vd, values, s)
            if keep is not None:
                self._grow(0, s.data, s.n)
                return
        if type(values) is tuple:
            items = values
        else:
            # list(iter(values)): converting cannot change their number
            try:
                if isinstance(values, str) or values is None:
                    raise TypeError
                it = iter(values)
            except TypeError:
                raise TypeError("can only extend %s with an iterable, not %s" % (
                    vd.gotype, _not(values))) from None
            items = list(it)
        n = len(items)
        if n == 0:
            self._grow(0, None, 0)
            return
        bulk = vd.bulk
        if bulk is not None and set(map(type, items)) <= bulk:
            try:
                arr = _rt.ffi.new(e.cin + "[]", items)
            except (TypeError, OverflowError, ValueError):
                pass  # convert one by one: the first bad one is reported in gopy's words
            else:
                self._grow(0, arr, n)
                return
        arr, keep = _convert(e, items, vd.elemsig, 0, None)
        self._grow(0, arr, n)

    def __iadd__(self, values, /):
        self.extend(values)
        return self


class Array(_Seq):
    """A Go array, shared with Go: indexing and assignment read and write Go's
    elements. Numbers and bools export their memory through the buffer
    protocol (numpy.asarray)."""
    __slots__ = ()
    __module__ = "gopy"
    _gopy_tp_name = "gopy.Array"


def _shortened(gotype, items):
    """"[]int([1, 2, 3])", "[]float64([0.0, ..., 9.0, ...], len=1000)"."""
    n = len(items)
    if n <= _REPR_MAX:
        return "%s(%r)" % (gotype, items)
    if isinstance(items, dict):
        head = dict(list(items.items())[:_REPR_MAX])
    else:
        head = items[:_REPR_MAX]
    body = repr(head)
    return "%s(%s, ...%s, len=%d)" % (gotype, body[:-1], body[-1], n)


# ---- maps -------------------------------------------------------------------

class Map(_View):
    """A Go map, shared with Go: a mutable mapping whose every operation
    is done by Go. Iteration, keys(), values() and items() use a snapshot."""
    __slots__ = ()
    __module__ = "gopy"
    _gopy_tp_name = "gopy.Map"

    def __len__(self):
        out = _rt.ffi.new("GoInt *")
        _go(self._vd.map_len, self._h, out)
        return out[0]

    def _lookup(self, key, soft):
        """(found, value); soft: a key that cannot be a Go key of this type
        is simply missing (for `in` and get())."""
        vd = self._vd
        try:
            k, keep = _one(vd.key, key, vd.elemsig, 1)
        except (TypeError, OverflowError):
            if soft:
                return False, None
            raise
        ffi = _rt.ffi
        out, found = ffi.new(vd.elem.outptr), ffi.new("GoUint8 *")
        _go(vd.map_get, self._h, k, out, found)
        if not found[0]:
            return False, None
        return True, vd.elem.frm(out[0])

    def __getitem__(self, key):
        found, value = self._lookup(key, False)
        if not found:
            raise KeyError(key)
        return value

    def __contains__(self, key):
        return self._lookup(key, True)[0]

    def __setitem__(self, key, value):
        vd = self._vd
        k, keep = _one(vd.key, key, vd.elemsig, 1)
        v, keep2 = _one(vd.elem, value, vd.elemsig, 0)
        _go(vd.map_set, self._h, k, v)

    def __delitem__(self, key):
        vd = self._vd
        k, keep = _one(vd.key, key, vd.elemsig, 1)
        found = _rt.ffi.new("GoUint8 *")
        _go(vd.map_del, self._h, k, found)
        if not found[0]:
            raise KeyError(key)

    def _snapshot(self):
        """The keys and the values, as two lists, from one Go call."""
        vd = self._vd
        ffi = _rt.ffi
        pk, pv, n = ffi.new("void **"), ffi.new("void **"), ffi.new("GoInt *")
        _go(vd.map_items, self._h, pk, pv, n)
        try:
            try:
                keys = _list_from_c(vd.key, pk[0], n[0])
            except BaseException:
                try:
                    _list_from_c(vd.elem, pv[0], n[0])  # release what the values own
                except BaseException:
                    pass
                raise
            values = _list_from_c(vd.elem, pv[0], n[0])
        finally:
            _rt.lib.free(pk[0])
            _rt.lib.free(pv[0])
        return keys, values

    def _dict(self):
        keys, values = self._snapshot()
        return dict(zip(keys, values))

    _value = _dict

    def __iter__(self):
        return iter(self._snapshot()[0])

    def keys(self):
        """The keys, as a list taken in one Go call."""
        return self._snapshot()[0]

    def values(self):
        """The values, as a list taken in one Go call."""
        return self._snapshot()[1]

    def items(self):
        """The (key, value) pairs, as a list taken in one Go call."""
        keys, values = self._snapshot()
        return list(zip(keys, values))

    def get(self, key, default=None):
        """m[key] if key is in the map, else default."""
        found, value = self._lookup(key, True)
        return value if found else default

    def pop(self, key, *default):
        """Removes key and returns its value; default (or KeyError) if missing."""
        if len(default) > 1:
            raise TypeError("pop() takes 1 or 2 arguments (%d given)" % (1 + len(default)))
        found, value = self._lookup(key, bool(default))
        if not found:
            if default:
                return default[0]
            raise KeyError(key)
        del self[key]
        return value

    def setdefault(self, key, default=None):
        """m[key], after setting it to default if it was missing."""
        found, value = self._lookup(key, False)
        if found:
            return value
        self[key] = default
        return self[key]  # Go's copy of the value, as a later m[k] returns it

    def update(self, *args, **kwargs):
        """Sets each (key, value) of a mapping or of pairs."""
        if len(args) > 1:
            raise TypeError("update expected at most 1 argument, got %d" % len(args))
        if args:
            other = args[0]
            if isinstance(other, dict) or hasattr(other, "keys"):
                pairs = list(other.items())
            else:
                pairs = list(other)
            for pair in pairs:
                if not isinstance(pair, (tuple, list)):
                    raise TypeError("update() needs (key, value) pairs")
                if len(pair) != 2:
                    raise ValueError("update() needs (key, value) pairs")
                self[pair[0]] = pair[1]
        for k, v in kwargs.items():
            self[k] = v

    def clear(self):
        """Deletes every key."""
        _go(self._vd.map_clear, self._h)

    def popitem(self):
        """Removes some key and returns its (key, value); KeyError if empty."""
        keys, values = self._snapshot()
        if not keys:
            raise KeyError("popitem(): map is empty")
        del self[keys[0]]
        return keys[0], values[0]

    def copy(self):
        """The map as a new dict, copied out of Go in one call."""
        return self._dict()

    def __copy__(self):
        return _copy_view(self)

    @staticmethod
    def _other(other):
        if isinstance(other, dict):
            return other
        if isinstance(other, Map):
            return other._dict()
        if not hasattr(other, "keys") or not hasattr(other, "__getitem__"):
            return None
        try:
            return {k: other[k] for k in other.keys()}
        except Exception:
            return None



_Map = Map
_GENERIC = {SLICE: Slice, ARRAY: Array, MAP: Map}
collections.abc.Sequence.register(Slice)
collections.abc.Sequence.register(Array)
collections.abc.MutableMapping.register(Map)


# ---- Python -> Go: arguments ---------------------------------------------------

def to_view(vd, o, sig, idx, path=None):
    """Converts an argument for a container parameter of type vd into what
    the C shim takes: (gopy_seq *, keep). keep holds what the gopy_seq
    points into until the call returns."""
    s = _rt.ffi.new("gopy_seq *")
    if isinstance(o, _View) and (o._vd is vd or o._vd.underlying == vd.underlying) and \
            isinstance(o, _GENERIC[vd.kind]) and (idx >= 0 or isinstance(o, vd.cls)):
        s.handle = o._h  # Go uses the same value: no copy
        return s, o
    if idx < 0:  # a method's self must be an instance of its class
        _obj.wrong_self(sig.name.rpartition(".")[2], vd.cls, o)
    if vd.kind == MAP:
        return s, _fill_map(vd, o, s, sig, idx, path)
    return s, _fill_seq(vd, o, s, sig, idx, path)


def _not(o):
    return "None" if o is None else _rt.type_name(o)


def _array_length_error(vd, sig, idx, path, n):
    _rt.arg_error(ValueError, sig, idx, path, "must have %d elements (Go %s), not %d" % (
        vd.length, vd.gotype, n))


_FORMAT_CLASSES = {
    "b": ("i", 1), "h": ("i", 2), "i": ("i", 4), "l": ("i", 8), "q": ("i", 8), "n": ("i", 8),
    "B": ("u", 1), "c": ("u", 1), "H": ("u", 2), "I": ("u", 4), "L": ("u", 8), "Q": ("u", 8),
    "N": ("u", 8), "f": ("f", 4), "d": ("f", 8), "?": ("?", 1), "Zf": ("c", 8), "Zd": ("c", 16),
}


def _format_class(fmt):
    """A struct format normalized to (class, size), or None (see gopy_view.c)."""
    if not fmt:
        fmt = "B"
    if fmt[0] in "@=" or (fmt[0] == "<" and sys.byteorder == "little") or \
            (fmt[0] in ">!" and sys.byteorder == "big"):
        fmt = fmt[1:]
    return _FORMAT_CLASSES.get(fmt)


def _from_buffer(vd, o, s):
    """A contiguous one-dimensional buffer of the element's item type
    gives its memory to Go directly. Returns what to keep, or None when o
    is no such buffer (then it is converted element by element)."""
    if isinstance(o, (list, tuple, range, str)) or o is None:
        return None
    try:
        mv = memoryview(o)
    except Exception:  # not a buffer, or an exporter that refuses: iterate
        return None
    e = vd.elem
    if mv.ndim != 1 or _format_class(mv.format) is None or \
            _format_class(mv.format) != _format_class(e.fmt) or mv.itemsize != _sizeof(e):
        return None
    n = mv.nbytes // mv.itemsize
    if not mv.c_contiguous:
        # Strided: copied first, so that the layout never decides what is
        # accepted (gopy_view.c: seq_from_buffer); Go's writes cannot reach o.
        try:
            copy = _rt.c_order_bytes(mv, o)
        except Exception:  # a format PyPy cannot unpack: iterate
            return None
        data = _rt.ffi.from_buffer(copy) if n else None
        if n:
            s.data = data
        s.n, s.in_place = n, 0
        return (copy, data)
    if n:
        data = _rt.ffi.from_buffer(mv, require_writable=False)
        s.data = data
    else:
        data = None
    s.n = n
    s.in_place = 0 if mv.readonly else 1
    return (mv, data)


def _fill_seq(vd, o, s, sig, idx, path):
    if o is None and vd.kind != ARRAY:
        s.n = -1  # a nil slice (gopy_abi.h); an array cannot be nil
        return None
    e = vd.elem
    if e.fmt is not None:
        keep = _from_buffer(vd, o, s)
        if keep is not None:
            if vd.kind == ARRAY and s.n != vd.length:
                _array_length_error(vd, sig, idx, path, s.n)
            return keep
    if type(o) is list or type(o) is tuple:
        items = o
    else:
        # list(iter(o)), never __len__: a __len__ that lies or raises
        # changes nothing (gopy_view.c: seq_items).
        try:
            if isinstance(o, str):
                raise TypeError
            it = iter(o)
        except TypeError:
            _rt.arg_error(TypeError, sig, idx, path, "must be an iterable (Go %s), not %s" % (
                vd.gotype, _not(o)))
        items = list(it)
    n = len(items)
    if vd.kind == ARRAY and n != vd.length:
        _array_length_error(vd, sig, idx, path, n)
    s.n = n
    s.in_place = 1  # the converted elements are this call's own memory
    if n == 0:
        return None
    bulk = vd.bulk
    if bulk is not None and set(map(type, items)) <= bulk:
        try:
            arr = _rt.ffi.new(e.cin + "[]", items)
        except (TypeError, OverflowError, ValueError):
            pass  # convert one by one: the first bad one is reported in gopy's words
        else:
            s.data = arr
            return (arr, items)
    arr, keep = _convert(e, items, sig, idx, path)
    s.data = arr
    return (keep, items)


def _fill_map(vd, o, s, sig, idx, path):
    if o is None:
        s.n = -1  # a nil map (gopy_abi.h)
        return None
    # A mapping's items(), a dict subclass's own included (gopy_view.c: to_map).
    if type(o) is dict or (hasattr(o, "keys") and hasattr(o, "__getitem__")):
        items = list(o.items())
    else:
        _rt.arg_error(TypeError, sig, idx, path, "must be a mapping (Go %s), not %s" % (vd.gotype, _not(o)))
    keys, values = [], []
    for pair in items:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError("mapping items() must be (key, value) pairs")
        keys.append(pair[0])
        values.append(pair[1])
    s.n = len(keys)
    karr, kkeep = _convert(vd.key, keys, sig, idx, path, True, keys)
    varr, vkeep = _convert(vd.elem, values, sig, idx, path, False, keys)
    s.data, s.data2 = karr, varr
    return (kkeep, vkeep, items)


def _init_empty():
    global _EMPTY
    if _EMPTY is None:
        _EMPTY = _rt.ffi.new("char[]", 1)

