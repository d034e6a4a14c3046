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

import abc
import sys

from . import _gopy as _rt
from . import _gopy_obj as _obj
from . import _gopy_view as _view

# gopy_abi.h: gopy_val.kind (the enum is outside the cdef block that cffi
# reads, so the numbers are repeated here).
NIL, BOOL, INT, UINT, FLOAT, COMPLEX, STR, BYTES, LIST, DICT, OBJ, GO, ERROR, PY = range(14)

_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1
_UINT64_MASK = (1 << 64) - 1

# The package this copy belongs to ("calc", or "pkg.calc" when imported
# from a folder), and its name as gopy named it, which prefixes the
# classes' names in messages ("calc.GoValue") as the generated classes'
# _gopy_tp_name does.
_PACKAGE = __name__.rpartition(".")[0]
_MODNAME = _PACKAGE.rpartition(".")[2]


class Iface:
    """An interface type values are converted for (gopy_ifacedef):
    qualname names it ("any", "error", "shapes.Shape"), methods are the
    Python names of its methods (empty for any and error), cls is its
    class (set by the generated module once defined), or None."""

    __slots__ = ("qualname", "methods", "cls")

    def __init__(self, qualname, methods=()):
        self.qualname, self.methods, self.cls = qualname, tuple(methods), None

    def to(self, o, sig, idx, path=None):
        """to_val for this interface, with a converter's signature (Sig.convs,
        variadic elements: store shape "seq")."""
        return to_val(o, sig, idx, self, path)


ANY = Iface("any")


# ---- the module's classes ------------------------------------------------

# set_classes: class index -> class, class -> index, and what each is.
_classes = ()
_index = {}
_STRUCT, _NAMED, _VIEW, _IFACE = range(4)
_what = {}     # generated class -> _STRUCT, _NAMED, _VIEW or _IFACE
_named = {}    # named basic class -> (its builtin base, its val kind)
_viewdef = {}  # named container class -> its ViewDef


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
        elif _obj.Struct in mro:
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
        "list, tuple, dict or a %s instance), not %s") % (_MODNAME, _rt.type_name(o)))


def to_val(o, sig, idx, iface, path=None):
    """o as a gopy_val for a parameter (field, variable, element) of the
    interface type iface: (cdata "gopy_val *", keep), keep holding what the
    val points into until the call returns."""
    p = _rt.ffi.new("gopy_val *")
    keep = [p]
    _fill(p[0], o, sig, idx, path, keep)
    return p, keep


def _fill(v, o, sig, idx, path, keep):
    """Fills the gopy_val v (a cdata struct) from o."""
    v.cls = -1
    t = type(o)
    if o is None:
        v.kind = NIL
    elif t is bool:
        v.kind, v.i = BOOL, o
    elif t is int:
        _fill_int(v, o, sig, idx, path)
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


def _fill_int(v, o, sig, idx, path):
    n = int.__index__(o)
    if n < _INT64_MIN or n > _INT64_MAX:
        _rt.range_error(n, sig, idx, path, "int64")
    v.kind, v.i = INT, n


def _fill_str(v, kind, data, keep):
    v.kind = kind
    if data:
        p = _rt.ffi.from_buffer(data)
        keep.append((data, p))
        v.str.p, v.str.n = p, len(data)


def _fill_other(v, o, t, sig, idx, path, keep):
    """What is not an exact builtin: this module's instances, then the
    builtins' subclasses. An instance whose handle Go gets is kept alive
    for the call: the caller's def may hold the only other reference, in
    the parameter it rebinds to the converted value."""
    keep.append(o)
    c = _generated(t)
    if c is not None:
        what = _what[c]
        if what == _NAMED:
            _fill_named(v, o, c, sig, idx, path, keep)
        elif what == _STRUCT:
            v.kind, v.i, v.cls = OBJ, o._h, _index[c]
        else:  # a view, an interface value: Go takes the value itself
            v.kind, v.i = GO, o._h
        return
    if isinstance(o, (_view._View, Interface, GoValue)):  # a generic view, or an unregistered class
        v.kind, v.i = GO, o._h
    elif isinstance(o, Ref):
        v.kind, v.i = OBJ, o._h
    elif isinstance(o, _rt.GoError) and o._gopy_err is not None:
        v.kind, v.i = GO, o._gopy_err._h
    elif isinstance(o, bool):
        v.kind, v.i = BOOL, o
    elif isinstance(o, int):
        _fill_int(v, o, sig, idx, path)
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
    else:
        _cannot_hold(o, sig, idx, path)


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
    arr = _rt.ffi.new("gopy_val[]", n)
    keep.append(arr)
    return arr


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
    c = _classes[cls] if 0 <= cls < len(_classes) else None
    what = _what.get(c)
    if what == _VIEW and c in _viewdef:
        return _view.from_view(_viewdef[c], h)
    if what == _STRUCT or what == _IFACE:
        return _wrap(c, h)
    _rt.release(h)
    raise SystemError("gopy: class %d of module %s cannot hold a Go value" % (cls, _PACKAGE))


def _wrap(cls, h):
    o = object.__new__(cls)
    o._h = h
    return o


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
    if kind == STR or kind == BYTES:
        if v.str.p != _rt.ffi.NULL:
            _rt.lib.free(v.str.p)
    elif kind == LIST or kind == DICT:
        items = v.items
        if items != _rt.ffi.NULL:
            for i in range(int(v.i) * (2 if kind == DICT else 1)):
                _free(items[i])
            _rt.lib.free(items)
    elif kind in (OBJ, GO, ERROR) and v.i:
        _rt.release(int(v.i))


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
        _not_constructible(cls)

    __del__ = _release
    __repr__ = _described_repr
    __reduce_ex__ = _no_pickle

    @classmethod
    def __subclasshook__(cls, C):
        methods = cls.__dict__.get("_gopy_methods")
        if methods is None or cls is Interface:
            return NotImplemented
        return True if _has_methods(C, methods) else NotImplemented


class GoValue:
    """A Go value Python has no type for, held as it is: it passes back
    to Go unchanged. repr shows its Go type (%T) and value (%v)."""

    __slots__ = ("_h",)
    __module__ = _PACKAGE
    _gopy_tp_name = _MODNAME + ".GoValue"

    def __new__(cls, *args, **kwargs):
        _not_constructible(cls)

    __del__ = _release
    __repr__ = _described_repr
    __reduce_ex__ = _no_pickle


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
