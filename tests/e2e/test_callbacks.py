"""Python called from Go (package callbacks): Python objects implementing Go
interfaces, callables as Go func values, exceptions as Go errors, calls
from the caller's goroutine and from others, what Go keeps and lets go of,
and that nothing deadlocks.

Messages are checked by their key words only (their wording is the
runtimes')."""
import faulthandler
import functools
import gc
import math
import os
import random
import sys
import threading
import time
import weakref

import pytest

from conftest import collect, run_threads

SLOW = os.environ.get("GOPY_SLOW") == "1"


def slow(test):
    """The full-size stress runs: only with GOPY_SLOW=1."""
    test = pytest.mark.skipif(not SLOW, reason="slow: set GOPY_SLOW=1")(test)
    return pytest.mark.slow(test)


@pytest.fixture
def watchdog():
    """A hang fails the run with every thread's stack instead of waiting
    forever (faulthandler's timer needs no GIL)."""
    try:
        faulthandler.dump_traceback_later(300, exit=True)
    except (AttributeError, NotImplementedError, RuntimeError):  # an implementation without it
        yield
        return
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture
def unraisable(monkeypatch):
    """What reaches sys.unraisablehook during the test."""
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    return seen


@pytest.fixture(autouse=True)
def _drop_kept(callbacks):
    yield
    callbacks.Drop()


class Square:
    """Implements callbacks.Shape without knowing it; counts its calls."""

    def __init__(self, side=2.0):
        self.side = side
        self.calls = 0
        self.lock = threading.Lock()

    def Area(self):
        with self.lock:
            self.calls += 1
        return self.side * self.side

    def Name(self):
        return "square"


class HalfShape:
    """Has only one of callbacks.Shape's methods."""

    def Area(self):
        return 1.0


class Boom(Exception):
    """Raised by callbacks, to be recognised when it comes back."""


def raiser(exc):
    """A callable of any arguments that raises exc."""
    def f(*args):
        raise exc
    return f


def has_go_traceback(exc):
    return any("Go traceback" in n for n in getattr(exc, "__notes__", ()))


def wait_dead(callbacks, ref, seconds=10):
    """Waits until the object ref refers to is freed: Go releases what it
    no longer reaches after its collector runs, on a goroutine of its own."""
    deadline = time.monotonic() + seconds
    while ref() is not None and time.monotonic() < deadline:
        callbacks.GC()
        collect()
        time.sleep(0.01)
    return ref() is None


# Python objects implementing Go interfaces ---------------------------------

def test_any_object_with_the_methods_is_a_shape(callbacks):
    sq = Square(3)
    assert callbacks.AreaOf(sq) == 9.0
    assert callbacks.NameOf(sq) == "square"
    assert callbacks.Describe(sq) == "square:9"
    assert sq.calls == 2


def test_subclass_of_the_interface_class(callbacks):
    class Sub(callbacks.Shape):
        def Area(self):
            return 5.0

        def Name(self):
            return "sub"

    s = Sub()
    assert isinstance(s, callbacks.Shape)
    assert callbacks.Describe(s) == "sub:5"
    assert callbacks.Same(s) is s


def test_inherited_methods_count(callbacks):
    class Base:
        def Area(self):
            return 2.0

    class Derived(Base):
        def Name(self):
            return "derived"

    assert callbacks.Describe(Derived()) == "derived:2"


def test_missing_method_is_a_type_error_at_the_call(callbacks):
    with pytest.raises(TypeError) as e:
        callbacks.AreaOf(HalfShape())
    msg = str(e.value)
    for word in ("AreaOf()", "'s'", "callbacks.Shape", "HalfShape", "Name"):
        assert word in msg, msg
    assert not isinstance(e.value, (callbacks.GoError, callbacks.GoPanic))
    with pytest.raises(TypeError) as e:
        callbacks.Keep(object())
    msg = str(e.value)
    assert "Keep()" in msg and "callbacks.Shape" in msg and "object" in msg, msg
    assert callbacks.Kept() is None  # nothing was kept


def test_methods_must_be_the_classes(callbacks):
    h = HalfShape()
    h.Name = lambda: "on the instance"  # not on the class: not a method of it
    with pytest.raises(TypeError) as e:
        callbacks.AreaOf(h)
    assert "Name" in str(e.value)


def test_plain_values_are_no_shapes(callbacks):
    for bad, name in ((5, "int"), ("square", "str"), ([1], "list"), ({"Area": 1}, "dict")):
        with pytest.raises(TypeError) as e:
            callbacks.AreaOf(bad)
        msg = str(e.value)
        assert "callbacks.Shape" in msg and name in msg, msg


def test_go_shapes_still_pass(callbacks):
    assert callbacks.Describe(callbacks.Rect(2, 3)) == "rect:6"
    assert callbacks.Larger(callbacks.Rect(1, 1), Square(2)).Name() == "square"


def test_python_object_comes_back_as_itself(callbacks):
    sq = Square()
    assert callbacks.Same(sq) is sq
    assert callbacks.ShapeAsAny(sq) is sq
    assert callbacks.Larger(sq, callbacks.Rect(1, 1)) is sq
    assert callbacks.Larger(callbacks.Rect(1, 1), sq) is sq
    callbacks.Keep(sq)
    assert callbacks.Kept() is sq
    assert callbacks.Kept() is sq
    got = []
    callbacks.ApplyShape(lambda s: got.append(s) or 1.0, sq)
    assert got[0] is sq


def test_go_calls_a_kept_object_later_and_from_goroutines(callbacks):
    sq = Square(2)
    callbacks.Keep(sq)
    assert callbacks.KeptArea() == 4.0  # on a goroutine of its own
    sq.calls = 0
    assert callbacks.KeptAreas(4, 100) == 4 * 100 * 4.0
    assert sq.calls == 400


def test_shape_method_exception_is_raised_as_itself(callbacks):
    exc = Boom("no area")

    class Bad(Square):
        def Area(self):
            raise exc

    with pytest.raises(Boom) as e:
        callbacks.AreaOf(Bad())
    assert e.value is exc
    assert not isinstance(e.value, callbacks.GoPanic)
    assert has_go_traceback(e.value)
    with pytest.raises(Boom) as e:
        callbacks.Describe(Bad())
    assert e.value is exc


def test_shape_method_wrong_result_type(callbacks):
    class Wrong(Square):
        def Area(self):
            return "big"

    with pytest.raises(TypeError) as e:
        callbacks.AreaOf(Wrong())
    msg = str(e.value)
    assert "returned" in msg and "str" in msg, msg
    assert not isinstance(e.value, (callbacks.GoError, callbacks.GoPanic))

    class NoName(Square):
        def Name(self):
            return None

    with pytest.raises(TypeError) as e:
        callbacks.NameOf(NoName())
    msg = str(e.value)
    assert "returned" in msg and "None" in msg, msg


def test_callback_results_that_are_go_values_or_python_objects(callbacks):
    assert callbacks.MakeAndDescribe(lambda name: callbacks.Rect(2, 3), "r") == "rect:6"
    assert callbacks.MakeAndDescribe(lambda name: Square(3), "s") == "square:9"
    got = []
    assert callbacks.ApplyShape(lambda s: got.append(s) or s.Area(), callbacks.Rect(2, 5)) == 10.0
    assert type(got[0]) is callbacks.Rect


# Func values --------------------------------------------------------------------

def test_any_callable_is_a_func(callbacks):
    class Doubler:
        def __call__(self, x):
            return 2 * x

        def half(self, x):
            return x / 2

    assert callbacks.Apply(lambda x: x + 1, 1.5) == 2.5
    assert callbacks.ApplyFunc(lambda x: x * 3, 2) == 6.0  # an unnamed func type
    assert callbacks.Apply(math.sqrt, 16) == 4.0  # a builtin
    assert callbacks.Apply(Doubler(), 4) == 8.0
    assert callbacks.Apply(Doubler().half, 4) == 2.0  # a bound method
    assert callbacks.Apply(functools.partial(pow, 2), 3) == 8.0
    assert callbacks.Apply(lambda x: 7, 0) == 7.0  # an int where float64 is wanted
    assert callbacks.ApplyTwice(lambda x: x * x, 3) == 81.0


def test_non_callable_is_a_type_error(callbacks):
    for bad, name in ((5, "int"), ("f", "str"), (Square(), "Square")):
        with pytest.raises(TypeError) as e:
            callbacks.Apply(bad, 1.0)
        msg = str(e.value)
        assert "Apply()" in msg and "callable" in msg and name in msg, msg


def test_none_is_a_nil_func(callbacks):
    assert callbacks.IsNilFunc(None) is True
    assert callbacks.IsNilFunc(abs) is False


def test_func_comes_back_as_itself(callbacks):
    def f(x):
        return x

    assert callbacks.Identity(f) is f


def test_variadic_func_types(callbacks):
    seen = []

    def join(sep, *parts):
        seen.append((sep, parts))
        return sep.join(parts)

    assert callbacks.JoinABC(join) == "a-b-c"
    assert callbacks.JoinNone(join) == ""
    assert seen == [("-", ("a", "b", "c")), ("+", ())]
    assert callbacks.SumOf(lambda *xs: sum(xs)) == 6  # an unnamed variadic type


def test_go_keeps_a_callable_and_calls_it_later(callbacks):
    calls = []

    def handler(s):
        calls.append((s, threading.current_thread() is threading.main_thread()))
        return s.upper() + "!"

    callbacks.SetHandler(handler)
    assert callbacks.Fire("now") == "NOW!"
    callbacks.FireLater("later", 20)  # returns at once; Go calls it on its own goroutine
    assert callbacks.WaitFired() == "LATER!"
    assert [c[0] for c in calls] == ["now", "later"]
    assert calls[0][1] and not calls[1][1]
    callbacks.FireLater("after", 50)
    time.sleep(0.2)  # the call happens while no Python code waits in Go
    assert callbacks.WaitFired() == "AFTER!"


def test_callable_called_from_goroutines_concurrently(callbacks):
    lock = threading.Lock()
    threads = set()

    def f(x):
        with lock:
            threads.add(threading.get_ident())
        return x

    assert callbacks.Fan(f, 4, 200) == 4 * sum(range(200))
    assert len(threads) >= 1
    assert callbacks.ApplyOnGoroutine(lambda x: x * 10, 2) == 20.0


def test_tuple_results(callbacks):
    assert callbacks.CallPair(lambda: (1, "a")) == "1 a"
    assert callbacks.CallPairOrError(lambda: (2, "b")) == "2 b"


def test_tuple_of_the_wrong_length(callbacks):
    for bad in ((1,), (1, "a", 2), (), 5, None):
        with pytest.raises(TypeError) as e:
            callbacks.CallPair(lambda: bad)
        msg = str(e.value)
        assert "returned" in msg and "tuple" in msg and "2" in msg, msg
        assert not isinstance(e.value, (callbacks.GoError, callbacks.GoPanic))
        # With an error result, Go gets the failure as an error.
        msg = callbacks.CallPairOrError(lambda: bad)
        assert msg.startswith("error: ") and "returned" in msg and "tuple" in msg and "2" in msg, msg


def test_wrong_result_type(callbacks):
    with pytest.raises(TypeError) as e:
        callbacks.Apply(lambda x: "s", 1.0)
    msg = str(e.value)
    assert "returned" in msg and "str" in msg, msg
    assert not isinstance(e.value, (callbacks.GoError, callbacks.GoPanic))
    with pytest.raises(TypeError) as e:
        callbacks.CallPair(lambda: ("a", 1))
    assert "returned" in str(e.value), str(e.value)
    for bad in (None, object(), [1.0]):
        with pytest.raises(TypeError) as e:
            callbacks.Apply(lambda x: bad, 1.0)
        assert "returned" in str(e.value), str(e.value)
    msg = callbacks.CheckedMessage(lambda x: "s", 1.0)
    assert "returned" in msg and "str" in msg, msg


def test_exception_without_error_result_is_raised_as_itself(callbacks):
    exc = Boom("in f")
    with pytest.raises(Boom) as e:
        callbacks.Apply(raiser(exc), 1.0)
    assert e.value is exc
    assert not isinstance(e.value, callbacks.GoPanic)
    assert has_go_traceback(e.value)
    with pytest.raises(KeyError) as e:
        callbacks.ApplyFunc(lambda x: {}[x], 1.0)
    assert e.value.args == (1.0,)
    with pytest.raises(Boom) as e:
        callbacks.JoinABC(raiser(exc))
    assert e.value is exc
    with pytest.raises(ZeroDivisionError):
        callbacks.ApplyTwice(lambda x: 1.0 if x == 3 else 1 / (x - 1), 3)  # the second call raises


def test_exception_with_error_result_is_an_error(callbacks):
    exc = Boom("checked")
    with pytest.raises(Boom) as e:
        callbacks.CallChecked(raiser(exc), 1.0)
    assert e.value is exc
    assert callbacks.CheckedMessage(raiser(exc), 1.0) == "checked"
    assert callbacks.CallChecked(lambda x: x / 2, 3.0) == 1.5
    assert callbacks.CallPairOrError(raiser(exc)) == "error: checked"


def test_exception_on_a_goroutine_without_caller_is_unraisable(callbacks, unraisable):
    exc = Boom("nobody waits")
    assert callbacks.ApplyOnGoroutine(raiser(exc), 1.0) == 0.0  # zero values
    assert len(unraisable) == 1
    assert unraisable[0].exc_value is exc
    callbacks.SetHandler(raiser(exc))
    callbacks.FireLater("x", 0)
    assert callbacks.WaitFired() == ""
    assert len(unraisable) == 2 and unraisable[1].exc_value is exc


def test_wrong_result_on_a_goroutine_without_caller_is_unraisable(callbacks, unraisable):
    assert callbacks.ApplyOnGoroutine(lambda x: "s", 1.0) == 0.0
    assert len(unraisable) == 1
    exc = unraisable[0].exc_value
    assert isinstance(exc, RuntimeError) and "returned" in str(exc) and "str" in str(exc), exc


def test_kept_shape_raising_on_a_goroutine_is_unraisable(callbacks, unraisable):
    class Bad(Square):
        def Area(self):
            raise Boom("kept")

    callbacks.Keep(Bad())
    assert callbacks.KeptArea() == 0.0
    assert len(unraisable) == 1 and isinstance(unraisable[0].exc_value, Boom)


# Exceptions as errors -------------------------------------------------------------

def test_exception_is_an_error_whose_text_is_str(callbacks):
    exc = ValueError("bad value")
    assert callbacks.ErrorText(exc) == "bad value"
    assert callbacks.ErrorText(KeyError("k")) == str(KeyError("k"))
    assert callbacks.ErrorText(callbacks.GoError("made in Python")) == "made in Python"
    assert callbacks.ErrorText(None) == "<nil>"


def test_exception_comes_back_as_itself(callbacks):
    exc = ValueError("bad value")
    err, text = callbacks.PassError(exc)
    assert err is exc and text == "bad value"
    with pytest.raises(ValueError) as e:
        callbacks.Fail(exc)
    assert e.value is exc
    assert callbacks.Fail(None) is None
    out = callbacks.Outcome(Err=exc, Note="n")
    assert out.Err is exc and out.Text() == "bad value"
    out.Err = None
    assert out.Err is None
    out.Err = exc
    assert out.Err is exc


def test_non_exception_where_an_error_is_wanted(callbacks):
    for bad, name in ((5, "int"), ("x", "str"), (Square(), "Square"), (ValueError, "type")):
        with pytest.raises(TypeError) as e:
            callbacks.ErrorText(bad)
        msg = str(e.value)
        assert "ErrorText()" in msg and "'err'" in msg and name in msg, msg


def test_callback_exception_through_an_error_result(callbacks):
    exc = Boom("invalid")

    def check(x):
        if x % 2:
            raise exc

    assert callbacks.Validate(check, 2) is None
    with pytest.raises(Boom) as e:
        callbacks.Validate(check, 3)
    assert e.value is exc
    assert callbacks.ValidateMessage(check, 3) == "invalid"
    assert callbacks.ValidateMessage(check, 4) == "<nil>"


def test_wrapped_exception(callbacks):
    exc = Boom("inner")
    with pytest.raises(callbacks.GoError) as e:
        callbacks.Wrap(exc, "outer")
    assert str(e.value) == "outer: inner"
    with pytest.raises(callbacks.GoError) as e:
        callbacks.ValidateAll(raiser(exc), 1, 2)
    assert str(e.value) == "inner\ninner"


def test_errors_is_across_the_boundary(callbacks):
    exc = Boom("target")
    # The same Python exception is the same Go error, in one call or two.
    assert callbacks.Is(exc, exc)
    wrapped, ok = callbacks.WrapValue(exc, "ctx")
    assert ok and isinstance(wrapped, callbacks.GoError) and str(wrapped) == "ctx: target"
    assert callbacks.Is(wrapped, exc)
    assert not callbacks.Is(wrapped, Boom("target"))  # an equal exception is another one
    # A Go sentinel raised by Python code is still the sentinel for Go.
    assert callbacks.IsSkip(callbacks.ErrSkip)
    assert callbacks.ValidateIsSkip(raiser(callbacks.ErrSkip), 1)
    assert not callbacks.ValidateIsSkip(raiser(Boom("other")), 1)
    try:
        callbacks.Wrap(callbacks.ErrSkip, "w")
    except callbacks.GoError as caught:
        assert callbacks.ValidateIsSkip(raiser(caught), 1)
    else:
        pytest.fail("Wrap of an error returned nil")


def test_errors_as_across_the_boundary(callbacks):
    with pytest.raises(callbacks.GoError) as e:
        callbacks.Check(3)
    assert callbacks.CodeOf(e.value) == 3
    # A Go error raised by Python code keeps its Go type for errors.As.
    assert callbacks.ValidateCode(raiser(e.value), 1) == 3
    assert callbacks.ValidateCode(raiser(Boom("no code")), 1) == -1
    assert callbacks.ValidateCode(lambda x: None, 1) == -1


# End to end -------------------------------------------------------------------------

def test_sort_a_go_slice_with_a_python_comparator(callbacks):
    values = [random.Random(7).randrange(1000) for _ in range(300)]
    nums = callbacks.NewNumbers(*values)
    nums.Sort(lambda i, j: nums.At(i) < nums.At(j))  # a callback that calls Go again
    assert list(nums.Values()) == sorted(values)
    nums.Sort(lambda i, j: nums.At(i) > nums.At(j))
    assert list(nums.Values()) == sorted(values, reverse=True)


def test_comparator_raising_stops_the_sort(callbacks):
    nums = callbacks.NewNumbers(3, 1, 2)
    calls = []

    def less(i, j):
        calls.append((i, j))
        if len(calls) == 2:
            raise Boom("cmp")
        return nums.At(i) < nums.At(j)

    with pytest.raises(Boom):
        nums.Sort(less)
    assert len(calls) == 2
    assert sorted(nums.Values()) == [1, 2, 3]  # still the same ints


class Collector:
    """A Writer (callbacks.Writer) that Go writes to from several goroutines."""

    def __init__(self):
        self.lock = threading.Lock()
        self.chunks = []

    def Write(self, p):
        assert type(p) is bytes
        with self.lock:
            self.chunks.append(p)
        return len(p)


def test_writer_written_from_goroutines(callbacks):
    w = Collector()
    assert callbacks.WriteString(w, "héllo") == len("héllo".encode())
    assert w.chunks == ["héllo".encode()]
    w = Collector()
    n = callbacks.WriteLines(w, 4, 50)
    expected = [f"g {g} line {line}\n".encode() for g in range(4) for line in range(50)]
    assert n == sum(map(len, expected))
    assert sorted(w.chunks) == sorted(expected)
    for g in range(4):  # each goroutine's lines in its order
        mine = [c for c in w.chunks if c.startswith(f"g {g} ".encode())]
        assert mine == [f"g {g} line {line}\n".encode() for line in range(50)]


def test_writer_short_count_and_errors(callbacks):
    class Short:
        def Write(self, p):
            return 1

    assert callbacks.WriteString(Short(), "abc") == 1
    exc = OSError("disk full")

    class Full:
        def Write(self, p):
            raise exc

    with pytest.raises(OSError) as e:
        callbacks.WriteString(Full(), "abc")
    assert e.value is exc
    with pytest.raises(OSError) as e:
        callbacks.WriteLines(Full(), 4, 10)  # raised on goroutines, returned as an error
    assert e.value is exc
    with pytest.raises(TypeError) as e:
        callbacks.WriteString(Square(), "x")
    assert "Write" in str(e.value) and "callbacks.Writer" in str(e.value)


def test_functional_options(callbacks):
    c = callbacks.New()
    assert (c.Name, c.Size, c.Verbose) == ("default", 1, False)
    got = []

    def named(cfg):
        got.append(cfg)
        cfg.Name = "custom"

    def verbose(cfg):
        cfg.Verbose = True
        cfg.Size = cfg.Size * 10

    c = callbacks.New(named, verbose)
    assert (c.Name, c.Size, c.Verbose) == ("custom", 10, True)
    assert type(got[0]) is callbacks.Config
    c = callbacks.New(callbacks.WithSize(4), verbose)  # a Go option among Python ones
    assert (c.Size, c.Verbose) == (40, True)
    c = callbacks.New(verbose, callbacks.WithSize(4))
    assert c.Size == 4
    with pytest.raises(TypeError) as e:
        callbacks.New(named, 5)
    assert "callable" in str(e.value) and "int" in str(e.value)
    exc = Boom("bad option")
    with pytest.raises(Boom) as e:
        callbacks.New(named, raiser(exc))
    assert e.value is exc


class Recorder:
    """A callbacks.Visitor recording the walk; skip and fail name nodes."""

    def __init__(self, skip=(), fail=None):
        self.events = []
        self.skip, self.fail = skip, fail

    def Visit(self, n, depth):
        self.events.append(("visit", n.Name, depth))
        if n.Name in self.skip:
            raise self.skip[n.Name]
        if self.fail and n.Name == self.fail[0]:
            raise self.fail[1]

    def Leave(self, n):
        self.events.append(("leave", n.Name))


WALK = [("visit", "root", 0), ("visit", "a", 1), ("visit", "a1", 2), ("leave", "a1"),
        ("visit", "a2", 2), ("leave", "a2"), ("leave", "a"), ("visit", "b", 1),
        ("visit", "b1", 2), ("leave", "b1"), ("leave", "b"), ("visit", "c", 1), ("leave", "c"),
        ("leave", "root")]


def test_visitor(callbacks):
    r = Recorder()
    assert callbacks.Walk(callbacks.Sample(), r) is None
    assert r.events == WALK
    r = Recorder()
    assert callbacks.WalkOnGoroutine(callbacks.Sample(), r) is None
    assert r.events == WALK

    class Sub(callbacks.Visitor):
        def __init__(self):
            self.total = 0

        def Visit(self, n, depth):
            self.total += n.Value

        def Leave(self, n):
            pass

    s = Sub()
    callbacks.Walk(callbacks.Sample(), s)
    assert s.total == 0 + 1 + 11 + 12 + 2 + 21 + 3


def test_visitor_skips_with_the_go_sentinel(callbacks):
    r = Recorder(skip={"a": callbacks.ErrSkip})
    callbacks.Walk(callbacks.Sample(), r)
    assert ("visit", "a1", 2) not in r.events
    assert ("visit", "b1", 2) in r.events and ("leave", "root") in r.events


def test_visitor_errors(callbacks, unraisable):
    exc = Boom("stop at b")
    r = Recorder(fail=("b", exc))
    with pytest.raises(Boom) as e:
        callbacks.Walk(callbacks.Sample(), r)
    assert e.value is exc
    assert r.events[-1] == ("visit", "b", 1)
    with pytest.raises(callbacks.GoError) as e:
        callbacks.WalkWrapped(callbacks.Sample(), Recorder(fail=("c", exc)))
    assert str(e.value) == "walk: stop at b"
    with pytest.raises(Boom) as e:  # returned through Go's error results, from a goroutine
        callbacks.WalkOnGoroutine(callbacks.Sample(), Recorder(fail=("a2", exc)))
    assert e.value is exc

    class BadLeave(Recorder):
        def Leave(self, n):
            raise exc

    with pytest.raises(Boom) as e:  # no error result: through Go's panic
        callbacks.Walk(callbacks.Sample(), BadLeave())
    assert e.value is exc and has_go_traceback(e.value)
    assert not unraisable

    class NoLeave:
        def Visit(self, n, depth):
            pass

    with pytest.raises(TypeError) as e:
        callbacks.Walk(callbacks.Sample(), NoLeave())
    msg = str(e.value)
    assert "callbacks.Visitor" in msg and "NoLeave" in msg and "Leave" in msg, msg


# Lifetime ---------------------------------------------------------------------------

def test_object_go_holds_stays_alive_and_is_released_when_dropped(callbacks):
    sq = Square(3)
    ref = weakref.ref(sq)
    callbacks.Keep(sq)
    del sq
    for _ in range(3):
        callbacks.GC()
        collect()
    assert ref() is not None
    assert callbacks.KeptArea() == 9.0
    callbacks.Drop()
    assert wait_dead(callbacks, ref)


def test_callable_go_holds_stays_alive_and_is_released_when_dropped(callbacks):
    class Handler:
        def __call__(self, s):
            return s * 2

    h = Handler()
    ref = weakref.ref(h)
    callbacks.SetHandler(h)
    del h
    for _ in range(3):
        callbacks.GC()
        collect()
    assert ref() is not None
    assert callbacks.Fire("ab") == "abab"
    callbacks.SetHandler(None)
    assert wait_dead(callbacks, ref)


def test_objects_passed_for_one_call_are_released(callbacks):
    sq, exc = Square(), Boom("x")
    refs = [weakref.ref(sq), weakref.ref(exc)]

    def f(x):
        return x

    refs.append(weakref.ref(f))
    for _ in range(200):
        callbacks.Describe(sq)
        callbacks.ErrorText(exc)
        callbacks.Apply(f, 1.0)
        callbacks.Fan(f, 2, 2)
    callbacks.Outcome(Err=exc)
    del sq, exc, f
    assert all(wait_dead(callbacks, r) for r in refs)


def test_exception_go_holds_in_a_field(callbacks):
    exc = Boom("held")
    ref = weakref.ref(exc)
    out = callbacks.Outcome(Err=exc)
    del exc
    for _ in range(3):
        callbacks.GC()
        collect()
    assert ref() is not None and out.Text() == "held"
    out.Err = None
    assert wait_dead(callbacks, ref)


# Never deadlock ----------------------------------------------------------------------

def test_callback_from_a_goroutine_while_the_caller_waits(callbacks, watchdog):
    for _ in range(50):
        assert callbacks.ApplyOnGoroutine(lambda x: x + 1, 1.0) == 2.0


def test_callbacks_three_levels_deep(callbacks, watchdog):
    def f3(x):
        return callbacks.Apply(lambda y: y - 3, x)

    def f2(x):
        return callbacks.ApplyOnGoroutine(f3, x * 2)

    def f1(x):
        return callbacks.Apply(f2, x + 1)

    assert callbacks.Apply(f1, 1.0) == 1.0  # ((1 + 1) * 2) - 3
    assert callbacks.ApplyOnGoroutine(f1, 1.0) == 1.0

    def g(level):
        def f(x):
            if level == 3:
                return callbacks.Upper("x") == "X" and x + level
            return callbacks.ApplyOnGoroutine(g(level + 1), x + level)
        return f

    assert callbacks.ApplyOnGoroutine(g(1), 0.0) == 6.0
    sq = Square(2)

    class Nested(Square):
        def Area(self):
            return callbacks.AreaOf(sq) + callbacks.Fan(lambda x: 1.0, 2, 3)

    assert callbacks.AreaOf(Nested()) == 4.0 + 6.0


def test_exception_three_levels_deep_is_raised_as_itself(callbacks, watchdog):
    exc = Boom("deep")

    def f3(x):
        raise exc

    def f2(x):
        return callbacks.Apply(f3, x)

    def f1(x):
        return callbacks.Apply(f2, x)

    with pytest.raises(Boom) as e:
        callbacks.Apply(f1, 1.0)
    assert e.value is exc


def _stress(callbacks, threads, goroutines, calls):
    errors = []
    results = [None] * threads

    def worker(i):
        try:
            def f(x):
                return x + i

            def nested(x):  # calls into Go again from a goroutine's callback
                return callbacks.Apply(f, x) - i

            results[i] = (callbacks.Fan(f, goroutines, calls), callbacks.Fan(nested, goroutines, calls // 10 or 1))
        except BaseException as e:  # reported below
            errors.append(e)

    run_threads(worker, threads)
    assert not errors, errors
    per = sum(range(calls))
    small = calls // 10 or 1
    for i, r in enumerate(results):
        assert r == (goroutines * (per + calls * i), goroutines * sum(range(small))), (i, r)


def test_threads_and_goroutines_calling_back(callbacks, watchdog):
    _stress(callbacks, 4, 4, 200)


def test_threads_writing_and_visiting(callbacks, watchdog):
    errors = []

    def worker(i):
        try:
            for _ in range(5):
                w = Collector()
                assert callbacks.WriteLines(w, 4, 20) == sum(
                    len(f"g {g} line {line}\n") for g in range(4) for line in range(20))
                r = Recorder()
                callbacks.WalkOnGoroutine(callbacks.Sample(), r)
                assert r.events == WALK
                sq = Square(1)
                callbacks.Larger(sq, callbacks.Rect(0.5, 0.5))
        except BaseException as e:  # reported below
            errors.append(e)

    run_threads(worker, 4)
    assert not errors, errors


@slow
def test_threads_and_goroutines_calling_back_full(callbacks, watchdog):
    if hasattr(faulthandler, "dump_traceback_later"):
        faulthandler.dump_traceback_later(3600, exit=True)  # 6.4 million callbacks take a while
    _stress(callbacks, 8, 8, 100_000)
    gc.collect()


def _round_trips(callbacks, n):
    """n Python objects through Go and back: a callable Go calls and returns,
    an object Go keeps (replacing the last) and calls."""
    for i in range(n):
        f = (lambda x, i=i: x + i)
        assert callbacks.Identity(f) is f
        callbacks.Keep(Square(1 + i % 3))


def _round_trip_rss(callbacks, n, rounds=4, max_growth_kib=4096):
    from conftest import UNDER_ASAN, rss_kib
    if UNDER_ASAN:
        pytest.skip("AddressSanitizer's quarantine grows RSS")
    _round_trips(callbacks, n)  # warm up: Go's heap and the pools reach their size
    growth = []
    for _ in range(rounds):
        gc.collect()
        callbacks.GC()
        before = rss_kib()
        _round_trips(callbacks, n)
        gc.collect()
        callbacks.GC()
        growth.append(rss_kib() - before)
        if growth[-1] < max_growth_kib:
            return
    raise AssertionError(f"RSS grew by {growth} KiB in {rounds} rounds of {n:,} round trips")


def test_round_trips_leave_memory_flat(callbacks):
    _round_trip_rss(callbacks, 5_000)


@slow
def test_a_million_round_trips_leave_memory_flat(callbacks):
    _round_trip_rss(callbacks, 1_000_000, max_growth_kib=8192)


def test_callbacks_during_interpreter_shutdown_do_not_crash(callbacks):
    """Go keeps calling a Python object on goroutines while the interpreter
    exits: the process ends cleanly (calls after finalization fail in Go)."""
    import subprocess
    out = os.path.dirname(callbacks.__file__)
    if os.path.basename(callbacks.__file__).startswith("__init__."):  # a package (cffi)
        out = os.path.dirname(out)
    code = (
        "import sys, threading\n"
        f"sys.path.insert(0, {out!r})\n"
        "import callbacks\n"
        "class S:\n"
        "    def Area(self): return 2.0\n"
        "    def Name(self): return 's'\n"
        "callbacks.Keep(S())\n"
        "def spin():\n"
        "    while True:\n"
        "        callbacks.KeptAreas(2, 50)\n"
        "threading.Thread(target=spin, daemon=True).start()\n"
        "import time; time.sleep(0.2)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, (p.returncode, p.stderr[-2000:])


def test_a_go_func_has_a_signature(callbacks):
    import inspect
    opt = callbacks.WithSize(3)
    params = list(inspect.signature(opt).parameters.values())
    assert len(params) == 1 and params[0].kind is inspect.Parameter.POSITIONAL_ONLY
    assert params[0].annotation == "callbacks.Option"  # the Go type, as %T shows it
