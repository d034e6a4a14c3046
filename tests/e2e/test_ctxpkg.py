"""context.Context parameters: optional (None or left out is
context.Background()), a keyword-only timeout= on every call that takes
one, and Ctrl-C cancels the call's context while it runs, on both backends.
A context Go returns is a GoValue that passes back as itself."""
import datetime as dt
import inspect
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import build_output, read_stub, run_threads


def test_left_out_or_none_is_background(ctxpkg):
    assert ctxpkg.Sleep(0.001) is None
    assert ctxpkg.Sleep(None, 0.001) is None
    assert ctxpkg.Sleep(d=0.001) is None
    assert ctxpkg.Sleep(ctx=None, d=dt.timedelta(milliseconds=1)) is None
    assert ctxpkg.Value("a") == ""
    assert ctxpkg.Value(k="a") == ""
    assert ctxpkg.Deadline()[0] is False
    assert ctxpkg.Deadline(None)[0] is False


def test_go_context_passes_back(ctxpkg):
    bg = ctxpkg.Background()
    assert type(bg) is ctxpkg.GoValue
    assert ctxpkg.Sleep(bg, 0.001) is None
    w = ctxpkg.WithValue(None, "a", "1")
    assert type(w) is ctxpkg.GoValue
    # The context made during one call outlives it.
    assert ctxpkg.Value(w, "a") == "1"
    assert ctxpkg.Value(w, k="a") == "1"
    assert ctxpkg.Sleep(w, 0.001) is None
    w2 = ctxpkg.WithValue(w, "b", "2")
    assert (ctxpkg.Value(w2, "a"), ctxpkg.Value(w2, "b")) == ("1", "2")


def test_context_made_in_a_call_follows_its_argument(ctxpkg):
    # A cancelable child made during one call is cancelled with its
    # argument, later.
    parent, cancel = ctxpkg.WithCancel()
    child = ctxpkg.Derive(parent)
    assert ctxpkg.Err(child) == ""
    cancel()
    assert ctxpkg.Err(parent) == "context canceled"
    deadline = time.monotonic() + 5
    while ctxpkg.Err(child) == "" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ctxpkg.Err(child) == "context canceled"
    with pytest.raises(ctxpkg.GoError, match="context canceled"):
        ctxpkg.Sleep(child, 10)
    assert ctxpkg.Err(ctxpkg.Derive(None)) == ""


def test_timeout_raises_go_error(ctxpkg):
    t = time.monotonic()
    with pytest.raises(ctxpkg.GoError, match="context deadline exceeded") as e:
        ctxpkg.Sleep(10, timeout=0.1)
    assert time.monotonic() - t < 5
    # Go's error as every other: a GoError, not TimeoutError.
    assert not isinstance(e.value, TimeoutError)
    assert e.value.go_type == "context.deadlineExceededError"
    with pytest.raises(ctxpkg.GoError, match="deadline exceeded"):
        ctxpkg.Sleep(None, 10, timeout=dt.timedelta(milliseconds=100))
    # Not positive: a deadline already past.
    with pytest.raises(ctxpkg.GoError, match="deadline exceeded"):
        ctxpkg.Sleep(10, timeout=0)
    with pytest.raises(ctxpkg.GoError, match="deadline exceeded"):
        ctxpkg.Sleep(10, timeout=-1)


def test_timeout_is_a_deadline_on_the_given_context(ctxpkg):
    ok, left = ctxpkg.Deadline(timeout=30)
    assert ok and 25 < left <= 30
    ok, left = ctxpkg.Deadline(timeout=dt.timedelta(minutes=1))
    assert ok and 55 < left <= 60
    assert ctxpkg.Deadline(timeout=None)[0] is False
    w = ctxpkg.WithValue(None, "a", "1")
    assert ctxpkg.Value(w, "a", timeout=5) == "1"
    # A call that completes in time returns as usual.
    assert ctxpkg.Count(2, 0.001, timeout=10) == 2
    with pytest.raises(ctxpkg.GoError, match="deadline exceeded"):
        ctxpkg.Count(100, 0.05, timeout=0.1)


def test_context_made_under_a_timeout_ends_with_the_call(ctxpkg):
    # The deadline's context is released when the call returns: what Go
    # made from it is done, as in Go after `defer cancel()`.
    w = ctxpkg.WithValue(None, "a", "1", timeout=10)
    assert ctxpkg.Value(w, "a") == "1"
    with pytest.raises(ctxpkg.GoError, match="context canceled"):
        ctxpkg.Sleep(w, 10)


def test_wrong_types(ctxpkg):
    with pytest.raises(TypeError, match=r"Sleep\(\) argument 'ctx' must be context.Context, not int"):
        ctxpkg.Sleep(5, 0.1)
    with pytest.raises(TypeError, match=r"argument 'ctx' must be context.Context, not str"):
        ctxpkg.Value("x", "a")
    with pytest.raises(TypeError, match=r"Sleep\(\) argument 'timeout' must be a number of seconds, "
                                        r"a timedelta or None, not str"):
        ctxpkg.Sleep(0.1, timeout="1")
    with pytest.raises(ValueError, match=r"Sleep\(\) argument 'timeout' is not a number"):
        ctxpkg.Sleep(0.1, timeout=float("nan"))


def test_binding_errors(ctxpkg):
    with pytest.raises(TypeError, match=r"Sleep\(\) missing required argument 'd' \(Go time.Duration\)"):
        ctxpkg.Sleep()
    with pytest.raises(TypeError, match=r"Sleep\(\) takes 2 positional arguments but 3 were given"):
        ctxpkg.Sleep(None, 1, 2)
    with pytest.raises(TypeError, match=r"Sleep\(\) got an unexpected keyword argument 'x'"):
        ctxpkg.Sleep(0.1, x=1)
    with pytest.raises(TypeError, match=r"Sleep\(\) got multiple values for argument 'd'"):
        ctxpkg.Sleep(None, 0.1, d=1)


def test_parameter_named_timeout(ctxpkg):
    # Go's own parameter keeps its name; the call's timeout is timeout_.
    assert ctxpkg.Wait(0.001) is None
    assert ctxpkg.Wait(timeout=0.001) is None
    assert ctxpkg.Wait(None, 0.001, timeout_=5) is None
    with pytest.raises(ctxpkg.GoError, match="deadline exceeded"):
        ctxpkg.Wait(10, timeout_=0.05)
    assert "timeout_: float | _datetime.timedelta | None = None" in read_stub(ctxpkg)


def test_method_and_variadic(ctxpkg):
    w = ctxpkg.Worker(Name="bob")
    assert w.Nap(0.001) == "bob"
    assert w.Nap(None, d=0.001) == "bob"
    with pytest.raises(ctxpkg.GoError, match="deadline exceeded"):
        w.Nap(10, timeout=0.05)
    # A variadic function takes its context positionally (or by keyword).
    assert ctxpkg.Join() == ""
    assert ctxpkg.Join(None, "a", "b") == "ab"
    assert ctxpkg.Join(ctxpkg.Background(), "a") == "a"
    with pytest.raises(TypeError, match="argument 'ctx' must be context.Context, not str"):
        ctxpkg.Join("a", "b")


def test_other_positions(ctxpkg):
    # Fields, variables, elements and callbacks: an interface value whose
    # nil is None (only a parameter's None is Background()).
    w = ctxpkg.WithValue(None, "a", "1")
    j = ctxpkg.Job(Ctx=w, Name="j")
    assert type(j.Ctx) is ctxpkg.GoValue and ctxpkg.Value(j.Ctx, "a") == "1"
    seen = []
    assert j.Run(lambda ctx: seen.append(ctxpkg.Value(ctx, "a"))) is None
    assert seen == ["1"]
    assert ctxpkg.Job().Ctx is None
    with pytest.raises(TypeError, match="argument 'Ctx' must be context.Context, not int"):
        ctxpkg.Job(Ctx=5)
    assert ctxpkg.Current is None
    ctxpkg.Current = w
    try:
        assert ctxpkg.Value(ctxpkg.Current, "a") == "1"
    finally:
        ctxpkg.Current = None
    assert ctxpkg.Current is None
    assert list(ctxpkg.Values([w, None, ctxpkg.Background()], "a")) == ["1", "", ""]


def test_interface_method_taking_a_context(ctxpkg):
    # Go calls a Python object's method with the context it made; a Go
    # implementation's method is an interruptible call like any other.
    class PyDoer:
        def Do(self, ctx, d):
            return "py:" + ctxpkg.Value(ctx, "a")

    assert ctxpkg.DoWith(PyDoer(), "a", "3") == "py:3"
    w = ctxpkg.Worker(Name="bob")
    assert ctxpkg.DoWith(w, "a", "2") == "bob"
    assert w.Do(0.001) == "bob"
    with pytest.raises(ctxpkg.GoError, match="deadline exceeded"):
        w.Do(10, timeout=0.05)


def test_panic(ctxpkg):
    with pytest.raises(ctxpkg.GoPanic, match="boom"):
        ctxpkg.Panics(True)
    with pytest.raises(ctxpkg.GoPanic, match="boom"):
        ctxpkg.Panics(False, timeout=0.01)


def test_other_threads_run(ctxpkg):
    # Only the main thread handles signals; other threads wait for Go in
    # one piece, side by side.
    errors = []

    def worker(i):
        try:
            assert ctxpkg.Count(3, 0.01) == 3
            with pytest.raises(ctxpkg.GoError):
                ctxpkg.Sleep(10, timeout=0.05)
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    run_threads(worker)
    assert not errors


def test_signatures_and_stub(ctxpkg):
    # Where no fixed parameter follows the context, Python spells its
    # default; else there is no text signature (the stub has overloads).
    assert str(inspect.signature(ctxpkg.Deadline)) == "(ctx=None, *, timeout=None)"
    assert str(inspect.signature(ctxpkg.Join)) == "(ctx=None, *parts, timeout=None)"
    stub = read_stub(ctxpkg)
    assert ("def Deadline(ctx: GoValue | None = None, *, timeout: float | _datetime.timedelta | None = None)"
            in stub)
    assert "@overload\ndef Sleep(ctx: GoValue | None, d: _datetime.timedelta | int | float, *, timeout:" in stub
    assert "@overload\ndef Sleep(d: _datetime.timedelta | int | float, *, timeout:" in stub
    assert "def Background() -> GoValue | None:" in stub


CHILD = """
import sys, time
import ctxpkg
print("calling", flush=True)
try:
    ctxpkg.Sleep(30)
except KeyboardInterrupt:
    # Go's call has returned: the module goes on working.
    assert ctxpkg.Sleep(0.001) is None
    print("interrupted", flush=True)
    raise
print("returned", flush=True)
"""


def test_ctrl_c_cancels_the_call():
    out, _ = build_output("ctxpkg")
    env = dict(os.environ, PYTHONPATH=out)
    p = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline() == "calling\n"
        time.sleep(0.5)  # into the Go call
        sent = time.monotonic()
        p.send_signal(signal.SIGINT)
        stdout, stderr = p.communicate(timeout=60)
        took = time.monotonic() - sent
    finally:
        p.kill()
    assert stdout == "interrupted\n", stderr
    assert stderr.rstrip().endswith("KeyboardInterrupt"), stderr
    assert "GoError" not in stderr
    assert p.returncode in (-signal.SIGINT, 1)
    assert took < 5, took
