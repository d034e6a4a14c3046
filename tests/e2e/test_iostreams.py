"""io.Reader, io.Writer and their combinations with io.Closer cross as
Python binary file objects, both ways, on both backends: Python files,
BytesIO and bytes-like objects where Go wants a stream; Go's streams as
io.RawIOBase objects that Python's io machinery takes."""
import io
import json
import resource
import shutil
import socket
import threading

import pytest

from conftest import IS_PYPY, UNDER_ASAN, read_stub


class Chunks:
    """A reader of n bytes made on demand (no buffer of the whole size)."""

    def __init__(self, n, chunk=1 << 16):
        self.left, self.block = n, b"z" * chunk

    def readinto(self, b):
        n = min(len(b), self.left, len(self.block))
        b[:n] = self.block[:n]
        self.left -= n
        return n


class Counter:
    """A writer that keeps only the count."""

    def __init__(self):
        self.n = 0

    def write(self, b):
        self.n += len(b)
        return len(b)


# ---- Python streams where Go wants one -------------------------------------

def test_bytesio_both_ways(iostreams):
    dst = io.BytesIO()
    assert iostreams.Copy(dst, io.BytesIO(b"hello")) == 5
    assert dst.getvalue() == b"hello"


def test_bytes_like_readers(iostreams):
    assert iostreams.Count(b"12345") == 5
    assert iostreams.Count(bytearray(b"12")) == 2
    assert iostreams.Count(memoryview(b"abc")) == 3
    assert iostreams.ReadAll(b"") == b""


def test_real_files(iostreams, tmp_path):
    path = tmp_path / "data.bin"
    with open(path, "wb") as f:
        assert iostreams.WriteString(f, "file data") == 9
    with open(path, "rb") as f:
        assert iostreams.ReadAll(f) == b"file data"
    with open(path, "rb", buffering=0) as f:  # a raw FileIO: readinto
        assert iostreams.Count(f) == 9


def test_read_only_object(iostreams):
    class R:
        def __init__(self):
            self.b = io.BytesIO(b"abcdef")

        def read(self, n):
            return self.b.read(n)

    assert iostreams.Count(R()) == 6


def test_socket_file(iostreams):
    a, b = socket.socketpair()
    with a, b:
        def send():
            with a.makefile("wb") as w:
                w.write(b"over the socket")
            a.shutdown(socket.SHUT_WR)

        t = threading.Thread(target=send)
        t.start()
        with b.makefile("rb") as r:
            assert iostreams.ReadAll(r) == b"over the socket"
        t.join()


def test_no_data_yet_is_waited_for(iostreams):
    class Slow:
        def __init__(self):
            self.answers = [None, None, b"late", None, b""]

        def read(self, n):
            return self.answers.pop(0)

    class SlowInto:
        def __init__(self):
            self.answers = [None, 2, None, 0]

        def readinto(self, b):
            n = self.answers.pop(0)
            if n:
                b[:n] = b"ok"[:n]
            return n

    assert iostreams.ReadAll(Slow()) == b"late"
    assert iostreams.ReadAll(SlowInto()) == b"ok"


def test_stdout_buffer_like(iostreams):
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert iostreams.WriteString(out.buffer, "to the buffer") == 13
    out.flush()
    assert out.buffer.getvalue() == b"to the buffer"


def test_text_stream_is_refused(iostreams, tmp_path):
    with pytest.raises(TypeError, match="binary stream.*text stream.*'rb'"):
        iostreams.Count(io.StringIO("text"))
    with pytest.raises(TypeError, match="binary stream"):
        iostreams.WriteString(io.TextIOWrapper(io.BytesIO()), "x")

    class T:
        def read(self, n):
            return "text"

    with pytest.raises(TypeError, match="read returned str.*binary stream"):
        iostreams.Count(T())


def test_wrong_objects(iostreams):
    with pytest.raises(TypeError, match="argument 'r' must be a binary file object .*bytes-like, not int"):
        iostreams.Count(5)
    with pytest.raises(TypeError, match="argument 'w' must be a binary file object \\(with write\\), not bytes"):
        iostreams.WriteString(b"x", "a")


def test_exceptions_come_back_as_themselves(iostreams):
    class Boom(Exception):
        pass

    class BadReader:
        def readinto(self, b):
            raise Boom("read")

    class BadWriter:
        def write(self, b):
            raise Boom("write")

    with pytest.raises(Boom, match="read"):
        iostreams.Count(BadReader())
    with pytest.raises(Boom, match="write"):
        iostreams.WriteString(BadWriter(), "x")


def test_short_writes_loop(iostreams):
    class Short:
        def __init__(self):
            self.parts = []

        def write(self, b):
            self.parts.append(bytes(b[:2]))
            return min(2, len(b))

    w = Short()
    assert iostreams.WriteString(w, "short writes") == 12
    assert b"".join(w.parts) == b"short writes"

    class Zero:
        def write(self, b):
            return 0

    with pytest.raises(iostreams.GoError, match="short write"):
        iostreams.WriteString(Zero(), "x")


def test_lent_memory_is_released(iostreams):
    class Keeper:
        def write(self, b):
            self.kept = b  # returns None: everything written

    k = Keeper()
    assert iostreams.WriteString(k, "kept") == 4
    with pytest.raises(ValueError):
        bytes(k.kept)


def test_none_is_nil(iostreams):
    with pytest.raises(iostreams.GoPanic):
        iostreams.Count(None)
    assert iostreams.Nothing() is None


def test_field_variable_container_callback(iostreams):
    out = io.BytesIO()
    log = iostreams.Logger(Out=out, Prefix="> ")
    log.Log("hi")
    assert out.getvalue() == b"> hi\n"
    assert log.Out is out  # a Python stream comes back as itself

    iostreams.Sink = io.BytesIO()
    assert iostreams.ToSink("s") == 1
    assert iostreams.Sink.getvalue() == b"s"

    assert iostreams.Concat([b"a", io.BytesIO(b"b"), iostreams.FromString("c")]) == b"abc"
    a, b = io.BytesIO(), io.BytesIO()
    iostreams.Writers([a, b], "both")
    assert a.getvalue() == b.getvalue() == b"both"

    assert iostreams.Open(lambda name: io.BytesIO(name.encode()), "nm") == "nm"
    assert iostreams.Open(lambda name: name.encode(), "bytes") == "bytes"
    assert iostreams.Open(lambda name: iostreams.FromString(name), "go stream") == "go stream"
    got = []
    iostreams.Produce("produced", lambda r: got.append(r.read()))
    assert got == [b"produced"]


# ---- Go's streams in Python ------------------------------------------------

def test_go_reader_is_a_raw_file(iostreams):
    r = iostreams.Upper(io.BytesIO(b"hello world\nsecond line\n"))
    assert isinstance(r, io.RawIOBase)
    assert r.readable() and not r.writable() and not r.seekable()
    assert list(r) == [b"HELLO WORLD\n", b"SECOND LINE\n"]
    r = iostreams.FromString("a\nbb\nccc")
    assert r.readline() == b"a\n"
    assert r.readline(1) == b"b"
    assert r.read(2) == b"b\n"
    assert r.read() == b"ccc"
    assert r.read() == b""


def test_go_streams_with_python_io(iostreams):
    out = io.BytesIO()
    shutil.copyfileobj(iostreams.FromString("copy me"), out)
    assert out.getvalue() == b"copy me"
    assert io.BufferedReader(iostreams.FromString("buffered\nx")).readline() == b"buffered\n"
    assert json.load(iostreams.FromString('{"a": 1}')) == {"a": 1}
    text = io.TextIOWrapper(io.BufferedReader(iostreams.FromString("é\nline")), encoding="utf-8")
    assert text.read() == "é\nline"


def test_go_read_write_buffer(iostreams):
    b = iostreams.NewBuffer()
    assert b.readable() and b.writable()
    assert b.write(b"xyz") == 3
    assert b.read() == b"xyz"
    assert iostreams.Echo(iostreams.NewBuffer(), "echo") == "echo"


def test_go_value_passes_back_as_itself(iostreams):
    r = iostreams.FromString("q")
    same = iostreams.Same(r)
    assert isinstance(same, io.RawIOBase) and "strings.Reader" in repr(same)
    assert same.read() == b"q"
    assert r.read() == b""  # one Go reader: read through the other
    assert iostreams.Copy(iostreams.NewBuffer(), iostreams.FromString("zz")) == 2
    assert iostreams.Count([iostreams.FromString("abc")][0]) == 3
    assert iostreams.Concat((iostreams.Same(iostreams.FromString("x")), b"y")) == b"xy"


def test_go_errors(iostreams):
    r = iostreams.Broken("abc")
    assert r.read(2) == b"ab"
    assert r.read(5) == b"c"
    with pytest.raises(iostreams.GoError, match="broken stream") as e:
        r.read(1)
    assert e.value == iostreams.ErrBroken
    with pytest.raises(iostreams.GoError, match="broken stream"):
        iostreams.Count(iostreams.Broken("x"))


def test_close(iostreams):
    c = iostreams.Closing("data")
    with c:
        assert c.read() == b"data"
    assert c.closed and iostreams.Closed()
    with pytest.raises(ValueError, match="closed file"):
        c.read()
    d = io.BytesIO()
    assert iostreams.CopyClose(d, iostreams.Closing("cc")) == 2
    assert iostreams.Closed() and d.closed
    r = iostreams.FromString("x")  # no Closer: close() is Python's only
    r.close()
    assert r.closed
    with pytest.raises(io.UnsupportedOperation):
        iostreams.FromString("x").write(b"a")


def test_stub(iostreams):
    stub = read_stub(iostreams)
    assert "import io as _io" in stub
    assert "def Upper(r: _io.RawIOBase | _io.BufferedIOBase | _typing.BinaryIO | bytes" in stub
    assert ") -> _io.RawIOBase | None:" in stub


# ---- large streams, bounded memory -----------------------------------------

SIZE = 200 << 20


@pytest.mark.skipif(UNDER_ASAN, reason="AddressSanitizer's quarantine grows RSS")
def test_large_copy_bounded_memory(iostreams):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    dst = Counter()
    assert iostreams.Copy(dst, Chunks(SIZE)) == SIZE
    assert dst.n == SIZE
    out = Counter()
    shutil.copyfileobj(iostreams.Zeros(SIZE), out)
    assert out.n == SIZE
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    # Far below the size: nothing holds the stream whole. PyPy's collector
    # frees the chunks' garbage lazily, so its peak is higher.
    limit = (SIZE >> 10) // (2 if IS_PYPY else 4)
    assert grown_kib < limit, f"max RSS grew by {grown_kib} KiB"
