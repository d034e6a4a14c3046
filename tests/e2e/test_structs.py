"""Structs, pointers, methods and embedding as Python classes (package shapes)."""
import ast
import copy
import gc
import inspect
import os
import re

import pytest

from conftest import GO_DIR, build_output, pypy_drops_member_docs, read_stub


# Construction ------------------------------------------------------------

def test_struct_types_are_classes(shapes):
    for name in ("Point", "Rect", "Label", "Counter", "Small", "Base", "Circle",
                 "Square", "Holder", "Node", "Pipe", "Bag"):
        cls = getattr(shapes, name)
        assert isinstance(cls, type), name
        assert cls.__name__ == name
        assert cls.__module__ == "shapes"
    p = shapes.Point()
    assert type(p) is shapes.Point
    assert isinstance(p, shapes.Point)


def test_zero_value(shapes):
    p = shapes.Point()
    assert p.X == 0 and p.Y == 0
    assert type(p.X) is int
    l = shapes.Label()
    assert l.Text == "" and l.Size == 0.0 and l.On is False
    assert type(l.Size) is float
    r = shapes.Rect()
    assert r.Min.X == 0 and r.Max.Y == 0
    h = shapes.Holder()
    assert h.P is None and h.Name == ""
    assert shapes.Node().Next is None


def test_positional_and_keyword_construction(shapes):
    p = shapes.Point(1, 2)
    assert (p.X, p.Y) == (1, 2)
    p = shapes.Point(X=1)
    assert (p.X, p.Y) == (1, 0)
    p = shapes.Point(Y=5)
    assert (p.X, p.Y) == (0, 5)
    p = shapes.Point(3, Y=4)
    assert (p.X, p.Y) == (3, 4)
    p = shapes.Point(Y=7, X=6)
    assert (p.X, p.Y) == (6, 7)
    l = shapes.Label("hi", 1.5, True)
    assert (l.Text, l.Size, l.On) == ("hi", 1.5, True)
    l = shapes.Label(Size=3)
    assert l.Size == 3.0 and type(l.Size) is float
    s = shapes.Small(-128, 255)
    assert (s.V, s.U) == (-128, 255)


def test_struct_field_in_constructor_is_copied(shapes):
    lo, hi = shapes.Point(1, 2), shapes.Point(3, 4)
    r = shapes.Rect(lo, hi)
    assert (r.Min.X, r.Min.Y, r.Max.X, r.Max.Y) == (1, 2, 3, 4)
    lo.X = 100
    hi.Move(10, 10)
    assert r.Min.X == 1 and r.Max.X == 3
    r = shapes.Rect(Max=shapes.Point(5, 6))
    assert (r.Min.X, r.Max.X, r.Max.Y) == (0, 5, 6)


def test_embedded_struct_counts_as_a_field_in_constructor(shapes):
    c = shapes.Circle(shapes.Base(7), 2.5)
    assert c.ID == 7 and c.Radius == 2.5
    c = shapes.Circle(Base=shapes.Base(ID=8), Radius=1)
    assert c.ID == 8 and c.Radius == 1.0
    c = shapes.Circle(Radius=3.0)
    assert c.ID == 0


def test_constructor_errors(shapes):
    with pytest.raises(TypeError) as e:
        shapes.Point(Z=1)
    assert str(e.value) == "Point() got an unexpected keyword argument 'Z'"
    with pytest.raises(TypeError) as e:
        shapes.Point(X="a")
    assert str(e.value) == "Point() argument 'X' must be int (Go int), not str"
    with pytest.raises(TypeError) as e:
        shapes.Point("a")
    assert str(e.value) == "Point() argument 'X' must be int (Go int), not str"
    with pytest.raises(TypeError) as e:
        shapes.Point(1, 2, 3)
    assert str(e.value) == "Point() takes 2 positional arguments but 3 were given"
    with pytest.raises(TypeError) as e:
        shapes.Point(1, X=2)
    assert str(e.value) == "Point() got multiple values for argument 'X'"
    with pytest.raises(TypeError) as e:
        shapes.Point(hidden=1)
    assert str(e.value) == "Point() got an unexpected keyword argument 'hidden'"
    with pytest.raises(OverflowError) as e:
        shapes.Point(X=2**64)
    assert "Point() argument 'X'" in str(e.value) and "Go int" in str(e.value)
    with pytest.raises(OverflowError) as e:
        shapes.Small(V=300)
    assert "Small() argument 'V'" in str(e.value) and "Go int8" in str(e.value)
    with pytest.raises(OverflowError) as e:
        shapes.Small(U=-1)
    assert "Small() argument 'U'" in str(e.value) and "Go uint8" in str(e.value)
    with pytest.raises(TypeError) as e:
        shapes.Rect(Min=3)
    assert str(e.value).startswith("Rect() argument 'Min' must be shapes.Point")
    assert "int" in str(e.value)
    with pytest.raises(TypeError) as e:
        shapes.Rect(Min=None)
    assert str(e.value).startswith("Rect() argument 'Min' must be shapes.Point")
    assert "None" in str(e.value)
    with pytest.raises(TypeError) as e:
        shapes.Circle(Base=shapes.Point())
    assert str(e.value).startswith("Circle() argument 'Base' must be shapes.Base")
    assert "Point" in str(e.value)


# Fields ------------------------------------------------------------------

def test_fields_get_and_set(shapes):
    p = shapes.Point(1, 2)
    p.X = 10
    p.Y = -3
    assert (p.X, p.Y) == (10, -3)
    assert shapes.ReadX(p) == 10
    assert shapes.SumXY(p) == 7
    l = shapes.Label()
    l.Text = "héllo ✓"
    l.Size = 2
    l.On = True
    assert (l.Text, l.Size, l.On) == ("héllo ✓", 2.0, True)
    s = shapes.Small()
    s.V = -128
    s.U = 255
    assert (s.V, s.U) == (-128, 255)


def test_field_set_errors(shapes):
    p = shapes.Point(1, 2)
    with pytest.raises(TypeError) as e:
        p.X = "a"
    assert str(e.value) == "shapes.Point field 'X' must be int (Go int), not str"
    with pytest.raises(TypeError) as e:
        p.Y = 1.5
    assert str(e.value) == "shapes.Point field 'Y' must be int (Go int), not float"
    with pytest.raises(TypeError) as e:
        p.X = None
    assert str(e.value) == "shapes.Point field 'X' must be int (Go int), not NoneType"
    assert (p.X, p.Y) == (1, 2)
    s = shapes.Small()
    with pytest.raises(OverflowError) as e:
        s.V = 300
    assert str(e.value) == "shapes.Small field 'V' out of range for Go int8: 300"
    with pytest.raises(OverflowError) as e:
        s.U = 256
    assert str(e.value) == "shapes.Small field 'U' out of range for Go uint8: 256"
    with pytest.raises(OverflowError) as e:
        s.F = 1e300
    assert str(e.value).startswith("shapes.Small field 'F'") and "Go float32" in str(e.value)
    s.F = 0.5
    assert (s.V, s.U, s.F) == (0, 0, 0.5)
    l = shapes.Label()
    with pytest.raises(TypeError) as e:
        l.Text = b"bytes"
    assert str(e.value) == "shapes.Label field 'Text' must be str (Go string), not bytes"
    with pytest.raises(TypeError) as e:
        l.On = 1
    assert str(e.value) == "shapes.Label field 'On' must be bool (Go bool), not int"


def test_fields_cannot_be_deleted(shapes):
    p = shapes.Point(1, 2)
    with pytest.raises(TypeError) as e:
        del p.X
    assert "cannot delete" in str(e.value)
    assert p.X == 1
    r = shapes.Rect()
    with pytest.raises(TypeError) as e:
        del r.Max
    assert "cannot delete" in str(e.value)
    h = shapes.Holder()
    with pytest.raises(TypeError) as e:
        del h.P
    assert "cannot delete" in str(e.value)


def test_unexported_fields_are_invisible(shapes):
    p = shapes.Point(1, 2)
    p.SetHidden(5)
    assert p.Hidden() == 5
    with pytest.raises(AttributeError):
        p.hidden
    with pytest.raises(AttributeError):
        p.hidden = 3
    with pytest.raises(AttributeError):
        p.NoSuchField
    assert "hidden" not in dir(p)
    assert "X" in dir(p) and "Move" in dir(p)
    assert p.Hidden() == 5


def test_struct_field_is_a_view_aliasing_its_parent(shapes):
    r = shapes.NewRect(0, 0, 2, 3)
    m = r.Max
    assert type(m) is shapes.Point
    assert (m.X, m.Y) == (2, 3)
    r.Max.X = 4
    assert r.Max.X == 4 and m.X == 4
    assert shapes.RectMaxX(r) == 4
    assert r.Width() == 4
    assert r.Area() == 12
    m.Move(1, 0)
    assert r.Max.X == 5 and shapes.RectMaxX(r) == 5
    r.Max.Y = 10
    assert m.Y == 10
    # Go passing the view as *Point writes into the parent
    shapes.BumpPtr(r.Max)
    assert r.Max.X == 6 and shapes.RectMaxX(r) == 6
    # the view passed by value is a copy
    assert shapes.Bump(r.Max).X == 7 and r.Max.X == 6


def test_view_outlives_its_parent_object(shapes):
    m = shapes.NewRect(0, 0, 3, 4).Max
    gc.collect()
    assert (m.X, m.Y) == (3, 4)
    m.X = 9
    assert m.X == 9
    r = shapes.MakeRect(1, 2, 3, 4)
    lo = r.Min
    del r
    gc.collect()
    assert (lo.X, lo.Y) == (1, 2)
    c = shapes.Circle(shapes.Base(5), 1.0)
    b = c.Base
    del c
    gc.collect()
    assert b.ID == 5 and b.Describe() == "base 5"


def test_assigning_a_struct_field_copies(shapes):
    r = shapes.Rect()
    p = shapes.Point(3, 4)
    r.Max = p
    assert (r.Max.X, r.Max.Y) == (3, 4)
    p.X = 100
    assert r.Max.X == 3
    r.Max = r.Min
    assert r.Max.X == 0
    with pytest.raises(TypeError) as e:
        r.Max = 5
    assert str(e.value).startswith("shapes.Rect field 'Max' must be shapes.Point")
    assert "int" in str(e.value)
    with pytest.raises(TypeError) as e:
        r.Max = None
    assert str(e.value).startswith("shapes.Rect field 'Max' must be shapes.Point")
    assert "None" in str(e.value)
    with pytest.raises(TypeError) as e:
        r.Max = shapes.Rect()
    assert str(e.value).startswith("shapes.Rect field 'Max' must be shapes.Point")
    assert "Rect" in str(e.value)[len("shapes.Rect field 'Max' must be shapes.Point"):]


def test_pointer_fields(shapes):
    h = shapes.Holder(Name="h")
    assert h.P is None and shapes.HolderX(h) == -1
    p = shapes.Point(1, 2)
    h.P = p
    assert type(h.P) is shapes.Point
    assert h.P.X == 1 and shapes.HolderX(h) == 1
    p.X = 5  # aliasing: h.P is p's Go value
    assert h.P.X == 5 and shapes.HolderX(h) == 5
    h.P.Y = 6
    assert p.Y == 6
    h.P.Move(1, 1)
    assert (p.X, p.Y) == (6, 7)
    q = h.P
    h.P = None
    assert h.P is None and shapes.HolderX(h) == -1
    assert q.X == 6  # the pointee lives on while Python holds it
    h2 = shapes.Holder(P=p)
    p.X = 42
    assert h2.P.X == 42 and shapes.HolderX(h2) == 42
    with pytest.raises(TypeError) as e:
        h.P = 3
    assert str(e.value).startswith("shapes.Holder field 'P' must be shapes.Point")
    assert "int" in str(e.value)
    with pytest.raises(TypeError) as e:
        h.P = shapes.Rect()
    assert str(e.value).startswith("shapes.Holder field 'P' must be shapes.Point")
    with pytest.raises(TypeError) as e:
        shapes.Holder(P="x")
    assert str(e.value).startswith("Holder() argument 'P' must be shapes.Point")


def test_pointer_field_keeps_its_pointee_alive(shapes):
    h = shapes.Holder()
    h.P = shapes.Point(9, 8)
    gc.collect()
    assert (h.P.X, h.P.Y) == (9, 8)
    assert shapes.HolderX(h) == 9


def test_pointer_field_to_a_view(shapes):
    r = shapes.Rect()
    h = shapes.Holder(P=r.Max)
    h.P.X = 3
    assert r.Max.X == 3 and shapes.RectMaxX(r) == 3


def test_self_referential_node(shapes):
    n = shapes.Node(1, shapes.Node(2, shapes.Node(3)))
    assert n.Len() == 3
    assert n.Next.Next.Value == 3
    assert n.Next.Next.Next is None
    n.Next.Next.Value = 30
    assert n.Next.Next.Value == 30
    n.Next = None
    assert n.Len() == 1
    c = shapes.Node(Value=1)
    c.Next = c
    assert c.Next.Next.Next.Value == 1
    c.Next.Value = 5
    assert c.Value == 5
    c.Next = None


# Methods -----------------------------------------------------------------

def test_value_and_pointer_methods(shapes):
    p = shapes.Point(1, 2)
    assert p.Sum() == 3
    assert p.Move(1, 1) is None
    assert (p.X, p.Y) == (2, 3)
    p.Move(dx=10, dy=20)
    assert (p.X, p.Y) == (12, 23)
    p.Move(-2, dy=-3)
    assert (p.X, p.Y) == (10, 20)
    s = p.Scaled(2)
    assert type(s) is shapes.Point
    assert (s.X, s.Y) == (20, 40) and (p.X, p.Y) == (10, 20)
    s.X = 0
    assert p.X == 10
    shapes.Point.Move(p, 1, 1)
    assert p.X == 11
    assert shapes.Point.Sum(p) == 32
    r = shapes.MakeRect(0, 0, 4, 2)
    assert r.Area() == 8 and r.Width() == 4
    ctr = r.Center()
    assert (ctr.X, ctr.Y) == (2, 1)
    o = shapes.Origin()  # a value result still has the pointer methods
    o.Move(1, 1)
    assert (o.X, o.Y) == (1, 1)


def test_method_argument_errors(shapes):
    p = shapes.Point()
    with pytest.raises(TypeError) as e:
        p.Move(1)
    assert "Move() missing required argument 'dy' (Go int)" in str(e.value)
    with pytest.raises(TypeError) as e:
        p.Move(1, "x")
    assert "Move() argument 'dy' must be int (Go int), not str" in str(e.value)
    with pytest.raises(TypeError) as e:
        p.Move(1, 2, 3)
    assert "Move() takes 2 positional arguments but 3 were given" in str(e.value)
    with pytest.raises(TypeError) as e:
        p.Move(1, dz=2)
    assert "Move() got an unexpected keyword argument 'dz'" in str(e.value)
    with pytest.raises(OverflowError) as e:
        p.Move(2**63, 0)
    assert "Move() argument 'dx'" in str(e.value)
    with pytest.raises(TypeError) as e:
        p.Sum(1)
    assert "Sum() takes 0 positional arguments but 1 was given" in str(e.value)
    assert (p.X, p.Y) == (0, 0)
    with pytest.raises(TypeError):
        shapes.Point.Move(shapes.Rect(), 1, 1)
    with pytest.raises(TypeError):
        shapes.Point.Move(None, 1, 1)


@pypy_drops_member_docs
def test_method_signatures(shapes):
    # self is positional-only, as for CPython's own methods (list.append).
    assert str(inspect.signature(shapes.Point.Move)) == "(self, /, dx, dy)"
    assert str(inspect.signature(shapes.Point.Sum)) == "(self, /)"
    assert str(inspect.signature(shapes.Point(1, 2).Move)) == "(dx, dy)"
    assert str(inspect.signature(shapes.Point.Div)) == "(self, /, d)"
    assert shapes.Point.Move.__name__ == "Move"
    assert str(inspect.signature(shapes.Circle.SetID)) == "(self, /, id)"  # promoted


def test_method_errors_and_panics(shapes):
    p = shapes.Point(7, 0)
    assert p.Div(2) == 3
    with pytest.raises(shapes.GoError) as e:
        p.Div(0)
    assert str(e.value) == "division by zero"
    assert e.value.go_type == "*errors.errorString"
    with pytest.raises(shapes.GoPanic) as e:
        p.Explode("boom")
    assert str(e.value) == "boom"
    assert e.value.value == "boom"
    assert "shapes." in e.value.traceback
    assert p.Sum() == 7  # the object is fine afterwards


def test_pointer_receiver_string_method(shapes):
    c = shapes.Counter(3)
    assert c.Incr() == 4
    assert c.N == 4
    assert str(c) == "Counter at 4"
    assert repr(c) == "shapes.Counter(N=4)"


# Embedding -----------------------------------------------------------------

def test_promoted_through_embedded_struct(shapes):
    c = shapes.Circle(shapes.Base(1), 2.0)
    assert c.ID == 1
    assert c.Describe() == "base 1"
    assert c.Diameter() == 4.0
    c.SetID(7)  # promoted pointer method mutates c
    assert c.ID == 7 and shapes.CircleID(c) == 7
    c.ID = 3
    assert c.Base.ID == 3 and shapes.CircleID(c) == 3
    with pytest.raises(TypeError) as e:
        c.ID = "x"
    assert "must be int (Go int), not str" in str(e.value)
    b = c.Base
    assert type(b) is shapes.Base
    b.ID = 11  # a view into c
    assert c.ID == 11 and c.Describe() == "base 11" and shapes.CircleID(c) == 11
    c.Base.SetID(12)
    assert c.ID == 12
    c.Base = shapes.Base(20)  # value field: copied in
    assert c.ID == 20 and b.ID == 20


def test_promoted_through_embedded_pointer(shapes):
    b = shapes.Base(4)
    s = shapes.Square(b, 2)
    assert s.ID == 4 and s.Side == 2 and s.Perimeter() == 8
    assert s.Describe() == "base 4"
    b.ID = 9  # the embedded pointer aliases b
    assert s.ID == 9
    s.SetID(10)
    assert b.ID == 10 and s.Base.ID == 10
    s.ID = 11
    assert b.ID == 11
    assert type(s.Base) is shapes.Base
    s.Base = shapes.Base(ID=1)
    assert s.ID == 1 and b.ID == 11
    s2 = shapes.Square(Base=b, Side=1)
    assert s2.ID == 11


def test_nil_embedded_pointer(shapes):
    s = shapes.Square(Side=2)
    assert s.Base is None
    assert s.Side == 2 and s.Perimeter() == 8
    with pytest.raises(shapes.GoPanic) as e:
        s.ID
    assert "nil pointer dereference" in str(e.value)
    with pytest.raises(shapes.GoPanic) as e:
        s.ID = 1
    assert "nil pointer dereference" in str(e.value)
    with pytest.raises(shapes.GoPanic) as e:
        s.Describe()
    assert "nil pointer dereference" in str(e.value)
    with pytest.raises(shapes.GoPanic) as e:
        s.SetID(1)
    assert "nil pointer dereference" in str(e.value)
    s.Base = shapes.Base(5)
    assert s.ID == 5 and s.Describe() == "base 5"
    s.Base = None
    assert s.Base is None


def test_promoted_from_an_unexported_embedded_struct(shapes):
    o = shapes.Outer(W=1)
    assert o.W == 1 and o.Z == 0
    o.Z = 5
    assert o.Z == 5 and o.Get() == 5
    assert shapes.Outer(7).W == 7
    with pytest.raises(TypeError) as e:
        shapes.Outer(1, 2)
    assert str(e.value).startswith("Outer() takes 1 positional argument")
    with pytest.raises(TypeError) as e:
        shapes.Outer(inner=None)
    assert str(e.value) == "Outer() got an unexpected keyword argument 'inner'"
    with pytest.raises(AttributeError):
        o.inner
    assert repr(o) == "shapes.Outer(W=1)"


def test_ambiguous_promotions_follow_go(shapes):
    ab = shapes.AB(shapes.A(1), shapes.B(2))
    assert ab.A.N == 1 and ab.B.N == 2
    assert ab.A.Name() == "A" and ab.B.Name() == "B"
    with pytest.raises(AttributeError):
        ab.N  # ambiguous in Go: ab.N does not compile
    with pytest.raises(AttributeError):
        ab.Name
    assert repr(ab) == "shapes.AB(A=shapes.A(N=1), B=shapes.B(N=2))"


def test_shallower_fields_and_methods_shadow_promoted_ones(shapes):
    s = shapes.Shadow(shapes.Base(3), "x")
    assert s.ID == "x" and s.Base.ID == 3
    s.ID = "y"
    assert s.Base.ID == 3
    with pytest.raises(TypeError) as e:
        s.ID = 4
    assert str(e.value) == "shapes.Shadow field 'ID' must be str (Go string), not int"
    assert s.Describe() == "shadow y"
    assert s.Base.Describe() == "base 3"
    s.SetID(9)  # promoted from *Base: sets Base.ID
    assert s.Base.ID == 9 and s.ID == "y"
    assert repr(s) == "shapes.Shadow(Base=shapes.Base(ID=9), ID='y')"


# Arguments and results -----------------------------------------------------

def test_passing_by_value_copies(shapes):
    p = shapes.Point(1, 2)
    q = shapes.Bump(p)
    assert p.X == 1 and q.X == 2
    assert type(q) is shapes.Point
    assert shapes.SumXY(p) == 3
    assert shapes.SumXY(p=p) == 3


def test_passing_by_pointer_aliases(shapes):
    p = shapes.Point(1, 2)
    shapes.BumpPtr(p)
    assert p.X == 2
    shapes.BumpPtr(p=p)
    assert p.X == 3
    assert shapes.ReadX(p) == 3
    shapes.Keep(p)
    p.X = 50
    assert shapes.Kept().X == 50
    k = shapes.Kept()
    k.Y = 60
    assert p.Y == 60


def test_go_keeps_what_it_holds(shapes):
    shapes.Keep(shapes.Point(77, 0))
    gc.collect()
    shapes.Finalized()
    assert shapes.Kept().X == 77


def test_none_and_nil(shapes):
    assert shapes.IsNil(None) is True
    assert shapes.IsNil(p=None) is True
    assert shapes.IsNil(shapes.Point()) is False
    assert shapes.Nil() is None
    assert shapes.MaybeRect(False) is None
    assert type(shapes.MaybeRect(True)) is shapes.Rect
    with pytest.raises(shapes.GoPanic) as e:
        shapes.ReadX(None)
    assert "nil pointer dereference" in str(e.value)
    with pytest.raises(TypeError) as e:
        shapes.SumXY(None)
    assert str(e.value) == "SumXY() argument 'p' must be shapes.Point, not None"
    with pytest.raises(TypeError) as e:
        shapes.Bump(p=None)
    assert str(e.value) == "Bump() argument 'p' must be shapes.Point, not None"


@pytest.mark.parametrize("func", ["SumXY", "Bump", "BumpPtr", "ReadX", "IsNil"])
def test_wrong_class_is_a_type_error(shapes, func):
    f = getattr(shapes, func)
    prefix = f"{func}() argument 'p' must be shapes.Point"
    with pytest.raises(TypeError) as e:
        f(shapes.Rect())
    msg = str(e.value)
    assert msg.startswith(prefix), msg
    assert "Rect" in msg[len(prefix):], msg
    with pytest.raises(TypeError) as e:
        f(3)
    assert str(e.value) == prefix + ", not int"
    with pytest.raises(TypeError) as e:
        f((1, 2))
    assert str(e.value) == prefix + ", not tuple"
    with pytest.raises(TypeError) as e:
        f(shapes.Base())
    assert str(e.value).startswith(prefix) and "Base" in str(e.value)[len(prefix):]


def test_returning_values_and_pointers(shapes):
    o = shapes.Origin()
    assert type(o) is shapes.Point and (o.X, o.Y) == (0, 0)
    o.X = 5
    assert shapes.Origin().X == 0  # each result is its own Go copy
    a = shapes.Shared()
    b = shapes.Shared()
    assert type(a) is shapes.Point
    a.X = 42
    assert b.X == 42 and shapes.SharedX() == 42
    b.Move(1, 0)
    assert a.X == 43 and shapes.SharedX() == 43
    a.X = 1
    r = shapes.NewRect(1, 2, 3, 4)
    assert type(r) is shapes.Rect and r.Area() == 4
    r2 = shapes.MakeRect(1, 2, 3, 4)
    assert type(r2) is shapes.Rect and r2 == r


def test_method_returning_a_pointer_into_its_receiver(shapes):
    r = shapes.NewRect(0, 0, 3, 4)
    m = r.MaxPtr()
    assert type(m) is shapes.Point
    m.X = 9
    assert r.Max.X == 9 and shapes.RectMaxX(r) == 9
    m2 = shapes.NewRect(0, 0, 5, 6).MaxPtr()
    gc.collect()
    assert (m2.X, m2.Y) == (5, 6)


def test_struct_result_with_error(shapes):
    p = shapes.ParsePoint("3,4")
    assert type(p) is shapes.Point and (p.X, p.Y) == (3, 4)
    with pytest.raises(shapes.GoError) as e:
        shapes.ParsePoint("nope")
    assert str(e.value) == 'bad point "nope"'


def test_several_struct_results(shapes):
    v, ptr = shapes.Pair()
    assert type(v) is shapes.Point and (v.X, v.Y) == (5, 6)
    assert type(ptr) is shapes.Point
    ptr.Y = 77
    assert shapes.Shared().Y == 77
    ptr.Y = 2


def test_variadic_structs(shapes):
    assert shapes.SumAll() == 0
    assert shapes.SumAll(shapes.Point(1, 2), shapes.Point(3, 4)) == 10
    r = shapes.NewRect(1, 1, 2, 2)
    assert shapes.SumAll(r.Min, r.Max) == 6
    with pytest.raises(TypeError) as e:
        shapes.SumAll(shapes.Point(), 3)
    assert str(e.value) == "SumAll() argument 'ps'[1] must be shapes.Point, not int"
    with pytest.raises(TypeError) as e:
        shapes.SumAll(None)
    assert str(e.value) == "SumAll() argument 'ps'[0] must be shapes.Point, not None"


def test_variadic_pointers(shapes):
    r = shapes.NewRect(1, 1, 2, 2)
    a, b = shapes.Point(0, 0), shapes.Point(1, 1)
    shapes.MoveAll(1, 2, a, b, r.Max)
    assert (a.X, a.Y, b.X, b.Y) == (1, 2, 2, 3)
    assert (r.Max.X, r.Max.Y) == (3, 4)
    with pytest.raises(TypeError) as e:
        shapes.MoveAll(1, 2, a, shapes.Rect())
    assert str(e.value).startswith("MoveAll() argument 'ps'[1] must be shapes.Point")


def test_constructor_functions_stay_module_functions(shapes):
    for name in ("NewRect", "MakeRect", "MaybeRect", "Origin", "Shared"):
        f = getattr(shapes, name)
        assert callable(f) and not isinstance(f, type), name
    assert str(inspect.signature(shapes.NewRect)) == "(x0, y0, x1, y1)"
    assert isinstance(shapes.Rect, type)
    assert shapes.Rect() == shapes.MakeRect(0, 0, 0, 0)
    assert not hasattr(shapes.Rect, "NewRect")


# repr, str, ==, hash, copy -------------------------------------------------

def test_repr(shapes):
    assert repr(shapes.Point(1, 2)) == "shapes.Point(X=1, Y=2)"
    assert repr(shapes.Point()) == "shapes.Point(X=0, Y=0)"
    assert repr(shapes.Label("it's", 1.5, True)) == "shapes.Label(Text=\"it's\", Size=1.5, On=True)"
    assert repr(shapes.Label("hi")) == "shapes.Label(Text='hi', Size=0.0, On=False)"
    assert repr(shapes.MakeRect(0, 0, 3, 4)) == \
        "shapes.Rect(Min=shapes.Point(X=0, Y=0), Max=shapes.Point(X=3, Y=4))"
    assert repr(shapes.Circle(shapes.Base(1), 2.5)) == \
        "shapes.Circle(Base=shapes.Base(ID=1), Radius=2.5)"
    assert repr(shapes.Square(Side=2)) == "shapes.Square(Base=None, Side=2)"
    assert repr(shapes.Square(shapes.Base(3), 2)) == "shapes.Square(Base=shapes.Base(ID=3), Side=2)"
    assert repr(shapes.Holder()) == "shapes.Holder(P=None, Name='')"
    assert repr(shapes.Node(1, shapes.Node(2))) == \
        "shapes.Node(Value=1, Next=shapes.Node(Value=2, Next=None))"
    assert repr(shapes.Small(-1, 2, 0.5)) == "shapes.Small(V=-1, U=2, F=0.5)"
    assert repr(shapes.Pipe(Name="a", N=3)) == "shapes.Pipe(Name='a', N=3)"


def test_repr_of_a_cycle_does_not_crash(shapes):
    n = shapes.Node(Value=1)
    n.Next = n
    try:
        r = repr(n)
    except RecursionError:
        pass
    else:
        assert isinstance(r, str) and r.startswith("shapes.Node(Value=1, Next=")
    n.Next = None
    assert repr(n) == "shapes.Node(Value=1, Next=None)"


def test_str(shapes):
    p = shapes.Point(1, 2)
    assert str(p) == repr(p) == "shapes.Point(X=1, Y=2)"
    l = shapes.Label("hi")
    assert str(l) == "<hi>"
    assert repr(l) == "shapes.Label(Text='hi', Size=0.0, On=False)"
    assert l.String() == "<hi>"
    assert f"{l}" == "<hi>"
    assert str(shapes.Counter(2)) == "Counter at 2"
    assert shapes.Counter(2).String() == "Counter at 2"


def test_equality(shapes):
    assert shapes.Point(1, 2) == shapes.Point(1, 2)
    assert not (shapes.Point(1, 2) != shapes.Point(1, 2))
    assert shapes.Point(1, 2) != shapes.Point(1, 3)
    assert not (shapes.Point(1, 2) == shapes.Point(2, 2))
    assert shapes.MakeRect(0, 0, 1, 1) == shapes.NewRect(0, 0, 1, 1)
    assert shapes.MakeRect(0, 0, 1, 1) != shapes.NewRect(0, 0, 1, 2)
    r = shapes.NewRect(0, 0, 1, 1)
    assert r.Max == shapes.Point(1, 1)
    assert shapes.Label("a", 1, True) == shapes.Label("a", 1.0, True)
    assert shapes.Label("a") != shapes.Label("b")
    # Go compares unexported fields too
    a, b = shapes.Point(1, 2), shapes.Point(1, 2)
    b.SetHidden(1)
    assert a != b and not (a == b)
    # different classes and other objects are simply unequal
    assert shapes.Point() != shapes.Rect()
    assert not (shapes.Point() == shapes.Base())
    assert shapes.Point(1, 2) != (1, 2)
    assert shapes.Point() != 0
    assert shapes.Point() != None  # noqa: E711
    p = shapes.Point()
    assert p == p
    with pytest.raises(TypeError):
        shapes.Point() < shapes.Point()


def test_not_comparable_in_go(shapes):
    a, b = shapes.Bag(Name="a"), shapes.Bag(Name="a")
    assert a == a
    assert a != b  # Go cannot compare them: identity, as for plain objects


def test_unhashable(shapes):
    for obj in (shapes.Point(), shapes.Rect(), shapes.Label(), shapes.Base(), shapes.Bag()):
        with pytest.raises(TypeError):
            hash(obj)
    with pytest.raises(TypeError):
        {shapes.Point(): 1}
    with pytest.raises(TypeError):
        hash(shapes.NewRect(0, 0, 1, 1).Max)


def test_copy(shapes):
    p = shapes.Point(1, 2)
    p.SetHidden(5)
    q = copy.copy(p)
    assert type(q) is shapes.Point
    assert q == p and q is not p
    assert q.Hidden() == 5
    q.X = 10
    q.Move(0, 1)
    assert (p.X, p.Y) == (1, 2)
    d = copy.deepcopy(p)
    d.X = 20
    assert p.X == 1 and d.Hidden() == 5
    # a copy of a view is independent of the parent
    r = shapes.NewRect(0, 0, 3, 4)
    m = copy.copy(r.Max)
    m.X = 100
    assert r.Max.X == 3 and shapes.RectMaxX(r) == 3
    r2 = copy.copy(r)
    r2.Max.X = 7
    assert r.Max.X == 3


def test_copy_and_deepcopy_with_pointer_fields(shapes):
    pt = shapes.Point(1, 1)
    h = shapes.Holder(P=pt, Name="h")
    shallow = copy.copy(h)
    shallow.Name = "s"
    assert h.Name == "h"
    shallow.P.X = 7  # a shallow copy shares the pointee
    assert pt.X == 7 and h.P.X == 7
    deep = copy.deepcopy(h)
    deep.P.X = 8  # a deep copy does not
    assert pt.X == 7 and h.P.X == 7 and deep.P.X == 8
    assert shapes.HolderX(deep) == 8 and shapes.HolderX(h) == 7
    assert copy.deepcopy(shapes.Holder()).P is None
    n = shapes.Node(1, shapes.Node(2, shapes.Node(3)))
    dn = copy.deepcopy(n)
    assert dn.Len() == 3
    dn.Next.Next.Value = 30
    assert n.Next.Next.Value == 3
    assert dn == dn
    b = shapes.Base(1)
    s = shapes.Square(b, 2)
    ds = copy.deepcopy(s)
    ds.ID = 5
    assert b.ID == 1 and ds.ID == 5
    cs = copy.copy(s)
    cs.ID = 6
    assert b.ID == 6


def test_deepcopy_of_a_cycle(shapes):
    n = shapes.Node(Value=1)
    n.Next = n
    d = copy.deepcopy(n)
    assert d.Value == 1 and d.Next.Value == 1
    d.Next.Value = 7
    assert n.Value == 1
    assert d.Value == 7  # the copy is a cycle of its own, like Python's deepcopy
    n.Next = None
    d.Next = None


def test_copy_keeps_the_class_of_a_subclass(shapes):
    class P(shapes.Point):
        pass

    p = P(1, 2)
    assert type(copy.copy(p)) is P
    assert type(copy.deepcopy(p)) is P


# Subclasses ----------------------------------------------------------------

def test_python_subclasses(shapes):
    class P(shapes.Point):
        def norm1(self):
            return abs(self.X) + abs(self.Y)

    p = P(X=1)
    assert isinstance(p, shapes.Point) and type(p) is P
    assert (p.X, p.Y) == (1, 0)
    assert p.norm1() == 1
    assert shapes.SumXY(p) == 1
    shapes.BumpPtr(p)
    assert p.X == 2
    assert shapes.IsNil(p) is False
    p.Move(1, 1)
    assert p.norm1() == 4
    p.extra = "x"  # subclasses get a __dict__
    assert p.extra == "x"
    assert p == shapes.Point(3, 1)
    h = shapes.Holder(P=p)
    h.P.X = 10
    assert p.X == 10
    with pytest.raises(TypeError) as e:
        P(Z=1)
    assert "unexpected keyword argument 'Z'" in str(e.value)

    class R(shapes.Rect):
        pass

    with pytest.raises(TypeError) as e:
        shapes.SumXY(R())
    assert str(e.value).startswith("SumXY() argument 'p' must be shapes.Point")
    gc.collect()


def test_python_subclass_with_its_own_init(shapes):
    class P(shapes.Point):
        def __init__(self, x, y=0):
            super().__init__(X=x, Y=y)
            self.tag = "p"

    p = P(3, 4)
    assert (p.X, p.Y, p.tag) == (3, 4, "p")
    assert shapes.SumXY(p) == 7

    class Q(shapes.Point):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.extra = True

    q = Q(1, Y=2)
    assert (q.X, q.Y, q.extra) == (1, 2, True)
    with pytest.raises(TypeError) as e:
        Q(Z=1)
    assert "unexpected keyword argument 'Z'" in str(e.value)


# Docs, stubs and skips -----------------------------------------------------

@pypy_drops_member_docs
def test_docs(shapes):
    assert shapes.Point.__doc__.strip() == "Point is a point on the integer grid."
    assert shapes.Rect.__doc__.strip() == "Rect is an axis-aligned rectangle."
    assert "X is the horizontal coordinate." in shapes.Point.X.__doc__
    assert "Max is the upper-right corner." in shapes.Rect.Max.__doc__
    assert "P points to a point, or is nil." in shapes.Holder.P.__doc__
    assert "Move shifts the point by dx and dy." in shapes.Point.Move.__doc__
    assert inspect.getdoc(shapes.Point.Move).strip() == "Move shifts the point by dx and dy."
    assert "Sum returns the sum of the coordinates." in shapes.Point.Sum.__doc__
    assert "Describe describes the base." in shapes.Circle.Describe.__doc__
    assert "NewRect returns a pointer to a new rectangle." in shapes.NewRect.__doc__


def _stub(shapes):
    return read_stub(shapes)


def _class(tree, name):
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node
    raise AssertionError(f"class {name} not in the stub")


def _fields(cls):
    return {n.target.id: ast.unparse(n.annotation) for n in cls.body
            if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}


def _methods(cls):
    return {n.name: n for n in cls.body if isinstance(n, ast.FunctionDef)}


def test_stub_file(shapes):
    pyi = _stub(shapes)
    compile(pyi, "shapes.pyi", "exec")
    assert "class Point:" in pyi
    assert "X: int" in pyi
    assert "def Move(self, dx: int, dy: int) -> None:" in pyi
    assert "def NewRect(x0: int, y0: int, x1: int, y1: int) -> Rect | None:" in pyi
    tree = ast.parse(pyi)
    point = _class(tree, "Point")
    assert _fields(point) == {"X": "int", "Y": "int"}
    meths = _methods(point)
    init = meths["__init__"]
    names = [a.arg for a in init.args.args + init.args.kwonlyargs]
    assert names[0] == "self" and "X" in names and "Y" in names
    annotated = {a.arg: ast.unparse(a.annotation) for a in init.args.args + init.args.kwonlyargs
                 if a.annotation is not None}
    assert annotated["X"] == "int" and annotated["Y"] == "int"
    assert len(init.args.defaults) + len(init.args.kw_defaults) >= 2  # all optional
    assert ast.unparse(meths["Scaled"].returns) == "Point"
    assert ast.unparse(meths["Div"].returns) == "int"
    assert ast.unparse(meths["Sum"].returns) == "int"
    assert "hidden" not in _fields(point)
    assert _fields(_class(tree, "Rect")) == {"Min": "Point", "Max": "Point"}
    assert _fields(_class(tree, "Holder")) == {"P": "Point | None", "Name": "str"}
    assert _fields(_class(tree, "Label")) == {"Text": "str", "Size": "float", "On": "bool"}
    assert _fields(_class(tree, "Node"))["Next"] == "Node | None"
    assert "Ch" not in _fields(_class(tree, "Pipe"))
    assert "Point is a point on the integer grid." in pyi
    assert "Move shifts the point by dx and dy." in pyi
    assert "X is the horizontal coordinate." in pyi
    assert "def Shared() -> Point | None:" in pyi
    assert "def Origin() -> Point:" in pyi
    assert "def SumXY(p: Point) -> int:" in pyi
    assert "def IsNil(p: Point | None) -> bool:" in pyi


def test_stub_annotations_are_not_shadowed_by_fields(shapes):
    # An embedded field is named after its type (Circle.Base: Base). Inside the
    # class body that field shadows the class for type checkers, so a method
    # annotation spelled "Base" would name the variable, not the type (mypy:
    # 'Variable "shapes.Circle.Base" is not valid as a type').
    tree = ast.parse(_stub(shapes))
    bad = []
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        fields = set(_fields(cls))
        for fn in _methods(cls).values():
            args = fn.args.args + fn.args.kwonlyargs + fn.args.posonlyargs
            notes = [a.annotation for a in args if a.annotation is not None]
            if fn.returns is not None:
                notes.append(fn.returns)
            for note in notes:
                for name in ast.walk(note):
                    if isinstance(name, ast.Name) and name.id in fields:
                        bad.append(f"{cls.name}.{fn.name}: {ast.unparse(note)}")
    assert not bad, bad


def test_unsupported_field_is_skipped(shapes):
    _, log = build_output("shapes")
    src = open(os.path.join(GO_DIR, "shapes", "shapes.go")).read().splitlines()
    line = next(i + 1 for i, l in enumerate(src) if l.strip() == "Ch chan int")
    pat = r"^\s*skipped: shapes\.Pipe\.Ch \(shapes\.go:%d\): \S" % line
    assert re.search(pat, log, re.M), log
    p = shapes.Pipe(Name="a", N=3)
    assert p.Name == "a" and p.N == 3
    with pytest.raises(AttributeError):
        p.Ch
    with pytest.raises(AttributeError):
        shapes.Pipe.Ch
    p.N = 4
    assert shapes.PipeN(p) == 4
    with pytest.raises(TypeError) as e:
        shapes.Pipe(Ch=1)
    assert str(e.value) == "Pipe() got an unexpected keyword argument 'Ch'"
    assert shapes.Pipe(Name="x") == shapes.Pipe(Name="x")
