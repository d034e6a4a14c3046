# gopy_cffi_dyn.py: values of Go interface types (any, error, the
# package's named interfaces) in a cffi module, copied into every generated
# cffi package as NAME/_gopy_dyn.py; the counterpart of gopy_dyn.c, with
# the same conversions and messages.
#
# Such a value crosses as a gopy_val tree (gopy_abi.h): to_val builds one
# from a Python object in memory the caller keeps until the call returns
# (Go copies what it keeps); from_val turns one from Go into Python
# objects and consumes it: Go malloc'd its strings and item arrays, which
# are freed here, and each handle in it goes to a new object that owns it
# (or is released when the tree cannot be converted).
#
# The classes here are this module's own (each package has its copy):
# Interface, the base of the interface classes; GoValue, an opaque Go
# value; Ref, a Go *any that Go can fill (json.Unmarshal). Instances of
# all three hold a handle in _h and release it when they die, as struct
# instances do.
#
# Python objects that are no Go value cross too, where the type takes them
# (Iface.pykind): as a PY record whose py is a cffi handle of the object.
# Go holds such objects and calls them through the pyapi (gopy_abi.h),
# whose functions are the extern "Python" callbacks installed here.

import abc
import sys
import threading
import weakref

from . import _gopy as _rt
from . import _gopy_obj as _obj
from . import _gopy_view as _view

# gopy_abi.h: gopy_val.kind (the enum is outside the cdef block that cffi
# reads, so the numbers are repeated here).
NIL, BOOL, INT, UINT, FLOAT, COMPLEX, STR, BYTES, LIST, DICT, OBJ, GO, ERROR, PY, VIEW = range(15)
TIME, DURATION, BIGINT, RAT = range(15, 19)  # _gopy_std.py's values
IO, MEM = 19, 20  # _gopy_io.py's: Go's streams, Go's memory lent to a call
# gopy_abi.h: GOPY_PY_*, which Python objects that are no Go value a type takes.
PY_NONE, PY_METHODS, PY_EXCEPTION, PY_CALLABLE = range(4)
PY_READER = 4  # and PY_WRITER, PY_READWRITER: io's streams (_gopy_io.py)
# gopy_abi.h: gopy_fail.kind of the records the pyapi makes.
_FAIL_TYPE, _FAIL_PYEXC = 4, 5

_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1
_UINT64_MASK = (1 << 64) - 1

# The package this copy belongs to ("calc", or "pkg.calc" when imported
# from a folder), and its name as gopy named it, which prefixes the
# classes' names in messages ("calc.GoValue") as the generated classes'
# _gopy_tp_name does.
_PACKAGE = __name__.rpartition(".")[0]
_MODNAME = _PACKAGE.rpartition(".")[2]


class Iface:
    """An interface or func type values are converted for (gopy_ifacedef):
    qualname names it ("any", "error", "shapes.Shape"), methods are the
    Python names of its methods (empty for any and func types), pykind
    which Python objects that are no Go value it takes (PY_*), cls is its
    class (set by the generated module once defined), or None."""

    __slots__ = ("qualname", "methods", "pykind", "cls")

    def __init__(self, qualname, methods=(), pykind=PY_NONE):
        self.qualname, self.methods, self.pykind, self.cls = qualname, tuple(methods), pykind, None

    def to(self, o, sig, idx, path=None):
        """to_val for this interface, with a converter's signature (Sig.convs,
        variadic elements: store shape "seq")."""
        return to_val(o, sig, idx, self, path)


ANY = Iface("any")


# ---- the module's classes ------------------------------------------------

# set_classes: class index -> class, class -> index, and what each is.
_classes = ()
_index: dict = {}
_STRUCT, _NAMED, _VIEW, _IFACE = range(4)
_what: dict = {}     # generated class -> _STRUCT, _NAMED, _VIEW or _IFACE
_named: dict = {}    # named basic class -> (its builtin base, its val kind)
_viewdef: dict = {}  # named container class -> its ViewDef
_views = ()          # the container types' ViewDefs by number (VIEW records)


def set_views(views):
    """The module's container types by number (the generator's view index),
    for a callback's container argument; the generated module calls it
    once, after defining them all."""
    global _views
    _views = tuple(views)


def set_classes(classes):
    """The module's classes by class index (None where an index has no
    class); the generated module calls it once, after defining them all."""
    global _classes
    _classes = tuple(classes)
    _index.clear()
    _what.clear()
    _named.clear()
    _viewdef.clear()
    pkg = sys.modules.get(_PACKAGE)
    for v in (vars(pkg).values() if pkg is not None else ()):
        if isinstance(v, _view.ViewDef) and v.cls is not None:
            _viewdef[v.cls] = v
    for i, c in enumerate(_classes):
        if c is None:
            continue
        _index[c] = i
        # By real inheritance: issubclass honours the interfaces' virtual
        # subclasses, and a struct class may be one.
        mro = c.__mro__
        if Interface in mro:
            _what[c] = _IFACE
        elif _obj.Struct in mro or (_obj.ErrorStruct is not None and _obj.ErrorStruct in mro):
            _what[c] = _STRUCT
        elif _view._View in mro:
            _what[c] = _VIEW
        else:
            _what[c] = _NAMED
            _named[c] = _named_kind(c)


def _named_kind(c):
    """(builtin base, val kind) of a named basic class. A named bool's
    class subclasses int (bool cannot be subclassed); its repr says which."""
    for base, kind in ((complex, COMPLEX), (float, FLOAT), (str, STR)):
        if issubclass(c, base):
            return base, kind
    if repr(int.__new__(c, 1)).endswith("(True)"):
        return int, BOOL
    return int, INT


def _generated(t):
    """The class of this module that the type t is or derives from, or None
    (a class of another module, or a builtin)."""
    for c in t.__mro__:
        if c in _index:
            return c
    return None


# ---- Python -> Go --------------------------------------------------------

def _cannot_hold(o, sig, idx, path):
    _rt.arg_error(TypeError, sig, idx, path, (
        "must be a value Go can hold (None, bool, int, float, complex, str, bytes, "
        "list, tuple, dict or an instance of a class of %s), not %s") % (_MODNAME, _rt.type_name(o)))


def to_val(o, sig, idx, iface, path=None):
    """o as a gopy_val for a parameter (field, variable, element) of the
    interface type iface: (cdata "gopy_val *", keep), keep holding what the
    val points into until the call returns."""
    p = _rt.ffi.new("gopy_val *")
    if type(o) is iface.cls and o._h:
        # An instance of the interface's own class (every method's
        # receiver) holds the Go value: what _fill_other makes of it,
        # without the walk there.
        p.kind, p.cls, p.i = GO, -1, o._h
        return p, [p, o]
    keep = [p]
    if iface.methods or iface.pykind:
        _fill_iface(p[0], o, sig, idx, path, keep, iface)
    else:
        _fill(p[0], o, sig, idx, path, keep)
    return p, keep


# ---- pointers to basic values --------------------------------------------

def _ptr_converter(conv, kind):
    """The converter of a pointer to a basic value (*int, *string, *Celsius;
    gopy_dyn.h: gopy_to_ptr_*): a record holding None (nil), a Ref's handle
    (Go gets a pointer into the Ref), or the value as conv (the kind's own
    converter, with its messages and range checks) takes it."""
    def to_ptr(o, sig, idx, path=None):
        p = _rt.ffi.new("gopy_val *")
        v, keep = p[0], [p]
        v.cls = -1
        if o is None:
            v.kind = NIL
        elif isinstance(o, Ref):
            v.kind, v.i = OBJ, o._h
            keep.append(o)
        else:
            x = conv(o, sig, idx, path)
            if kind == STR:
                _fill_str(v, STR, x, keep)
            elif kind == COMPLEX:
                v.kind, v.f, v.f2 = COMPLEX, x.real, x.imag
            elif kind == FLOAT:
                v.kind, v.f = FLOAT, x
            elif kind == UINT:
                v.kind, v.i = UINT, x - (1 << 64) if x > _INT64_MAX else x
            else:  # INT, BOOL
                v.kind, v.i = kind, int(x)
        return p, keep
    return to_ptr


to_ptr_bool = _ptr_converter(_rt.to_bool, BOOL)
to_ptr_named_bool = _ptr_converter(_rt.to_named_bool, BOOL)
to_ptr_string = _ptr_converter(_rt.to_string, STR)
to_ptr_float32 = _ptr_converter(_rt.to_float32, FLOAT)
to_ptr_float64 = _ptr_converter(_rt.to_float64, FLOAT)
to_ptr_complex64 = _ptr_converter(_rt.to_complex64, COMPLEX)
to_ptr_complex128 = _ptr_converter(_rt.to_complex128, COMPLEX)
(to_ptr_int, to_ptr_int8, to_ptr_int16, to_ptr_int32, to_ptr_int64) = (
    _ptr_converter(c, INT) for c in (_rt.to_int, _rt.to_int8, _rt.to_int16, _rt.to_int32, _rt.to_int64))
(to_ptr_uint, to_ptr_uint8, to_ptr_uint16, to_ptr_uint32, to_ptr_uint64, to_ptr_uintptr) = (
    _ptr_converter(c, UINT) for c in (_rt.to_uint, _rt.to_uint8, _rt.to_uint16, _rt.to_uint32,
                                      _rt.to_uint64, _rt.to_uintptr))


# What can never implement an interface with methods (refused in Python)
# and what the rules of any give Go as it is.
_PLAIN = (bool, int, float, complex, str, bytes, bytearray, memoryview, list, tuple, dict)


def _fill_iface(v, o, sig, idx, path, keep, iface):
    """o for a named interface, error or func type: a Go value as for any;
    else a Python object the type takes (iface.pykind) as PY."""
    if o is None or _is_go_value(o):
        _fill(v, o, sig, idx, path, keep)
        return
    if iface.pykind >= PY_READER:  # io's streams
        io = _io_module()
        if io.check(o, sig, idx, path, iface.pykind):
            _fill_str(v, BYTES, _bytes_of(o), keep)
            v.cls = -1
            return
        h = _handle(o)
        keep.append(h)
        _lent[_addr(h)] = h
        v.cls, v.kind, v.py, v.i = -1, PY, h, io.has_readinto(o)
        return
    if isinstance(o, _PLAIN):
        if iface.methods:
            _rt.arg_error(TypeError, sig, idx, path, "must be %s, not %s" % (iface.qualname, _rt.type_name(o)))
        if iface.pykind == PY_CALLABLE:  # no plain value is a func
            _rt.arg_error(TypeError, sig, idx, path, "must be callable, not %s" % _rt.type_name(o))
        _fill(v, o, sig, idx, path, keep)
        return
    pykind = iface.pykind
    if pykind == PY_METHODS:
        t = type(o)
        for name in iface.methods:
            if getattr(t, name, _ABSENT) is _ABSENT:
                _rt.arg_error(TypeError, sig, idx, path, "must implement %s: %s has no method %s" % (
                    iface.qualname, _rt.type_name(o), name))
    elif pykind == PY_EXCEPTION:
        if not isinstance(o, BaseException):
            _rt.arg_error(TypeError, sig, idx, path, "must be an exception or None, not %s" % _rt.type_name(o))
    elif pykind == PY_CALLABLE:
        if not callable(o):
            _rt.arg_error(TypeError, sig, idx, path, "must be callable, not %s" % _rt.type_name(o))
    else:
        _cannot_hold(o, sig, idx, path)
    # Borrowed for the call (gopy_abi.h: PY): the handle lives in keep, and
    # _lent finds it when Go takes a reference of its own (_incref).
    h = _handle(o)
    keep.append(h)
    _lent[_addr(h)] = h
    v.cls, v.kind, v.py = -1, PY, h


_ABSENT = object()


def _is_go_value(o):
    """Whether the rules of any give o to Go as a Go value: this module's
    instances, views, GoValue, Ref, a GoError holding a Go error."""
    t = type(o)
    if _inherits(t, Interface) and not o._h:  # a Python subclass's instance
        return False
    if _io is not None and _io.value_of(o) is not None:  # a Go stream
        return True
    return (_generated(t) is not None or _inherits(t, _view._View, Interface, GoValue, Ref) or
            (isinstance(o, _rt.GoError) and o._gopy_err is not None))


def _inherits(t, *classes):
    """Whether t derives from one of classes by real inheritance (not as
    a virtual subclass: a Python class with an interface's methods is one
    of the interface class, but holds no Go value)."""
    mro = t.__mro__
    for c in classes:
        if c in mro:
            return True
    return False


def _fill(v, o, sig, idx, path, keep):
    """Fills the gopy_val v (a cdata struct) from o."""
    v.cls = -1
    t = type(o)
    if o is None:
        v.kind = NIL
    elif t is bool:
        v.kind, v.i = BOOL, o
    elif t is int:
        _fill_int(v, o, sig, idx, path, keep)
    elif t is float:
        v.kind, v.f = FLOAT, o
    elif t is str:
        _fill_str(v, STR, _rt.to_string(o, sig, idx, path), keep)
    elif t is list or t is tuple:
        _fill_list(v, o, sig, idx, path, keep)
    elif t is dict:
        _fill_dict(v, o, sig, idx, path, keep)
    else:
        _fill_other(v, o, t, sig, idx, path, keep)


def _fill_int(v, o, sig, idx, path, keep=None):
    n = int.__index__(o)
    if n < _INT64_MIN or n > _INT64_MAX:
        if type(keep) is _Malloc:  # a callback's result: Go may want a *big.Int
            _fill_str(v, BIGINT, _std_module()._big_record(n), keep)
            return
        _rt.range_error(n, sig, idx, path, "int64")
    v.kind, v.i = INT, n


def _fill_str(v, kind, data, keep):
    v.kind = kind
    if not data:
        return
    if type(keep) is _Malloc:
        p = _rt.ffi.cast("char *", _alloc(_rt.lib.malloc(len(data))))
        _rt.ffi.memmove(p, data, len(data))
    else:
        p = _rt.ffi.from_buffer(data)
        keep.append((data, p))
    v.str.p, v.str.n = p, len(data)


def _fill_other(v, o, t, sig, idx, path, keep):
    """What is not an exact builtin: this module's instances, then the
    builtins' subclasses. An instance whose handle Go gets is kept alive
    for the call: the caller's def may hold the only other reference, in
    the parameter it rebinds to the converted value."""
    results = type(keep) is _Malloc
    if _io is not None and _io.value_of(o) is not None:  # a Go stream: its value
        o = _io.value_of(o)
        t = type(o)
    if not results:
        keep.append(o)
    c = _generated(t)
    if c is not None and _what[c] == _IFACE and not o._h:  # a Python subclass's instance
        c = None
    if c is not None:
        what = _what[c]
        if what == _NAMED:  # a value, no handle
            _fill_named(v, o, c, sig, idx, path, keep)
            return
        if what == _STRUCT:
            v.kind, v.i, v.cls = OBJ, o._h, _index[c]
        else:  # a view, an interface value: Go takes the value itself
            v.kind, v.i = GO, o._h
    elif _inherits(t, _view._View, GoValue) or (_inherits(t, Interface) and o._h):  # a generic view, or an unregistered class
        v.kind, v.i = GO, o._h
    elif isinstance(o, Ref):
        v.kind, v.i = OBJ, o._h
    elif isinstance(o, _rt.GoError) and o._gopy_err is not None:
        v.kind, v.i = GO, o._gopy_err._h
    else:
        _fill_builtin(v, o, sig, idx, path, keep, results)
        return
    if results:  # Go drops it once it has read the handle (gopy_abi.h: call)
        v.py = _new_ref(o)


def _fill_builtin(v, o, sig, idx, path, keep, results):
    """A subclass of a builtin the any rules take, or what no Go value is:
    refused in an argument, a PY record in a callback's results."""
    if isinstance(o, bool):
        v.kind, v.i = BOOL, o
    elif isinstance(o, int):
        _fill_int(v, o, sig, idx, path, keep)
    elif isinstance(o, float):
        v.kind, v.f = FLOAT, float(o)
    elif isinstance(o, complex):
        v.kind, v.f, v.f2 = COMPLEX, o.real, o.imag
    elif isinstance(o, str):
        _fill_str(v, STR, _rt.to_string(o, sig, idx, path), keep)
    elif isinstance(o, (bytes, bytearray, memoryview)):
        _fill_str(v, BYTES, _bytes_of(o), keep)
    elif isinstance(o, (list, tuple)):
        _fill_list(v, o, sig, idx, path, keep)
    elif isinstance(o, dict):
        _fill_dict(v, o, sig, idx, path, keep)
    elif _fill_std(v, o, sig, idx, path, keep):
        pass
    elif results:
        v.kind, v.py = PY, _new_ref(o)
    else:
        _cannot_hold(o, sig, idx, path)


_io = None


def _io_module():
    """_gopy_io, imported on first use (a stream interface's value)."""
    global _io
    if _io is None:
        from . import _gopy_io
        _io = _gopy_io
    return _io


_std = None


def _std_module():
    """_gopy_std, imported on first use: it imports datetime and fractions,
    which a program that never passes their values need not load."""
    global _std
    if _std is None:
        from . import _gopy_std
        _std = _gopy_std
    return _std


def _fill_std(v, o, sig, idx, path, keep):
    """A datetime, timedelta or Fraction as its record (_gopy_std.py);
    False when o is none. Only a loaded module can have made o."""
    if _std is None and "datetime" not in sys.modules and "fractions" not in sys.modules:
        return False
    rec = _std_module().val_record(o, sig, idx, path)
    if rec is None:
        return False
    kind, data = rec
    if kind == DURATION:
        v.kind, v.i = kind, data
    else:
        _fill_str(v, kind, data, keep)
    return True


def _bytes_of(o):
    """The bytes of a bytes-like object, in logical (C) order; Go copies them."""
    if isinstance(o, (bytes, bytearray)):
        return o
    mv = o if isinstance(o, memoryview) else memoryview(o)
    if mv.c_contiguous:
        return mv.cast("B") if mv.ndim == 1 and mv.format == "B" else mv.tobytes()
    return _rt.c_order_bytes(mv)


def _fill_named(v, o, c, sig, idx, path, keep):
    """An instance of a named basic class: its underlying kind's val with
    cls set. Its value was checked against the Go type when it was made."""
    base, kind = _named[c]
    v.cls = _index[c]
    if kind == STR:
        _fill_str(v, STR, _rt.to_string(o, sig, idx, path), keep)
    elif kind == FLOAT:
        v.kind, v.f = FLOAT, float.__float__(o)
    elif kind == COMPLEX:
        v.kind, v.f, v.f2 = COMPLEX, o.real, o.imag
    elif kind == BOOL:
        v.kind, v.i = BOOL, 1 if int.__index__(o) else 0
    else:
        n = int.__index__(o)
        if n > _INT64_MAX:  # an unsigned type's: the bits of a uint64
            v.kind, v.i = UINT, n - (1 << 64)
        else:
            v.kind, v.i = INT, n


def _items(n, keep):
    if type(keep) is _Malloc:  # zeroed: NIL records until filled
        return _rt.ffi.cast("gopy_val *", _alloc(_rt.lib.calloc(n, _rt.ffi.sizeof("gopy_val"))))
    arr = _rt.ffi.new("gopy_val[]", n)
    keep.append(arr)
    return arr


def _alloc(p):
    if p == _rt.ffi.NULL:
        raise MemoryError()
    return p


class _Malloc(list):
    """The keep of a callback's results: what _fill makes is malloc'd
    (Go frees it) and each object that is no Go value goes as PY."""

    __slots__ = ()


def _fill_list(v, o, sig, idx, path, keep):
    n = len(o)
    v.kind, v.i = LIST, n
    if not n:
        return
    arr = v.items = _items(n, keep)
    base = tuple(path) if path else ()
    for i, e in enumerate(o):
        _fill(arr[i], e, sig, idx, base + ((i, None, False, "any"),), keep)


def _fill_dict(v, o, sig, idx, path, keep):
    pairs = list(o.items())
    n = len(pairs)
    v.kind, v.i = DICT, n
    if not n:
        return
    arr = v.items = _items(2 * n, keep)
    base = tuple(path) if path else ()
    for i, (k, e) in enumerate(pairs):
        _fill(arr[2 * i], k, sig, idx, base + ((i, k, True, "any"),), keep)
        _fill(arr[2 * i + 1], e, sig, idx, base + ((i, k, False, "any"),), keep)


# ---- Go -> Python ----------------------------------------------------------

def from_val(v):
    """The Python value of the gopy_val v from Go (a struct, as a result
    struct's member is, or a pointer to one), consuming it (its memory is
    freed, its handles owned by the new objects or released)."""
    return _take(v[0] if _rt.ffi.typeof(v).kind == "pointer" else v)


def _take(v):
    kind = v.kind
    if kind == NIL:
        return None
    if kind == STR or kind == BYTES:
        s = _rt.from_str(v.str) if kind == STR else _rt.from_bytes(v.str)
        return _named_value(v.cls, s)
    if kind == LIST or kind == DICT:
        return _take_items(v, kind)
    if kind == OBJ or kind == GO or kind == ERROR:
        return _take_handle(v, kind)
    if kind == VIEW:
        return _take_view(int(v.i), v.cls)
    if kind == PY:  # a new reference: the object itself, one count less in _held
        o = _rt.ffi.from_handle(v.py)
        _decref(v.py)
        return o
    if TIME <= kind <= RAT:
        return _std_module().from_val(v)
    if kind == IO:
        h = int(v.i)
        return _io_module().from_val(_wrap(GoValue, h), v.cls) if h else None
    if kind == MEM:  # Go's memory, lent for the call: nothing to free
        return _io_module().mem(v)
    if kind == BOOL:
        r = v.i != 0
    elif kind == INT:
        r = int(v.i)
    elif kind == UINT:
        r = int(v.i) & _UINT64_MASK
    elif kind == FLOAT:
        r = float(v.f)
    elif kind == COMPLEX:
        r = complex(v.f, v.f2)
    else:
        raise SystemError("gopy: a Go value of unknown kind %d" % kind)
    return _named_value(v.cls, r)


def _named_value(cls, r):
    """r as an instance of the named basic class cls (-1: r itself)."""
    if cls < 0:
        return r
    c = _class(cls)
    if c not in _named:
        raise SystemError("gopy: class %d is not a named basic class" % cls)
    return _named[c][0].__new__(c, r)


def _class(i):
    if 0 <= i < len(_classes) and _classes[i] is not None:
        return _classes[i]
    raise SystemError("gopy: no class %d in module %s" % (i, _PACKAGE))


def _take_items(v, kind):
    """A list or dict: every item is taken, also after one fails, so that
    all Go memory is freed and all handles owned or released; then the
    first failure is raised."""
    n = int(v.i)
    items = v.items
    err = None
    out = []
    try:
        for i in range(2 * n if kind == DICT else n):
            try:
                out.append(_take(items[i]))
            except BaseException as x:
                out.append(None)
                if err is None:
                    err = x
    finally:
        if items != _rt.ffi.NULL:
            _rt.lib.free(items)
    if err is not None:
        raise err
    if kind == LIST:
        return out
    return dict(zip(out[0::2], out[1::2]))


def _take_handle(v, kind):
    h, cls = int(v.i), v.cls
    if not h:
        return None
    if kind == ERROR:
        return error_of(h)
    if kind == GO and cls < 0:
        return _wrap(GoValue, h)
    return from_class(cls, h)


def from_class(cls, h):
    """A new instance of class index cls owning handle h: a struct or error
    class's, an interface class's, or a view of a named container."""
    c = _classes[cls] if 0 <= cls < len(_classes) else None
    what = _what.get(c)
    if what == _VIEW and c in _viewdef:
        return _view.from_view(_viewdef[c], h)
    if what == _STRUCT or what == _IFACE:
        return _wrap(c, h)
    _rt.release(h)
    raise SystemError("gopy: class %d of module %s cannot hold a Go value" % (cls, _PACKAGE))


def _take_view(h, i):
    if 0 <= i < len(_views):
        return _view.from_view(_views[i], h)
    _rt.release(h)
    raise SystemError("gopy: no container type %d in module %s" % (i, _PACKAGE))


_wrap = _obj.wrap


def error_of(h):
    """A GoError holding the Go error of handle h (a *error, owned): str(e)
    is its Error(), e.go_type its dynamic type."""
    holder = _wrap(GoValue, h)  # owns h from here on
    typ, text = describe(h)
    e = _rt.GoError(text)
    e.go_type = typ
    e._gopy_err = holder
    return e


def describe(h):
    """(%T, %v) of the value the handle h points to."""
    ffi, lib = _rt.ffi, _rt.lib
    _rt.refuse_forked()
    typ, val = ffi.new("gopy_str *"), ffi.new("gopy_str *")
    fail = lib.gopy_value_describe(h, typ, val)
    if fail:
        _rt.raise_fail(fail)
    t = _rt.from_str(typ[0])
    return t, _rt.from_str(val[0])


def val_free(p):
    """Frees the gopy_val tree *p from Go without converting it: its memory,
    and its handles are released."""
    _free(p[0])


def _free(v):
    kind = v.kind
    if kind == STR or kind == BYTES or kind == TIME or kind == BIGINT or kind == RAT:
        if v.str.p != _rt.ffi.NULL:
            _rt.lib.free(v.str.p)
    elif kind == LIST or kind == DICT:
        items = v.items
        if items != _rt.ffi.NULL:
            for i in range(int(v.i) * (2 if kind == DICT else 1)):
                _free(items[i])
            _rt.lib.free(items)
    elif kind in (OBJ, GO, ERROR, VIEW, IO) and v.i:
        _rt.release(int(v.i))
    elif kind == PY and v.py != _rt.ffi.NULL:
        _decref(v.py)


# ---- Python objects Go holds -------------------------------------------------

# A Python object crosses as the pointer of a cffi handle (ffi.new_handle),
# which stays valid while the handle cdata lives. _held keeps those Go
# holds references to, {address: [handle, count]}; _lent finds the handles
# of arguments (borrowed: they live in the caller's keep) when Go takes a
# reference of its own to one. Callbacks come from any thread, so the
# counts change under a lock.
_held: dict = {}
_lent: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
_held_lock = threading.Lock()


def _addr(p):
    return int(_rt.ffi.cast("uintptr_t", p))


# One handle per object while one lives, so that Go sees one pointer for
# one object (two Go values of one exception are one error: errors.Is).
_by_obj: weakref.WeakValueDictionary = weakref.WeakValueDictionary()  # id(o) -> its handle


def _handle(o):
    h = _by_obj.get(id(o))
    if h is not None and _rt.ffi.from_handle(h) is o:
        return h
    h = _rt.ffi.new_handle(o)
    _by_obj[id(o)] = h
    return h


def _new_ref(o):
    """A new reference to o for Go: the pointer of its handle, held once more."""
    h = _handle(o)
    with _held_lock:
        e = _held.get(_addr(h))
        if e is not None:
            e[1] += 1
        else:
            _held[_addr(h)] = [h, 1]
    return h


def _incref(p):
    a = _addr(p)
    with _held_lock:
        e = _held.get(a)
        if e is not None:
            e[1] += 1
            return
        h = _lent.get(a)
        if h is None:
            raise SystemError("gopy: Go holds a Python object that was not lent to it")
        _held[a] = [h, 1]


def _decref(p):
    a = _addr(p)
    with _held_lock:
        e = _held.get(a)
        if e is None:
            return
        e[1] -= 1
        if e[1] <= 0:
            del _held[a]


def held_objects():
    """The number of Python objects Go holds references to (for tests)."""
    return len(_held)


# ---- the pyapi: Go calls Python ----------------------------------------------

def _malloc_str(s, text):
    """Fills the gopy_str s with text (a str) as malloc'd UTF-8."""
    data = text.encode("utf-8", "surrogateescape")
    if data:
        p = _rt.ffi.cast("char *", _alloc(_rt.lib.malloc(len(data))))
        _rt.ffi.memmove(p, data, len(data))
        s.p, s.n = p, len(data)


def _str_of(o):
    try:
        text = str(o)
        text.encode("utf-8", "surrogateescape")
        return text
    except BaseException:
        return "<str() failed>"


def _fail_record(kind, message, exc=None):
    """A malloc'd gopy_fail for Go: its address."""
    ffi = _rt.ffi
    f = ffi.cast("gopy_fail *", _alloc(_rt.lib.calloc(1, ffi.sizeof("gopy_fail"))))
    try:
        f.kind, f.cls = kind, -1
        _malloc_str(f.message, message)
        if exc is not None:
            _malloc_str(f.go_type, type(exc).__name__)
            f.py = _new_ref(exc)
            # A GoError holding a Go error is that error for Go (errors.Is):
            # its handle, valid while the exception lives.
            held = getattr(exc, "_gopy_err", None) if isinstance(exc, _rt.GoError) else None
            if held is not None:
                f.error = held._h
    except BaseException:
        _rt.lib.free(f.message.p)
        _rt.lib.free(f)
        raise
    return _addr(f)


def _exc_record(exc):
    return _fail_record(_FAIL_PYEXC, _str_of(exc), exc)


def _take_arg(v):
    """A callback's argument: a number or bool of no class (the common
    callback's, which holds nothing to free) directly, else by _take."""
    kind = v.kind
    if v.cls < 0:
        if kind == FLOAT:
            return v.f
        if kind == INT:
            return v.i
        if kind == BOOL:
            return v.i != 0
    return _take(v)


def _scalar_result(v, r):
    """A float, an int within int64 or a bool r into the record v, the
    common results, without _fill_results' signature and checks: whether
    it was one."""
    t = type(r)
    if t is float:
        v.kind, v.cls, v.f = FLOAT, -1, r
    elif t is bool:
        v.kind, v.cls, v.i = BOOL, -1, r
    elif t is int and _INT64_MIN <= r <= _INT64_MAX:
        v.kind, v.cls, v.i = INT, -1, r
    else:
        return False
    return True


def _call(obj, method, args, nargs, results, nresults):
    """gopy_pyapi.call: obj(*args) or obj.method(*args), the results into
    nresults records. 0, or the address of a failure record."""
    ffi = _rt.ffi
    try:
        f = ffi.from_handle(obj)
        values, err, lent = [], None, None
        for i in range(nargs):  # Go's records: each is consumed, also after a failure
            try:
                if args[i].kind == MEM:  # released when the call returns
                    lent = lent or []
                    lent.append(i)
                values.append(_take_arg(args[i]))
            except BaseException as x:
                values.append(None)
                if err is None:
                    err = x
        if err is not None:
            raise err
        if method:  # a NULL cdata is false (comparing with ffi.NULL costs more)
            name = ffi.string(method).decode("utf-8", "surrogateescape")
            f = getattr(f, name)
        try:
            r = f(*values)
        finally:
            if lent:  # Go's memory must not outlive the call
                _release_lent(values, lent)
        if nresults == 0:
            return 0
        if nresults == 1:
            if _scalar_result(results[0], r):
                return 0
            r = (r,)
        elif type(r) is not tuple or len(r) != nresults:
            what = name if method else repr(f)
            return _fail_record(_FAIL_TYPE, "%s returned %s, not a tuple of %d values" % (
                what, _rt.type_name(r), nresults))
        _fill_results(results, r, name if method else None)
        return 0
    except BaseException as exc:
        try:
            return _exc_record(exc)
        except BaseException:  # no memory for the record: Go sees a zero result
            return 0


def _release_lent(values, lent):
    for i in lent:
        try:
            values[i].release()
        except (BufferError, AttributeError):  # an export Python still holds keeps it
            pass


def _fill_results(results, r, name):
    """The values r as malloc'd records at results (by the any rules, and
    what no Go value is as PY); on a failure what was made is freed."""
    keep = _Malloc()
    sig = _rt.Sig(name or "callback", tuple("result %d" % i if len(r) > 1 else "result" for i in range(len(r))),
                  ("any",) * len(r), (), _rt.ELEM)
    try:
        for i, x in enumerate(r):
            _fill(results[i], x, sig, i, None, keep)
    except BaseException:
        for i in range(len(r)):
            _free_result(results[i])
        raise


def _free_result(v):
    """Frees a record _fill made for Go and zeroes it (Go frees the
    results of a failed call again)."""
    kind = v.kind
    if kind == STR or kind == BYTES or kind == TIME or kind == BIGINT or kind == RAT:
        _rt.lib.free(v.str.p)
    elif (kind == LIST or kind == DICT) and v.items != _rt.ffi.NULL:
        for i in range(int(v.i) * (2 if kind == DICT else 1)):
            _free_result(v.items[i])
        _rt.lib.free(v.items)
    if v.py != _rt.ffi.NULL:
        _decref(v.py)
    v.kind, v.cls, v.i, v.py, v.items = NIL, -1, 0, _rt.ffi.NULL, _rt.ffi.NULL
    v.str.p, v.str.n = _rt.ffi.NULL, 0


def _has_caller():
    """Whether this thread's Python code waits in the call into Go: a thread
    Go started has no threading.Thread of its own (or a _DummyThread once
    Python code asked for one)."""
    t = threading._active.get(threading.get_ident())
    return 0 if t is None or isinstance(t, threading._DummyThread) else 1


_hook_args_type = None


def _unraisable(exc, message):
    """Reports exc (or a RuntimeError(message)) through sys.unraisablehook."""
    ffi = _rt.ffi
    if exc != ffi.NULL:
        e = ffi.from_handle(exc)
    else:
        e = RuntimeError(ffi.string(message).decode("utf-8", "replace"))
    fields = (type(e), e, e.__traceback__, "Exception ignored in a Go callback", None)
    hook = sys.unraisablehook
    if hook is getattr(sys, "__unraisablehook__", None) and _hook_args_type is not None:
        args = _hook_args_type(fields)  # CPython's hook takes its own type only
    else:
        args = _HookArgs(*fields)
    hook(args)


class _HookArgs:
    """What sys.unraisablehook reads (PyPy's also extra_line)."""

    __slots__ = ("exc_type", "exc_value", "exc_traceback", "err_msg", "object")
    extra_line = ""

    def __init__(self, exc_type, exc_value, exc_traceback, err_msg, obj):
        self.exc_type, self.exc_value, self.exc_traceback = exc_type, exc_value, exc_traceback
        self.err_msg, self.object = err_msg, obj


def _find_hook_args_type():
    """CPython's UnraisableHookArgs, which its default hook insists on, is
    not exposed: the type of what the hook gets for an exception in
    __del__ (immediate where objects are reference counted)."""
    global _hook_args_type
    if _rt._PYPY:
        return
    got = []

    class Probe:
        def __del__(self):
            raise RuntimeError

    old = sys.unraisablehook
    sys.unraisablehook = got.append
    try:
        Probe()
    finally:
        sys.unraisablehook = old
    if got:
        _hook_args_type = type(got[0])


def install_pyapi(ffi, lib):
    """Defines the pyapi's extern "Python" callbacks of this module's cffi
    half and hands the table to Go (gopyc_set_pyapi, gopy_cffi_shims.h).
    Called once by init, after Go's init functions ran."""
    import atexit

    if not hasattr(lib, "gopyc_set_pyapi"):  # a stand-in lib (tests/unit_py): nothing calls back
        return
    ffi.def_extern(name="gopyc_py_incref")(_incref)
    ffi.def_extern(name="gopyc_py_decref")(_decref)
    ffi.def_extern(name="gopyc_py_call")(_call)

    @ffi.def_extern(name="gopyc_py_str")
    def _str(obj, out):
        _malloc_str(out, _str_of(ffi.from_handle(obj)))

    ffi.def_extern(name="gopyc_py_has_caller")(_has_caller)
    ffi.def_extern(name="gopyc_py_unraisable")(_unraisable)
    _find_hook_args_type()
    # Go's cleanups may drop references while and after the interpreter
    # finalizes: from then on the C side ignores them.
    atexit.register(lib.gopyc_py_finalizing)
    lib.gopyc_set_pyapi()


# ---- classes --------------------------------------------------------------

def _not_constructible(cls):
    raise TypeError("cannot create '%s' instances" % _obj._generated(cls)._gopy_tp_name)


def _release(self, _rt=_rt):
    # As Struct.__del__: _rt as a default, since at interpreter exit this
    # module's globals may be gone before the last instances are.
    try:
        h = self._h
    except AttributeError:  # never got a handle
        return
    lib = _rt.lib
    if h and lib is not None and not lib.gopy_forked:
        lib.gopy_handle_release(h)


def _described_repr(self):
    """"calc.GoValue(<*calc.thing>, &{1})": the class, then %T and %v."""
    typ, text = describe(self._h)
    return "%s(<%s>, %s)" % (self._gopy_tp_name, typ, text)


def _no_pickle(self, protocol):
    # A pickle would copy the handle, and two objects would release it.
    raise TypeError("cannot pickle '%s' object" % self._gopy_tp_name)


def _has_methods(C, names):
    """Whether the class C defines each of names (as collections.abc does:
    an attribute set to None does not count)."""
    mro = C.__mro__
    for name in names:
        for B in mro:
            if name in B.__dict__:
                if B.__dict__[name] is None:
                    return False
                break
        else:
            return False
    return True


class Interface(metaclass=abc.ABCMeta):
    """The base of a module's interface classes. An instance holds _h, the
    handle of a Go value of the interface type (a *Shape) whose dynamic
    type has no class of the module; classes that implement the interface
    are registered as its virtual subclasses, and a Python class defining
    every method (_gopy_methods) is one too."""

    __slots__ = ("_h",)
    _gopy_tp_name = "gopy.Interface"
    _gopy_methods = ()

    def __new__(cls, *args, **kwargs):
        # A Python subclass implements the interface in Python: its
        # instances hold no Go value and cross as Python objects.
        if cls is Interface or cls in _index:
            _not_constructible(cls)
        self = object.__new__(cls)
        self._h = 0
        return self

    __del__ = _release

    def __repr__(self):
        return _described_repr(self) if self._h else object.__repr__(self)

    __reduce_ex__ = _no_pickle

    @classmethod
    def __subclasshook__(cls, C):
        methods = cls.__dict__.get("_gopy_methods")
        if methods is None or cls is Interface:
            return NotImplemented
        return True if _has_methods(C, methods) else NotImplemented


class GoValue:
    """A Go value Python has no type for, held as it is: it passes back
    to Go unchanged. repr shows its Go type (%T) and value (%v). A Go func
    can be called."""

    __slots__ = ("_h",)
    __module__ = _PACKAGE
    _gopy_tp_name = _MODNAME + ".GoValue"

    def __new__(cls, *args, **kwargs):
        _not_constructible(cls)

    __del__ = _release
    __repr__ = _described_repr
    __reduce_ex__ = _no_pickle

    def __call__(self, *args):
        """Calls the Go func this value holds with args, converted to its
        parameters' types; its results as a function's are (a trailing
        error raises)."""
        arr, keep = _rt.to_varargs(args, _CALL, 0)
        out = _rt.ffi.new("gopy_val *")
        _rt.refuse_forked()
        fail = _rt.lib.gopy_value_call(self._h, arr, len(args), out)
        del keep
        if fail:
            _rt.raise_fail(fail)
        res = from_val(out)
        return None if not res else res[0] if len(res) == 1 else tuple(res)

    @property
    def __signature__(self):
        """The signature of the Go func it holds (positional parameters
        named by position), or None."""
        return _go_signature(self._h)


# A Go func's arguments: any object, Go converting it to the parameter's
# type (a Python object becomes the interface or func value it stands for).
_CALL_ARG = Iface("any", (), PY_METHODS)
_CALL = _rt.Sig(_MODNAME + ".GoValue", ("args",), ("any",), (_CALL_ARG.to,), _rt.CALL,
                vararg="gopy_val", vararg_shape="seq")


def _go_signature(h):
    import inspect
    ffi = _rt.ffi
    out, n, variadic = ffi.new("gopy_str *"), ffi.new("long long *"), ffi.new("unsigned char *")
    _rt.refuse_forked()
    fail = _rt.lib.gopy_value_signature(h, out, n, variadic)
    if fail:
        _rt.raise_fail(fail)
    if not out.p:
        return None
    gotype = _rt.from_str(out[0])
    P = inspect.Parameter
    params = [P("arg%d" % i, P.POSITIONAL_ONLY, annotation=gotype) for i in range(n[0] - variadic[0])]
    if variadic[0]:
        params.append(P("args", P.VAR_POSITIONAL))
    return inspect.Signature(params)


_REF_NEW = _rt.Sig("Ref", ("initial",), ("any",), (ANY.to,), _rt.NEW)
_REF_FIELD = _rt.Sig(_MODNAME + ".Ref", ("value",), ("any",), (ANY.to,), _rt.FIELD)


class Ref:
    """Ref(initial=None): a new Go *any holding initial, for Go functions that
    fill what a pointer points to (json.Unmarshal): Go gets the pointer.
    .value reads and writes what it points to."""

    __slots__ = ("_h",)
    __module__ = _PACKAGE
    _gopy_tp_name = _MODNAME + ".Ref"

    def __init__(self, initial=None):
        p, keep = to_val(initial, _REF_NEW, 0, ANY)
        _rt.refuse_forked()
        out = _rt.ffi.new("GoInt64 *")
        fail = _rt.lib.gopy_ref_new(p, out)
        del keep
        if fail:
            _rt.raise_fail(fail)
        old = getattr(self, "_h", 0)
        self._h = out[0]
        if old:  # __init__ called again
            _rt.release(old)

    __del__ = _release
    __reduce_ex__ = _no_pickle

    @property
    def value(self):
        """The value the Go *any points to."""
        _rt.refuse_forked()
        out = _rt.ffi.new("gopy_val *")
        fail = _rt.lib.gopy_ref_get(self._h, out)
        if fail:
            _rt.raise_fail(fail)
        return from_val(out)

    @value.setter
    def value(self, v):
        p, keep = to_val(v, _REF_FIELD, 0, ANY)
        _rt.refuse_forked()
        fail = _rt.lib.gopy_ref_set(self._h, p)
        del keep
        if fail:
            _rt.raise_fail(fail)

    @value.deleter
    def value(self):
        _obj.field_delete(_REF_FIELD)

    def __repr__(self):
        return "%s(%r)" % (self._gopy_tp_name, self.value)


for _c in (GoValue, Ref):
    _c.__qualname__ = _c.__name__
del _c
