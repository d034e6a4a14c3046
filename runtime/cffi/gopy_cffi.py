# gopy_cffi.py: the Python side of the gopy runtime for cffi modules,
# copied into every generated cffi package as NAME/_gopy.py. It is the
# counterpart of gopy_rt.c for modules that cross into Go through cffi
# (PyPy's fast path to C) rather than the CPython C-API, and it speaks the
# same language: the same conversions, the same exceptions and the same
# messages, so a module looks alike on either backend.
#
# Generated code (NAME/__init__.py) stays thin: one def per Go function that
# checks its arguments' types inline (free under PyPy's JIT), calls the
# function's C shim (cffi_build.py) through lib, and converts the results.
# Everything that is not the fast path is here: binding errors, conversions
# of anything that is not already the exact Python type, failures.
#
# Memory rules (gopy_abi.h): what Go hands over (gopy_str buffers,
# gopy_fail records) was malloc'd and is freed here; what Python hands Go
# (bytes, buffers) stays alive in the caller's frame until the call returns.

import math
import struct
import sys
import types

_PYPY = sys.implementation.name == "pypy"

ffi = None
lib = None


class _Missing:
    """The default of every parameter of a generated def, so that the
    runtime, not Python, words the message for an argument not given."""

    __slots__ = ()

    def __repr__(self):
        return "<required>"


MISSING = _Missing()

# What a Sig names in messages (gopy_rt.h: GOPY_SIG_*).
CALL, NEW, FIELD, VAR, ELEM = range(5)


class Sig:
    """A callable's description, made once per generated function:
    Python name, parameter names, their Go types and converters."""

    __slots__ = ("name", "params", "gotypes", "convs", "kind", "vararg", "vararg_shape")

    def __init__(self, name, params=(), gotypes=(), convs=(), kind=CALL, vararg=None, vararg_shape=None):
        self.name = name        # "Add", "Point.Move", "calc.Point" (FIELD), "calc" (VAR)
        self.params = params    # Python names; a variadic one last
        self.gotypes = gotypes  # Go type of each (the variadic one: its element type)
        self.convs = convs      # converter of each: (value, sig, idx, path) -> what cffi takes
        self.kind = kind
        self.vararg = vararg    # variadic: the C element type of its array ("GoInt")
        # and how an element is stored (store); None: from the C type's name
        self.vararg_shape = vararg_shape  # how the array stores them (store)


def init(the_ffi, the_lib, modname):
    """Binds this copy of the runtime to its module's cffi half and makes
    the module's exception classes."""
    global ffi, lib, GoError, GoPanic
    ffi, lib = the_ffi, the_lib
    GoError = _exception(modname, "GoError", (
        "A Go function returned a non-nil error. str(e) is err.Error(); "
        "e.go_type is the error's dynamic Go type."), ("go_type", "_gopy_err"))
    # One made from a Go error holds it (_gopy_err, a GoValue), so that it
    # can go back to Go, and == is Go's errors.Is.
    GoError.__eq__ = _error_eq
    GoError.__hash__ = Exception.__hash__
    GoPanic = _exception(modname, "GoPanic", (
        "Go code panicked; the panic was recovered and the interpreter keeps "
        "running. str(e) and e.value are the panic value formatted with %v; "
        "e.go_type is its dynamic Go type; e.traceback is the Go stack of the "
        "panicking goroutine."), ("value", "go_type", "traceback"))
    # A c-shared library runs Go's init functions on a thread of its own,
    # started when the library loads; cgo holds the first export called on
    # a thread not running Go until they are done, so this call makes the
    # import wait for them (cffi releases the GIL meanwhile).
    refuse_forked()
    lib.gopy_handle_live()
    _dyn_module().install_pyapi(ffi, lib)


def submodule(modname, sub, doc=None):
    """The submodule modname.sub, made on first use and entered in
    sys.modules, so that `import modname.sub` and pickle find it."""
    full = modname + "." + sub
    mod = sys.modules[modname]
    home = getattr(mod, sub, None)
    if home is None:
        home = types.ModuleType(full)
        sys.modules[full] = home
        setattr(mod, sub, home)
    if doc is not None:
        home.__doc__ = doc
    return home


def place(cls, modname, sub, name):
    """Makes cls, the class of another package's type (or with several
    packages bound, any class or function), the attribute name of the
    submodule modname.sub, named as it is there."""
    home = submodule(modname, sub)
    cls.__name__ = cls.__qualname__ = name
    cls.__module__ = home.__name__
    setattr(home, name, cls)


def place_value(value, modname, sub, name):
    """A constant of one of several packages bound: in its submodule."""
    setattr(submodule(modname, sub), name, value)


def _error_eq(self, other):
    """errors.Is(self, other) when both hold Go errors, else identity."""
    if not isinstance(other, GoError):
        return NotImplemented
    a, b = self._gopy_err, other._gopy_err
    if a is None or b is None:
        return self is other
    refuse_forked()
    return lib.gopy_error_is(a._h, b._h) != 0


def _exception(modname, name, doc, attrs):
    ns = {a: None for a in attrs}
    ns["__doc__"] = doc
    ns["__module__"] = modname
    return type(name, (Exception,), ns)


# ---- messages ----------------------------------------------------------

def type_name(o):
    """How messages name o's type: "str", "None"... and, for a class of a
    gopy module, its qualified name ("calc.Point"), as CPython's tp_name
    does for the C-API's classes."""
    return class_name(type(o))


def class_name(t):
    """How messages name the class t (type_name)."""
    # The class's own: a Python subclass is named by its own name.
    name = t.__dict__.get("_gopy_tp_name")
    if name:
        return name
    # A type defined in C (not a heap type) has a qualified tp_name ("numpy.ndarray").
    if not t.__flags__ & _HEAPTYPE and t.__module__ not in ("builtins", None):
        return "%s.%s" % (t.__module__, t.__name__)
    return t.__name__


_HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE


def _subject(sig, idx, path):
    """The one place that spells the subject of a conversion error (see
    gopy_priv_subject in gopy_rt.c)."""
    if sig is None:
        s = "value"
    else:
        param = "self" if idx < 0 else sig.params[idx]
        if sig.kind == FIELD:
            s = "%s field '%s'" % (sig.name, param)
        elif sig.kind == VAR:
            s = "variable %s.%s" % (sig.name, param)
        elif sig.kind == ELEM:
            s = "%s %s" % (sig.name, param)
        else:
            s = "%s() argument '%s'" % (sig.name, param)
    for node in path or ():
        index, key, is_key = node[0], node[1], node[2]
        if key is not None and is_key:
            s = "%s key %r" % (s, key)
        elif key is not None:
            s = "%s[%r]" % (s, key)
        else:
            s = "%s[%d]" % (s, index)
    return s


def _gotype(sig, idx, path, kind):
    if path:
        return path[-1][3] or kind
    if sig is not None and idx >= 0 and idx < len(sig.gotypes) and sig.gotypes[idx]:
        return sig.gotypes[idx]
    return kind


def arg_error(exc, sig, idx, path, detail):
    _earlier_first(sig, idx)
    raise exc("%s %s" % (_subject(sig, idx, path), detail))


_RUNTIME = ("_gopy", "_gopy_obj", "_gopy_view", "_gopy_dyn", "_gopy_std")


def _earlier_first(sig, idx):
    """Before argument idx of a call is reported, raises the error of an
    earlier one, as the C-API module, which converts in order, would. A
    generated def hands an exact int to cffi unchecked (cffi checks its
    range at the call), so an out-of-range one before idx is still
    unreported: it is found in the def's frame. Error path only."""
    if sig is None or idx <= 0 or sig.kind not in (CALL, NEW):
        return
    names = sig.params[:idx]
    f = sys._getframe(2)
    while f is not None and (f.f_globals.get("__name__", "").rpartition(".")[2] in _RUNTIME or
                             not all(n in f.f_locals for n in names)):
        f = f.f_back
    if f is None:
        return
    values = f.f_locals
    for i, n in enumerate(names):
        if type(values[n]) is int:
            sig.convs[i](values[n], sig, i, None)


def type_error(o, sig, idx, path, pykind, kind):
    arg_error(TypeError, sig, idx, path, "must be %s (Go %s), not %s" % (
        pykind, _gotype(sig, idx, path, kind), type_name(o)))


def _plain_repr(v):
    for t in (bool, int, float, complex):
        if isinstance(v, t) and t is not bool:
            return t.__repr__(v)
    return repr(v)


def range_error(v, sig, idx, path, kind):
    try:
        text = _plain_repr(v)
    except ValueError:  # ints of more than 4300 digits
        text = "<%s too large to print>" % type_name(v)
    gotype = _gotype(sig, idx, path, kind)
    where = kind if gotype == kind else "%s (%s)" % (gotype, kind)
    arg_error(OverflowError, sig, idx, path, "out of range for Go %s: %s" % (where, text))


# ---- argument binding --------------------------------------------------

def bind_error(sig, extra, *args):
    """Raises the TypeError of a call that passed too many positional
    arguments or left one out (the other binding errors are Python's own,
    worded the same way)."""
    n = len(args)
    if extra:
        given = n + len(extra)
        raise TypeError("%s() takes %d positional argument%s but %d %s given" % (
            sig.name, n, "" if n == 1 else "s", given, "was" if given == 1 else "were"))
    for i, a in enumerate(args):
        if a is MISSING:
            raise TypeError("%s() missing required argument '%s' (Go %s)" % (
                sig.name, sig.params[i], sig.gotypes[i]))
    raise SystemError("gopy: bind_error without an error")


def ctx_bind(sig, ctx, args, kw):
    """The arguments of a call taking a context (parameter ctx), bound by
    the C-API module's rules (gopy_ctx.h: gopy_ctx_bind): the context may
    be left out (None), and positional arguments that then fall short of
    the other parameters skip it. A list of the parameters' values, the
    variadic one a tuple."""
    params = sig.params
    variadic = sig.vararg is not None
    n = len(params) - 1 if variadic else len(params)
    nargs = len(args)
    values = [MISSING] * n
    extra = ()
    if not variadic and params[ctx] not in kw and ctx < nargs and nargs + len(kw) < n:
        for i, a in enumerate(args):
            values[i if i < ctx else i + 1] = a
    else:
        if nargs > n:
            if not variadic:
                raise TypeError("%s() takes %d positional argument%s but %d %s given" % (
                    sig.name, n, "" if n == 1 else "s", nargs, "was" if nargs == 1 else "were"))
            extra = tuple(args[n:])
        values[:min(nargs, n)] = args[:n]
    for k, v in kw.items():
        i = params.index(k) if k in params[:n] else -1
        if i < 0:
            raise TypeError("%s() got an unexpected keyword argument %r" % (sig.name, k))
        if values[i] is not MISSING:
            raise TypeError("%s() got multiple values for argument '%s'" % (sig.name, k))
        values[i] = v
    if values[ctx] is MISSING:
        values[ctx] = None
    for i, v in enumerate(values):
        if v is MISSING:
            raise TypeError("%s() missing required argument '%s' (Go %s)" % (
                sig.name, params[i], sig.gotypes[i]))
    if variadic:
        values.append(extra)
    return values


def ctx_timeout(o, sig, name):
    """A call's timeout in nanoseconds for its export: -1 for None (no
    deadline), else at least 0; seconds as an int or float, or a
    timedelta."""
    if o is None:
        return -1
    if isinstance(o, (int, float)):
        s = float(o)
    else:
        import datetime
        if not isinstance(o, datetime.timedelta):
            raise TypeError("%s() argument '%s' must be a number of seconds, a timedelta or None, not %s" % (
                sig.name, name, type(o).__name__))
        s = o.total_seconds()
    if s != s:
        raise ValueError("%s() argument '%s' is not a number" % (sig.name, name))
    if s <= 0:
        return 0
    if s >= 9.2e9:  # past int64 nanoseconds: no deadline in practice
        return 9200000000000000000
    return int(s * 1e9)


_main_ident = None


def ctx_run(shim, out, *args):
    """Starts a call taking a context (its shim writes the call's id to
    out.call) and waits for it to return: on the main thread in slices of
    50 ms, between which Python handles signals. An exception raised there
    (KeyboardInterrupt) cancels the call's context and waits for the call.
    Returns (failure, the exception or None): the caller raises the
    exception after dropping the call's results."""
    global _main_ident
    if _main_ident is None:
        import threading
        _main_ident = threading.main_thread().ident
    import _thread
    ms = 50 if _thread.get_ident() == _main_ident else -1
    intr = None
    try:
        fail = shim(*args)
        if not fail:
            while not lib.gopy_ctx_wait(out.call, ms):
                pass
    except BaseException as e:
        if not out.call:  # it did not start
            raise
        intr = e
        lib.gopy_ctx_cancel(out.call)
        lib.gopy_ctx_wait(out.call, -1)
    if out.call:
        fail = lib.gopy_ctx_end(out.call)
    return fail, intr


def recheck(sig, args):
    """After cffi refused an argument (an exact int out of range for its C
    type), converts again each argument that went to cffi unconverted
    ({index: value}), so that the right one is reported in gopy's words."""
    for i, a in args.items():
        sig.convs[i](a, sig, i, None)


def store(shape, arr, i, c, keep):
    """Stores c, a converter's result, as element i of the C array arr;
    keep collects what arr comes to point into."""
    if shape == "scalar":
        arr[i] = c
    elif shape == "string":
        p = ffi.from_buffer(c)
        keep.append(p)
        arr[i].p, arr[i].n = p, len(c)
    elif shape == "seq":
        keep.append(c)
        arr[i] = c[0][0]
    else:
        arr[i].re, arr[i].im = c.real, c.imag


def to_varargs(values, sig, idx):
    """The variadic arguments as a C array of sig.vararg elements, for the
    shim's (pointer, length). Returns (array, keep): keep holds what the
    array points into until the call returns."""
    n = len(values)
    if n == 0:
        return ffi.NULL, None
    conv, ctype, kind = sig.convs[idx], sig.vararg, sig.vararg_shape
    arr = ffi.new(ctype + "[]", n)
    keep = []
    for i, v in enumerate(values):
        store(kind, arr, i, conv(v, sig, idx, ((i, None, False, sig.gotypes[idx]),)), keep)
    return arr, keep


# ---- Python -> C: numbers ------------------------------------------------

_INT_BITS = {"int": 64, "int8": 8, "int16": 16, "int32": 32, "int64": 64,
             "uint": 64, "uint8": 8, "uint16": 16, "uint32": 32, "uint64": 64, "uintptr": 64}


def _as_int(o, sig, idx, path, kind):
    """o as an exact int: an int (bool included) by value, or __index__."""
    if isinstance(o, int):
        return int.__index__(o)
    if not hasattr(type(o), "__index__"):
        type_error(o, sig, idx, path, "int", kind)
    try:
        n = type(o).__index__(o)
    except TypeError:  # __index__ may refuse (a numpy array of more than one element)
        type_error(o, sig, idx, path, "int", kind)
    if not isinstance(n, int):  # operator.index's TypeError, in gopy's words
        type_error(o, sig, idx, path, "int", kind)
    return int.__index__(n)


def _signed(kind):
    bits = _INT_BITS[kind]
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1

    def to_signed(o, sig, idx, path=None):
        v = _as_int(o, sig, idx, path, kind)
        if v < lo or v > hi:
            range_error(v, sig, idx, path, kind)
        return v
    to_signed.__name__ = "to_" + kind
    return to_signed


def _unsigned(kind):
    hi = (1 << _INT_BITS[kind]) - 1

    def to_unsigned(o, sig, idx, path=None):
        v = _as_int(o, sig, idx, path, kind)
        if v < 0 or v > hi:
            range_error(v, sig, idx, path, kind)
        return v
    to_unsigned.__name__ = "to_" + kind
    return to_unsigned


to_int, to_int8, to_int16, to_int32, to_int64 = (
    _signed(k) for k in ("int", "int8", "int16", "int32", "int64"))
to_uint, to_uint8, to_uint16, to_uint32, to_uint64, to_uintptr = (
    _unsigned(k) for k in ("uint", "uint8", "uint16", "uint32", "uint64", "uintptr"))


def to_bool(o, sig, idx, path=None):
    # Strict: 0, 1, None or "" are not Go bools.
    if type(o) is not bool:
        type_error(o, sig, idx, path, "bool", "bool")
    return o


def to_named_bool(o, sig, idx, path=None):
    """A named bool type's class subclasses int (bool cannot be
    subclassed): its instances are accepted when 0 or 1, plain ints not."""
    if type(o) is bool:
        return o
    if not isinstance(o, int) or type(o) is int:
        type_error(o, sig, idx, path, "bool", "bool")
    v = int.__index__(o)
    if v not in (0, 1):
        range_error(o, sig, idx, path, "bool")
    return v == 1


FLT_MAX = 3.4028234663852886e38
FLOAT32_OVERFLOW = 3.4028235677973366e38  # FLT_MAX plus half an ulp: rounds to inf


def _narrow_float32(d):
    """d as Go's float32(d) keeps it, or None when a finite d would become
    infinite. inf and nan pass through."""
    if math.isfinite(d) and (d > FLT_MAX or d < -FLT_MAX):
        if d >= FLOAT32_OVERFLOW or d <= -FLOAT32_OVERFLOW:
            return None
        return FLT_MAX if d > 0 else -FLT_MAX
    return d


def _to_double(o, sig, idx, path, kind):
    if not isinstance(o, (float, int)):
        t = type(o)
        if isinstance(o, complex) or not (hasattr(t, "__index__") or hasattr(t, "__float__")):
            type_error(o, sig, idx, path, "float", kind)
    try:
        return float(o)
    except TypeError:  # __float__ may refuse
        type_error(o, sig, idx, path, "float", kind)
    except OverflowError:  # an int past DBL_MAX
        range_error(o, sig, idx, path, kind)


def to_float64(o, sig, idx, path=None):
    return _to_double(o, sig, idx, path, "float64")


def to_float32(o, sig, idx, path=None):
    d = _narrow_float32(_to_double(o, sig, idx, path, "float32"))
    if d is None:
        range_error(float(o), sig, idx, path, "float32")
    return d


def _to_complex(o, sig, idx, path, kind):
    t = type(o)
    if not isinstance(o, (complex, float, int)) and not any(
            hasattr(t, m) for m in ("__index__", "__complex__", "__float__")):
        type_error(o, sig, idx, path, "complex", kind)
    try:
        return complex(o)
    except OverflowError:
        range_error(o, sig, idx, path, kind)


def to_complex128(o, sig, idx, path=None):
    return _to_complex(o, sig, idx, path, "complex128")


def to_complex64(o, sig, idx, path=None):
    c = _to_complex(o, sig, idx, path, "complex64")
    re, im = _narrow_float32(c.real), _narrow_float32(c.imag)
    if re is None or im is None:
        range_error(c, sig, idx, path, "complex64")
    return complex(re, im)


# ---- Python -> C: strings and bytes ---------------------------------------

def to_string(o, sig, idx, path=None):
    """A str as UTF-8 bytes. Lone surrogates (from invalid UTF-8 that
    from_str decoded with surrogateescape) encode back to the original
    bytes, so Go strings round-trip."""
    if not isinstance(o, str):
        type_error(o, sig, idx, path, "str", "string")
    try:
        return o.encode("utf-8")
    except UnicodeEncodeError:
        pass
    try:
        return o.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError as e:
        _earlier_first(sig, idx)
        why = "%s (%s, Go %s)" % (e.reason, _subject(sig, idx, path), _gotype(sig, idx, path, "string"))
        raise UnicodeEncodeError("utf-8", o, e.start, e.end, why) from None


def to_bytes(o, sig, idx, path=None):
    """[]byte: any buffer, or None (nil). Returns (gopy_seq *, keep) like
    the view converters; a writable C-contiguous buffer may be lent to Go
    (in_place)."""
    s = ffi.new("gopy_seq *")
    if o is None:
        s.n = -1  # a nil []byte (gopy_abi.h)
        return s, None
    if isinstance(o, bytes):
        data = ffi.from_buffer(o)
        s.data, s.n = data, len(o)
        return s, data
    if isinstance(o, str):
        arg_error(TypeError, sig, idx, path, "must be a bytes-like object (Go []byte), not %s" % type_name(o))
    try:
        mv = memoryview(o)
    except TypeError:
        arg_error(TypeError, sig, idx, path, "must be a bytes-like object (Go []byte), not %s" % type_name(o))
    if not mv.c_contiguous:
        # Go gets the bytes in logical (C) order, as bytes(o) has them
        # (gopy_view.c: gopy_to_bytes); Go's writes could not reach o.
        copy = c_order_bytes(mv, o)
        data = ffi.from_buffer(copy)
        s.data, s.n = data, len(copy)
        return s, (copy, data)
    data = ffi.from_buffer(mv, require_writable=False)
    s.data, s.n, s.in_place = data, mv.nbytes, 0 if mv.readonly else 1
    return s, (mv, data)


def c_order_bytes(mv, o=None):
    """The bytes of a non-C-contiguous buffer mv (of o) in logical (C)
    order. PyPy's memoryview.tobytes() and bytes() read such a buffer in
    memory order (PyPy 7.3), so there a numpy array's own tobytes() is
    used, or the items are packed one by one from tolist(), which indexes
    through the strides."""
    if not _PYPY:
        return mv.tobytes()
    if o is not None and not isinstance(o, memoryview) and hasattr(type(o), "tobytes"):
        return o.tobytes()
    items = mv.tolist()
    for _ in range(mv.ndim - 1):
        items = [x for row in items for x in row]
    fmt = mv.format
    return b"".join(struct.pack(fmt, *x) if isinstance(x, tuple) else struct.pack(fmt, x)
                    for x in items)


# ---- C -> Python --------------------------------------------------------

def from_str(s):
    """A gopy_str Go malloc'd: decoded (surrogateescape) and freed."""
    if s.n == 0:
        return ""
    try:
        return ffi.unpack(s.p, s.n).decode("utf-8", "surrogateescape")
    finally:
        lib.free(s.p)


def from_bytes(s):
    if s.n == 0:
        return b""
    try:
        return ffi.unpack(s.p, s.n)
    finally:
        lib.free(s.p)


def from_complex(c):
    return complex(c.re, c.im)


# ---- failures -------------------------------------------------------------

# gopy_abi.h: gopy_fail.kind (the enum is outside the cdef block cffi reads).
_FAIL_ERROR, _FAIL_PANIC, _FAIL_FORKED, _FAIL_TYPE, _FAIL_PYEXC = 1, 2, 3, 4, 5


def refuse_forked():
    """Raises RuntimeError in a child forked after the module loaded, where
    Go cannot run (gopy_abi.h: gopy_forked). The shims check for
    themselves; this is for the exports Python calls directly."""
    if lib.gopy_forked:
        raise _forked_error(lib.gopy_forked_fail)


def _forked_error(f):
    """The RuntimeError of gopy_forked_fail (static: nothing to free)."""
    return RuntimeError(ffi.unpack(f.message.p, f.message.n).decode())


def release(h):
    """Releases the handle h; in a forked child the value is left to the
    process's end instead, as Go cannot run there."""
    if not lib.gopy_forked:
        lib.gopy_handle_release(h)


def check():
    """A shim returned its sentinel: raises the failure it kept, if any (a
    result may equal the sentinel)."""
    fail = lib.gopy_take_fail()
    if fail:
        raise_fail(fail)


def raise_fail(addr):
    """Turns a failure record from Go into GoError (go_type set, and the Go
    error it holds when the record has its handle), GoPanic (value, go_type
    and traceback set) or, for an argument Go cannot take, TypeError,
    freeing the record. The static record of a call refused in a forked
    child is RuntimeError."""
    f = ffi.cast("gopy_fail *", addr)
    kind = f.kind
    if kind == _FAIL_FORKED:
        raise _forked_error(f)
    err, errcls = f.error, f.cls
    py, exc = f.py if kind == _FAIL_PYEXC else ffi.NULL, None
    try:
        msg, go_type, tb = from_str(f.message), from_str(f.go_type), from_str(f.traceback)
    finally:
        lib.free(f)
        holder = None
        if kind == _FAIL_ERROR and err and errcls >= 0:
            # An instance of the error's class, owning the handle of its *T.
            exc = _dyn_module().from_class(errcls, err)
        elif err:
            holder = _go_value(err)  # owns the handle from here on
        if py != ffi.NULL:  # the record's reference is taken over
            exc = ffi.from_handle(py)
            _dyn_module()._decref(py)
    if kind == _FAIL_PYEXC and exc is not None:
        # A Python callback's exception, raised again as itself: its
        # traceback goes on from where the callback raised it.
        if tb:
            _add_note(exc, "Go traceback:\n" + tb)
        raise exc
    if kind == _FAIL_TYPE:
        raise TypeError(msg)
    if exc is not None:  # an error class's instance, with the error's own %T
        exc.go_type = go_type
        raise exc
    panic = kind == _FAIL_PANIC
    exc = (GoPanic if panic else GoError)(msg)
    exc.go_type = go_type
    if panic:
        exc.value, exc.traceback = msg, tb
    elif holder is not None:
        exc._gopy_err = holder
    raise exc


def _add_note(exc, note):
    """exc.add_note(note), or its __notes__ where add_note is missing
    (before Python 3.11)."""
    if hasattr(exc, "add_note"):
        exc.add_note(note)
        return
    notes = getattr(exc, "__notes__", None)
    if not isinstance(notes, list):
        notes = []
    notes.append(note)
    exc.__notes__ = notes


_dyn = None


def _dyn_module():
    """_gopy_dyn, imported when first needed: it imports this module."""
    global _dyn
    if _dyn is None:
        from . import _gopy_dyn as _dyn
    return _dyn


def _go_value(h):
    """A GoValue owning handle h."""
    o = object.__new__(_dyn_module().GoValue)
    o._h = h
    return o


# ---- constants, variables, signatures ---------------------------------------

def const_value(kind, text):
    """The exact value of a Go constant from the inspector's text."""
    if isinstance(text, bytes):  # as src/cffi/emit_package.c writes it: a Go string may hold invalid UTF-8
        text = text.decode("utf-8", "surrogateescape")
    if kind == "bool":
        return text == "true"
    if kind in ("string", "str"):  # src/cffi/emit_package.c names the kind by its Python type
        return text
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text.replace("Inf", "inf"))
    re, im = text.split(" ")
    return complex(float(re.replace("Inf", "inf")), float(im.replace("Inf", "inf")))


def set_module_vars(modname, props, sub=None):
    """Package variables are properties of the module's own ModuleType
    subclass (the submodule's, for one of several packages bound), so each
    read and write reaches the Go variable."""
    mod = submodule(modname, sub) if sub else sys.modules[modname]
    modname = mod.__name__

    def __dir__(self):
        return sorted(set(self.__dict__) | set(props))
    ns = dict(props)
    ns["__dir__"] = __dir__
    ns["__module__"] = modname
    mod.__class__ = type("module", (type(mod),), ns)


def var_property(name, get, set_, doc):
    def deleter(self):
        raise TypeError("cannot delete variable %s: Go variables always exist" % name)
    return property(lambda self: get(), lambda self, v: set_(v), deleter, doc)


def signature(params, variadic=False, self=False, ctx=None, timeout=None):
    """The inspect.Signature of a generated def: its parameters without the
    defaults that only let the runtime word binding errors. A call taking
    a context (parameter ctx) has its keyword-only timeout, and a default
    None for the context where Python can spell it (no fixed parameter
    after it); else the def's own (*args, timeout=None, **kwargs), as the
    C-API module then has no text signature."""
    import inspect
    P = inspect.Parameter
    nfix = len(params) - 1 if variadic else len(params)
    if ctx is not None and ctx != nfix - 1:
        return None
    ps = [P("self", P.POSITIONAL_ONLY)] if self else []
    for i, name in enumerate(params):
        last = variadic and i == len(params) - 1
        ps.append(P(name, P.VAR_POSITIONAL if last else P.POSITIONAL_OR_KEYWORD,
                    default=None if i == ctx else P.empty))
    if timeout is not None:
        ps.append(P(timeout, P.KEYWORD_ONLY, default=None))
    return inspect.Signature(ps)


def live_handles():
    """The number of Go values this module's Python objects hold (NAME._gopy.live_handles)."""
    refuse_forked()
    return lib.gopy_handle_live()
