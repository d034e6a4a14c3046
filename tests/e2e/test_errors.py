"""Go errors become GoError, Go panics become GoPanic; the interpreter lives on."""
import pytest

from conftest import rss_is_meaningful, rss_kib


def test_error_classes(errs):
    assert issubclass(errs.GoError, Exception)
    assert issubclass(errs.GoPanic, Exception)
    assert errs.GoError.__module__ == "errs"
    assert errs.GoError.__name__ == "GoError"
    assert errs.GoError.__doc__
    assert errs.GoPanic.__doc__


def test_error_result_raises(errs):
    assert errs.Div(7, 2) == 3
    with pytest.raises(errs.GoError) as e:
        errs.Div(1, 0)
    assert str(e.value) == "division by zero"
    assert e.value.go_type == "*errors.errorString"


def test_wrapped_and_custom_errors(errs):
    assert errs.Sqrt(16.0) == pytest.approx(4.0)
    with pytest.raises(errs.GoError) as e:
        errs.Sqrt(-4)
    assert str(e.value) == "sqrt(-4): negative input"
    assert e.value.go_type == "*fmt.wrapError"
    with pytest.raises(errs.GoError) as e:
        errs.Check(7)
    assert str(e.value) == "code 7"
    assert e.value.go_type == "*errs.CodeError"
    assert errs.Check(0) is None


def test_error_with_several_results(errs):
    assert errs.Pair(True) == ("ok", 2)
    with pytest.raises(errs.GoError, match="not ok"):
        errs.Pair(False)


def test_error_message_with_invalid_utf8(errs):
    with pytest.raises(errs.GoError) as e:
        errs.BadUTF8Error()
    assert str(e.value) == "bad \udcff byte"


def test_panic_with_string(errs):
    with pytest.raises(errs.GoPanic) as e:
        errs.Panic("something broke")
    p = e.value
    assert str(p) == "something broke"
    assert p.value == "something broke"
    assert p.go_type == "string"
    assert "goroutine" in p.traceback
    assert "errs.Panic" in p.traceback


def test_panic_with_error_value(errs):
    with pytest.raises(errs.GoPanic) as e:
        errs.PanicError()
    assert e.value.value == "wrapped: negative input"
    assert e.value.go_type == "*fmt.wrapError"


@pytest.mark.parametrize("call, text", [
    (lambda m: m.Index(5), "index out of range [5] with length 3"),
    (lambda m: m.NilMap(), "assignment to entry in nil map"),
    (lambda m: m.DivZero(1), "integer divide by zero"),
])
def test_runtime_errors_are_panics(errs, call, text):
    with pytest.raises(errs.GoPanic) as e:
        call(errs)
    assert text in str(e.value)
    assert e.value.go_type.startswith("runtime.")
    assert "errs." in e.value.traceback


def test_interpreter_keeps_working_after_panics(errs):
    for _ in range(100):
        with pytest.raises(errs.GoPanic):
            errs.Index(-1 + 10)
    assert errs.Div(9, 3) == 3
    assert errs.PanicInGoroutineRecovered() == "inner"


def test_exceptions_are_catchable_separately(errs):
    caught = []
    for f in (lambda: errs.Div(1, 0), lambda: errs.Panic("p")):
        try:
            f()
        except errs.GoPanic:
            caught.append("panic")
        except errs.GoError:
            caught.append("error")
    assert caught == ["error", "panic"]


@rss_is_meaningful
def test_failures_do_not_leak(errs):
    def churn(n):
        for _ in range(n):
            try:
                errs.Div(1, 0)
            except errs.GoError:
                pass
            try:
                errs.Panic("x" * 100)
            except errs.GoPanic:
                pass
    churn(2000)
    before = rss_kib()
    churn(20000)
    grown = rss_kib() - before
    assert grown < 8 * 1024, f"RSS grew by {grown} KiB"


# A function with one number result returns it directly and signals a
# failure with a reserved value of the result's type; these values must
# still be ordinary results.
INT_SENTINEL = -0x7ffffffffffffef9
UINT_SENTINEL = 0xfffffffffffffef9
FLOAT_SENTINEL = -7.2911220195563975e-304


def test_reserved_results_are_results(errs):
    assert errs.EchoInt(INT_SENTINEL, False) == INT_SENTINEL
    assert errs.EchoUint(UINT_SENTINEL) == UINT_SENTINEL
    assert errs.EchoFloat(FLOAT_SENTINEL, False) == FLOAT_SENTINEL
    assert errs.Box(V=INT_SENTINEL).Value() == INT_SENTINEL


def test_failures_of_direct_results_are_not_left_behind(errs):
    with pytest.raises(errs.GoPanic, match="echo failed"):
        errs.EchoInt(INT_SENTINEL, True)
    # The failure was consumed: the same value as a result is a result.
    assert errs.EchoInt(INT_SENTINEL, False) == INT_SENTINEL
    with pytest.raises(errs.GoError, match="echo failed"):
        errs.EchoFloat(1.0, True)
    assert errs.EchoFloat(FLOAT_SENTINEL, False) == FLOAT_SENTINEL
    with pytest.raises(errs.GoPanic, match="3 is odd"):
        errs.Box(V=3).Half()
    assert errs.Box(V=6).Half() == 3
    assert errs.Box(V=INT_SENTINEL).Value() == INT_SENTINEL
    assert errs.EchoInt(INT_SENTINEL, False) == INT_SENTINEL


def test_direct_results_fail_per_thread(errs):
    import threading

    seen = []

    def worker(fail):
        for _ in range(2000):
            try:
                r = errs.EchoInt(INT_SENTINEL, fail)
                seen.append(("ok", fail, r))
            except errs.GoPanic:
                seen.append(("panic", fail, None))

    threads = [threading.Thread(target=worker, args=(i % 2 == 0,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(kind == ("panic" if fail else "ok") for kind, fail, _ in seen)
    assert all(r == INT_SENTINEL for kind, _, r in seen if kind == "ok")
