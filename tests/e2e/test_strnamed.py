"""str() of named types calls Go's String method, whatever the underlying
kind (slice, array, map, struct, basic) and receiver; bound methods keep
their docs and signatures."""
import inspect

import pytest

from conftest import pypy_drops_member_docs, read_stub


def test_named_slice_array_map_str_calls_string(strnamed):
    assert str(strnamed.MakeKey("a", "b", "c")) == "a.b.c"
    assert str(strnamed.Key(["x"])) == "x"
    assert str(strnamed.MakeUUID()) == "00010203-0405-0607-0809-0a0b0c0d0e0f"
    assert str(strnamed.Attrs({"x": 1, "b": 2})) == "{b=2, x=1}"
    assert str(strnamed.Attrs()) == "{}"


def test_repr_is_unchanged(strnamed):
    assert repr(strnamed.MakeKey("a", "b")) == "strnamed.Key(['a', 'b'])"
    assert repr(strnamed.Attrs({"x": 1})) == "strnamed.Attrs({'x': 1})"


def test_pointer_receiver_string(strnamed):
    s = strnamed.Stack([1, 2])
    s.Push(3)  # pointer receiver: changes the view's slice
    assert str(s) == "stack[1 2 3]"
    assert str(strnamed.Quad([1, 2, 3, 4])) == "1.2.3.4"
    assert str(strnamed.Tags({"a": True, "b": False})) == "2 tags"
    assert str(strnamed.Box(N=3)) == "box of 3"


def test_named_basic_string(strnamed):
    assert str(strnamed.Code(4)) == "code 4"
    assert str(strnamed.Code(4).Next()) == "code 5"


def test_formatting_uses_string(strnamed):
    k = strnamed.MakeKey("p", "q")
    assert f"{k}" == "p.q" and "%s" % (k,) == "p.q" and format(k) == "p.q"


def test_string_panic_raises(strnamed):
    assert str(strnamed.Boom([1, 2])) == "[1 2]"
    with pytest.raises(strnamed.GoPanic, match="empty Boom"):
        str(strnamed.Boom([]))


def test_methods_that_are_not_stringers_leave_str_alone(strnamed):
    n = strnamed.NotStringer([1, 2])
    assert str(n) == repr(n) == "strnamed.NotStringer([1, 2])"
    assert n.String(sep="-") == "1-2"
    f = strnamed.Fallible([1])
    assert str(f) == repr(f) == "strnamed.Fallible([1])"
    with pytest.raises(strnamed.GoError, match="empty"):
        strnamed.Fallible().String()


def test_subclass_overriding_string(strnamed):
    class Loud(strnamed.Key):
        def String(self):
            return "LOUD"

    assert str(Loud(["a"])) == "LOUD"


def test_arguments_still_reach_go(strnamed):
    k, u, a = strnamed.MakeKey("a"), strnamed.MakeUUID(), strnamed.Attrs({"n": 1})
    assert strnamed.Describe(k, u, a) == "a %s {n=1}" % u


@pypy_drops_member_docs
@pytest.mark.parametrize("make, method, doc", [
    (lambda m: m.Box(N=1), "String", "String describes the box."),
    (lambda m: m.MakeKey("a"), "Len", "Len returns the number of names."),
    (lambda m: m.Stack(), "Push", "Push adds v on top."),
    (lambda m: m.Code(1), "Next", "Next returns the following code."),
])
def test_bound_methods_keep_their_docs(strnamed, make, method, doc):
    obj = make(strnamed)
    bound = getattr(obj, method)
    assert bound.__doc__.strip() == doc
    assert getattr(type(obj), method).__doc__.strip() == doc


@pypy_drops_member_docs
def test_bound_method_signatures(strnamed):
    assert str(inspect.signature(strnamed.Stack().Push)) == "(v)"
    assert str(inspect.signature(strnamed.Box(N=1).String)) == "()"
    assert str(inspect.signature(strnamed.NotStringer().String)) == "(sep)"
    assert str(inspect.signature(strnamed.Code(2).Next)) == "()"


@pypy_drops_member_docs
def test_help_shows_method_docs(strnamed):
    import pydoc
    text = pydoc.render_doc(strnamed.Box(N=1).String, renderer=pydoc.plaintext)
    assert "String describes the box." in text


def test_stub_slicing_gives_what_runtime_does(strnamed):
    """A slice of a named slice is of its class; of a named array, a list."""
    stub = read_stub(strnamed)
    assert type(strnamed.Stack([1, 2, 3])[0:2]) is strnamed.Stack
    assert "    def __getitem__(self, index: slice, /) -> Stack: ...\n" in stub
    assert type(strnamed.Quad([1, 2, 3, 4])[0:2]) is list
    assert "    def __getitem__(self, index: slice, /) -> list[int]: ...\n" in stub
