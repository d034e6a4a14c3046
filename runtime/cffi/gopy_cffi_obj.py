# gopy_cffi_obj.py: the classes of Go types in a cffi module (copied into
# every generated cffi package as NAME/_gopy_obj.py), the counterpart of
# gopy_obj.c: struct classes whose instances hold a handle to a Go value,
# and classes of named basic types, which subclass a Python builtin.
#
# Generated code (NAME/__init__.py) writes, per struct type, the class
# with its constructor, fields, methods, == and copies, all calling the
# type's C shims directly; this file holds what every class shares and
# everything off the fast path (messages, repr, releasing handles).
#
# Handles (gopy_obj.h): an instance of a struct class holds in _h the
# handle of a Go *T, never 0; the instance owns it and releases it when it
# dies. A handle Go hands over (a result, a field read as a view) is owned
# by the instance wrap makes of it.

import sys
import threading

from . import _gopy as _rt

_PYPY = sys.implementation.name == "pypy"


def not_instance(o, cls, sig, idx, path):
    """Raises the TypeError of a value that is not an instance of the
    struct or named class cls (see gopy_to_handle):
    "Area() argument 'r' must be calc.Rect, not int". A method's self
    (idx -1) is the interpreter's descriptor error (wrong_self)."""
    if idx < 0:
        wrong_self(sig.name.rpartition(".")[2], cls, o)
    got = "None" if o is None else _rt.type_name(o)
    _rt.arg_error(TypeError, sig, idx, path, "must be %s, not %s" % (cls._gopy_tp_name, got))


def wrong_self(name, cls, o, field=False):
    """Raises the TypeError of method or field name of cls used on o, not
    an instance (Point.Area(3), Point.X.__get__(rect)). The C-API module's
    methods and fields are the interpreter's descriptors, which refuse o
    before gopy sees it; this words it as they do, so that the backends
    agree on each interpreter."""
    if not _PYPY:
        msg = "descriptor '%s' for '%s' objects doesn't apply to a '%s' object" % (
            name, cls._gopy_tp_name, _rt.type_name(o))
    elif field:
        msg = "'?' object expected, got '%s' instead" % type(o).__name__
    else:
        msg = "descriptor '%s' requires a '%s' object but received a '%s'" % (
            name, cls.__name__, type(o).__name__)
    raise TypeError(msg)


def field_fail(fail, self, cls, name):
    """A field accessor's failure (fail: the record, or 0 when a direct
    result was its sentinel). A self of another class has a handle of
    another Go type, which Go refuses: that is the descriptor's
    TypeError (wrong_self), checked here, off the fast path."""
    if isinstance(self, cls):
        if fail:
            _rt.raise_fail(fail)
        _rt.check()  # a direct result may equal the sentinel
        return
    try:  # takes and frees the record of Go's refusal
        if fail:
            _rt.raise_fail(fail)
        _rt.check()
    except Exception:
        pass
    wrong_self(name, cls, self, True)


def check_new(cls, want):
    """want.__new__(cls) for a cls that is not want: Python's TypeError
    unless cls derives from want (the C-API module's tp_new: gopy_check_new)."""
    if isinstance(cls, type) and issubclass(cls, want):
        return
    name = want._gopy_tp_name
    if not isinstance(cls, type):
        raise TypeError("%s.__new__(X): X is not a type object (%s)" % (name, _rt.type_name(cls)))
    got = _rt.class_name(cls)
    raise TypeError("%s.__new__(%s): %s is not a subtype of %s" % (name, got, got, name))


def wrap(cls, h):
    """A new instance of cls (a struct or error class, or a Python subclass
    of one) owning handle h, without running cls's constructor."""
    try:
        o = object.__new__(cls)
    except TypeError:  # an error class: an exception
        o = BaseException.__new__(cls)
    o._h = h
    return o


def field_delete(sig):
    """`del obj.X`: Go fields always exist (gopy_field_delete)."""
    raise TypeError("cannot delete %s" % _rt._subject(sig, 0, None))


def _generated(cls):
    """The generated class cls is (or derives from): the first class of
    its MRO that a gopy module defined."""
    for c in cls.__mro__:
        if "_gopy_tp_name" in c.__dict__:
            return c
    raise TypeError("gopy: %s is not a class of a gopy module" % cls.__name__)


# ---- struct classes ----------------------------------------------------

class _StructMethods:
    """What struct and error classes share: construction by subclasses,
    releasing the handle, repr, copies."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs):
        # A generated class takes its fields in __new__, in one call into
        # Go. A Python subclass with an __init__ of its own may take other
        # arguments: it starts from the zero value, and its __init__ sets
        # fields through super().__init__ (as tp_new and tp_init share the
        # work in the C-API module).
        super().__init_subclass__(**kwargs)
        if "_gopy_tp_name" in cls.__dict__ or "__new__" in cls.__dict__ or "_gopy_base" in cls.__dict__:
            return
        gen = _generated(cls)
        if cls.__init__ is not gen.__init__:
            def __new__(cls, *args, **kwargs):
                return gen.__new__(cls)
            __new__.__qualname__ = cls.__qualname__ + ".__new__"
            cls.__new__ = staticmethod(__new__)

    def __del__(self, _rt=_rt):
        # _rt as a default: at interpreter exit this module's globals may
        # be gone before the last instances are.
        try:
            h = self._h
        except AttributeError:  # the constructor failed before Go made the value
            return
        lib = _rt.lib
        if lib is not None and not lib.gopy_forked:  # _rt.release, inline for the reason above
            lib.gopy_handle_release(h)

    def __repr__(self):
        return struct_repr(self)

    def __reduce_ex__(self, protocol):
        # A pickle would copy the handle, and two instances would release it.
        raise TypeError("cannot pickle '%s' object" % self._gopy_tp_name)

    def __copy__(self):
        """An independent Go copy."""
        return self._gopy_copy(0)

    def __deepcopy__(self, memo):
        """An independent Go copy, including what pointers reach."""
        return self._gopy_copy(1)


class Struct(_StructMethods):
    """The base of every struct class. An instance holds _h, the handle of
    the Go value it stands for; Go values are mutable, so instances are
    unhashable."""

    __slots__ = ("_h",)
    __hash__ = None
    _gopy_base = True  # no class of a module: __init_subclass__ leaves it


ErrorStruct = None


def error_base():
    """The base of the module's error classes (gopy_obj.h: gopy_errobject),
    made once the module's GoError exists: a struct class whose Go type
    implements error derives from GoError, so Go's errors of that type are
    raised and returned as its instances. It keeps GoError's == (errors.Is)
    and hash; the Go error it stands for is its own Go value."""
    global ErrorStruct
    if ErrorStruct is None:
        ErrorStruct = type("ErrorStruct", (_StructMethods, _rt.GoError), {
            "__slots__": ("_h",),
            "_gopy_base": True,
            "__module__": _rt.GoError.__module__,
            "__doc__": error_base.__doc__,
            # What GoError's == and Go's side of a raised exception read.
            "_gopy_err": property(lambda self: self),
        })
    return ErrorStruct


def copied(self, h):
    """The copy of self holding handle h (a new Go copy): an instance of
    self's own class, so a subclass instance copies as one, with the
    instance __dict__ of a subclass copied shallowly (gopy_object_copy)."""
    o = wrap(type(self), h)
    d = getattr(self, "__dict__", None)
    if d:
        o.__dict__.update(d)
    return o


# The repr guard (gopy_obj.c): every field read makes a new instance, so
# identity cannot see a Go value reach itself through pointers. Values
# being printed on this thread are kept as (class, address) pairs.
_repr_active = threading.local()


def struct_repr(self):
    """"calc.Point(X=1, Y=2)": each field of _gopy_fields read through its
    attribute; a value met again inside its own repr is "calc.Node(...)"."""
    name = self._gopy_tp_name
    active = getattr(_repr_active, "keys", None)
    if active is None:
        active = _repr_active.keys = set()
    _rt.refuse_forked()
    key = (_generated(type(self)), _rt.lib.gopy_handle_addr(self._h))
    if key in active:
        return "%s(...)" % name
    active.add(key)
    try:
        return "%s(%s)" % (name, ", ".join(
            "%s=%r" % (f, getattr(self, f)) for f in self._gopy_fields))
    finally:
        active.discard(key)


# ---- named basic types ---------------------------------------------------

def named_repr(self, base, as_bool):
    """"calc.Celsius(100.0)"; "calc.Flag(True)" for a bool-based type (an
    int subclass). The builtin's own repr: the class's would recurse."""
    text = ("True" if self else "False") if as_bool else base.__repr__(self)
    return "%s(%s)" % (self._gopy_tp_name, text)


def named_str(self, base, as_bool):
    """str of a value without a String method: the builtin's ("100.0",
    "True"), not the repr. int and float have no str of their own (object's
    calls repr), so theirs is their repr."""
    if as_bool:
        return "True" if self else "False"
    if base.__str__ is not object.__str__:
        return base.__str__(self)
    return base.__repr__(self)
