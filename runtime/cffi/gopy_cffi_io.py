"""io.Reader, io.Writer and their combinations with io.Closer as Python
binary file objects, the cffi side (the Go side is runtime/go/gopy_io.go;
the C-API module's is runtime/capi/gopy_io.c, with the same class).

Go to Python: an IO record becomes a GoStream, an io.RawIOBase whose
readinto calls Go's Read with the caller's buffer itself (ffi.from_buffer:
no copy), write Go's Write with the caller's bytes, close Go's Close when
the value is a Closer. Garbage collection does not close it: Go may still
hold the value.

Python to Go: a GoStream gives Go its value; a bytes-like object is a
reader's bytes; another object needs readinto or read (a reader) and write
(a writer) and crosses as itself; a text stream is a TypeError.
"""
import io as _io
import operator as _operator

from . import _gopy as _rt

# gopy_abi.h: GOPY_IO_*, what an IO record holds.
READ, WRITE, CLOSE = 1, 2, 4
# gopy_abi.h: GOPY_PY_READER... (the stream interfaces' pykinds).
PY_READER, PY_WRITER, PY_READWRITER = 4, 5, 6

_MODNAME = __name__.rpartition(".")[0].rpartition(".")[2]


def _handle(value):
    h = value._h
    if not h:
        raise ValueError("gopy: the Go stream was released")
    return h


def _read(value, b):
    """Go's Read into b: the count, 0 at EOF, -1 when Go had no data."""
    ffi, lib = _rt.ffi, _rt.lib
    _rt.refuse_forked()
    buf = ffi.from_buffer(b, require_writable=True)
    got = ffi.new("long long *")
    fail = lib.gopy_io_read(_handle(value), buf, len(buf), got)
    if fail:
        _rt.raise_fail(fail)
    return got[0]


def _write(value, b):
    """Go's Write of all of b: the count (or Go's error raised)."""
    ffi, lib = _rt.ffi, _rt.lib
    _rt.refuse_forked()
    buf = ffi.from_buffer(b)
    got = ffi.new("long long *")
    fail = lib.gopy_io_write(_handle(value), buf, len(buf), got)
    if fail:
        _rt.raise_fail(fail)
    return got[0]


def _close(value):
    _rt.refuse_forked()
    fail = _rt.lib.gopy_io_close(_handle(value))
    if fail:
        _rt.raise_fail(fail)


class GoStream(_io.RawIOBase):
    """A Go io.Reader, io.Writer or both as a binary file object. Passed
    where Go wants a stream, Go gets its value back."""

    def __init__(self, value, mask):
        self._gopy_value = value
        self._gopy_mask = mask
        self._gopy_rest = b""

    def __del__(self):
        pass  # Go may still hold the stream: only close() closes it

    def __repr__(self):
        return "<%s.GoStream %r>" % (_MODNAME, self._gopy_value)

    def _gopy_check(self, bit, what):
        if self.closed:
            raise ValueError("I/O operation on closed file")
        if not self._gopy_mask & bit:
            raise _io.UnsupportedOperation(what)

    def readable(self):
        if self.closed:
            raise ValueError("I/O operation on closed file")
        return bool(self._gopy_mask & READ)

    def writable(self):
        if self.closed:
            raise ValueError("I/O operation on closed file")
        return bool(self._gopy_mask & WRITE)

    def readinto(self, b):
        self._gopy_check(READ, "read")
        rest = self._gopy_rest
        if rest:
            with memoryview(b) as m, m.cast("B") as m:
                n = min(len(m), len(rest))
                m[:n] = rest[:n]
            self._gopy_rest = rest[n:]
            return n
        n = _read(self._gopy_value, b)
        return None if n < 0 else n

    def readline(self, size=-1):
        self._gopy_check(READ, "read")
        size = -1 if size is None else _operator.index(size)
        out, got = [], 0
        while size < 0 or got < size:
            rest = self._gopy_rest
            if not rest:
                buf = bytearray(8192)
                n = _read(self._gopy_value, buf)
                if n <= 0:
                    break
                del buf[n:]
                rest = bytes(buf)
            limit = len(rest) if size < 0 else min(len(rest), size - got)
            i = rest.find(b"\n", 0, limit)
            end = limit if i < 0 else i + 1
            out.append(rest[:end])
            got += end
            self._gopy_rest = rest[end:]
            if i >= 0:
                break
        return b"".join(out)

    def readall(self):
        self._gopy_check(READ, "read")
        out, size = [self._gopy_rest], 65536
        self._gopy_rest = b""
        while True:
            buf = bytearray(size)
            n = _read(self._gopy_value, buf)
            if n <= 0:
                break
            del buf[n:]
            out.append(buf)
            size = min(2 * size, 1 << 22)
        return b"".join(out)

    def write(self, b):
        self._gopy_check(WRITE, "write")
        return _write(self._gopy_value, b)

    def close(self):
        if not self.closed:
            try:
                if self._gopy_mask & CLOSE:
                    _close(self._gopy_value)
            finally:
                super().close()


def from_val(value, mask):
    """An IO record's stream, over the GoValue holding its handle."""
    return GoStream(value, mask)


def value_of(o):
    """The GoValue a GoStream holds, or None when o is not one."""
    if isinstance(o, GoStream):
        return o._gopy_value
    return None


def check(o, sig, idx, path, pykind):
    """Whether o, no Go value and not None, is a reader's bytes (True: the
    caller fills a BYTES record) or a stream (False: PY, whose i says
    whether it has readinto: see has_readinto); TypeError otherwise."""
    reads, writes = pykind != PY_WRITER, pykind != PY_READER
    if isinstance(o, _io.TextIOBase):
        _rt.arg_error(TypeError, sig, idx, path,
                      "must be a binary stream, not a text stream: open the file with 'rb' or pass its .buffer")
    if not writes and isinstance(o, (bytes, bytearray, memoryview)):
        return True
    stream = hasattr(o, "readinto") or hasattr(o, "read")
    if not writes and not stream:  # other bytes-likes (a stream first: PyPy's BytesIO is one too)
        try:
            memoryview(o).release()
            return True
        except TypeError:
            pass
    if reads and not stream:
        _rt.arg_error(TypeError, sig, idx, path, "must be %s, not %s" % (
            "a binary file object (with readinto or read, and write)" if writes else
            "a binary file object (with readinto or read) or bytes-like", _rt.type_name(o)))
    if writes and not hasattr(o, "write"):
        _rt.arg_error(TypeError, sig, idx, path, "must be a binary file object (with write), not %s" % (
            _rt.type_name(o)))
    return False


def has_readinto(o):
    return 1 if hasattr(o, "readinto") else 0


def mem(v):
    """A MEM record's memoryview of Go's memory (writable when v.i is 1),
    which the caller releases when the call returns."""
    ffi = _rt.ffi
    n = int(v.str.n)
    if not n:
        return memoryview(bytearray() if v.i else b"")
    m = memoryview(ffi.buffer(v.str.p, n))
    if not v.i:
        ro = m.toreadonly()
        m.release()
        return ro
    return m
