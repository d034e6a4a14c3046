"""Error classes (package errclass): a struct type whose T or *T implements
error is a class deriving from NAME.GoError, so Go's errors of that type are
raised and returned as its instances: `except errclass.PathError as e: e.Op`."""
import copy
import pickle

import pytest

from conftest import assert_churn_leaves_no_trace, live


def test_raised_as_its_class(errclass):
    with pytest.raises(errclass.PathError) as ei:
        errclass.Open("x")
    e = ei.value
    assert type(e) is errclass.PathError
    assert isinstance(e, errclass.GoError) and isinstance(e, Exception)
    assert (e.Op, e.Path) == ("open", "x")
    assert str(e) == "open x: file does not exist"
    assert e.go_type == "*errclass.PathError"
    assert repr(e) == "errclass.PathError(Op='open', Path='x', Err=GoError('file does not exist'))"
    assert errclass.Open("ok") == 3


def test_caught_as_go_error(errclass):
    with pytest.raises(errclass.GoError, match="^open y: file does not exist$"):
        errclass.Open("y")


def test_class_is_a_go_error_subclass(errclass):
    assert issubclass(errclass.PathError, errclass.GoError)
    assert issubclass(errclass.Code, errclass.GoError)
    assert errclass.PathError.go_type == "*errclass.PathError"
    assert errclass.Code.go_type == "errclass.Code"


def test_the_instance_is_the_go_error(errclass):
    with pytest.raises(errclass.PathError) as ei:
        errclass.Open("x")
    e = ei.value
    assert errclass.Same(e, e)  # the same *PathError, not a copy
    assert errclass.TypeOf(e) == "*errclass.PathError"
    assert errclass.IsPathError(e) and errclass.PathOf(e) == "x"
    assert errclass.IsNotExist(e)  # through Unwrap
    assert e == errclass.ErrNotExist  # errors.Is
    e.Path = "changed"  # the fields are the Go value's
    assert errclass.PathOf(e) == "changed"
    assert str(e) == "open changed: file does not exist"


def test_value_receiver_error(errclass):
    with pytest.raises(errclass.Code) as ei:
        errclass.Fail(3)
    e = ei.value
    assert e.N == 3 and str(e) == "code 3"
    assert e.go_type == "errclass.Code"
    # Go gets the value Code{3} back, not a *Code: errors.As into a Code works.
    assert errclass.TypeOf(e) == "errclass.Code"
    assert errclass.IsCode(e, 3)
    assert e == errclass.Code(N=3)  # errors.Is compares the values
    assert e != errclass.Code(N=4)


def test_returned_not_raised(errclass):
    r = errclass.Stat("y")
    assert type(r.Err) is errclass.PathError and r.Err.Path == "y"
    err, n = errclass.Pair("zz")
    assert type(err) is errclass.PathError and n == 2
    assert errclass.Stat("ok").Err is None
    assert type(errclass.AsAny("q")) is errclass.PathError


def test_made_in_python(errclass):
    pe = errclass.PathError(Op="read", Path="p", Err=errclass.ErrNotExist)
    assert str(pe) == "read p: file does not exist"
    assert errclass.IsPathError(pe) and errclass.IsNotExist(pe)
    assert errclass.TypeOf(pe) == "*errclass.PathError"
    assert errclass.TypeOf(errclass.Code(N=1)) == "errclass.Code"
    assert errclass.IsCode(errclass.Code(N=1), 1)
    with pytest.raises(errclass.PathError) as ei:
        raise pe
    assert ei.value is pe
    errclass.Keep(pe)
    kept, ok = errclass.Kept()
    assert ok and type(kept) is errclass.PathError and errclass.Same(kept, pe)
    assert str(errclass.PathError()) == " "  # the zero value: Err is nil


def test_raised_in_a_callback(errclass):
    def fail():
        raise errclass.PathError(Op="cb", Path="cbp")
    # Go's error is the *PathError itself.
    assert errclass.CallAndInspect(fail) == (True, "cbp")
    with pytest.raises(errclass.PathError) as ei:
        errclass.Call(fail)
    assert (ei.value.Op, ei.value.Path) == ("cb", "cbp")


def test_wrapped_stays_go_error(errclass):
    pe = errclass.PathError(Op="w", Path="wp", Err=errclass.ErrNotExist)
    with pytest.raises(errclass.GoError) as ei:
        errclass.Wrapped(pe)
    e = ei.value
    assert type(e) is errclass.GoError  # *fmt.wrapError has no class
    assert e == errclass.ErrNotExist and errclass.PathOf(e) == "wp"


def test_python_subclass(errclass):
    class MyError(errclass.PathError):
        pass

    with pytest.raises(errclass.PathError) as ei:
        raise MyError(Op="sub", Path="s")
    assert type(ei.value) is MyError and str(ei.value) == "sub s"
    assert errclass.IsPathError(ei.value)


def test_error_beats_string(errclass):
    with pytest.raises(errclass.Both) as ei:
        errclass.FailBoth("x")
    assert str(ei.value) == "error: x"
    assert ei.value.String() == "string: x"


def test_named_basic_error_is_go_error(errclass):
    # An Errno cannot be both an int and an exception in Python.
    with pytest.raises(errclass.GoError) as ei:
        errclass.FailErrno(2)
    assert type(ei.value) is errclass.GoError
    assert str(ei.value) == "errno 2" and ei.value.go_type == "errclass.Errno"


def test_nil_pointer_error_panics_cleanly(errclass):
    # A non-nil error holding a nil *PathError: its Error() dereferences nil.
    with pytest.raises(errclass.GoPanic, match="nil pointer dereference"):
        errclass.NilPathError()


def test_copies_and_pickling(errclass):
    pe = errclass.PathError(Op="c", Path="cp")
    c = copy.copy(pe)
    assert type(c) is errclass.PathError and c.Path == "cp" and not errclass.Same(c, pe)
    assert copy.deepcopy(pe).Path == "cp"
    with pytest.raises(TypeError, match="cannot pickle"):
        pickle.dumps(pe)


def test_wrong_types(errclass):
    with pytest.raises(TypeError):  # the interpreter's descriptor error
        errclass.PathError.Unwrap(1)
    # A func() error callback returns its error; anything else is an error
    # Go gets (the callback has an error result to report it through).
    with pytest.raises(errclass.GoError, match="returned .*int"):
        errclass.Call(lambda: 1)


def test_callback_returns_its_error(errclass):
    assert errclass.Call(lambda: None) is None
    with pytest.raises(errclass.GoError) as ei:
        errclass.Call(lambda: errclass.ErrNotExist)  # Go's `return ErrNotExist`
    assert ei.value == errclass.ErrNotExist
    pe = errclass.PathError(Op="ret", Path="rp")
    assert errclass.CallAndInspect(lambda: pe) == (True, "rp")
    exc = ValueError("plain")
    with pytest.raises(ValueError) as ei:
        errclass.Call(lambda: exc)  # a Python exception returned comes back as itself
    assert ei.value is exc
    with pytest.raises(TypeError):
        errclass.PathError(Op=1)
    with pytest.raises(TypeError):
        errclass.IsPathError(object())


def test_hashable_like_exceptions(errclass):
    pe = errclass.PathError()
    assert hash(pe) == hash(pe)
    assert {pe: 1}[pe] == 1


def test_churn_releases_handles(errclass):
    def churn(m, n):
        for _ in range(n):
            try:
                m.Open("x")
            except m.PathError as e:
                assert e.Path == "x"
            m.IsPathError(m.PathError(Op="a"))
    errclass.Keep(None)
    errclass.GC()  # releases what Go held from the tests before
    start = live(errclass)
    assert_churn_leaves_no_trace(errclass, churn, 2000, 20000, 2048, "raised error classes")
    assert live(errclass) == start
