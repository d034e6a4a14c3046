"""Interface values crossing both ways (package ifaces): any, named
interfaces as abstract classes, errors as values, opaque Go values and Refs
as out-parameters."""
import abc
import math

import pytest

from conftest import live

HOLDABLE = "(None, bool, int, float, complex, str, bytes, list, tuple, dict or an instance of a class of ifaces)"


class Fake:
    """Has every method of ifaces.Shape, but is a Python object."""

    def Area(self):
        return 1.0

    def Name(self):
        return "fake"


class HalfShape:
    """Has only one of ifaces.Shape's methods."""

    def Area(self):
        return 1.0


# any: Python -> Go ---------------------------------------------------------

@pytest.mark.parametrize("value, go_type, go_value", [
    (None, "<nil>", "<nil>"),
    (True, "bool", "true"),
    (False, "bool", "false"),
    (5, "int", "5"),
    (2**63 - 1, "int", "9223372036854775807"),
    (-2**63, "int", "-9223372036854775808"),
    (1.5, "float64", "1.5"),
    (1 + 2j, "complex128", "(1+2i)"),
    ("hé", "string", "hé"),
    ("a\udcff", "string", "a\udcff"),  # surrogateescape both ways
    (b"ab", "[]uint8", "[97 98]"),
    (bytearray(b"ab"), "[]uint8", "[97 98]"),
    (memoryview(b"ab"), "[]uint8", "[97 98]"),
    ([1, "a", None], "[]interface {}", "[1 a <nil>]"),
    ((1, 2.5), "[]interface {}", "[1 2.5]"),
    ([], "[]interface {}", "[]"),
    ({"a": 1, "b": [True]}, "map[string]interface {}", "map[a:1 b:[true]]"),
    ({}, "map[string]interface {}", "map[]"),
    ({1: "a"}, "map[interface {}]interface {}", "map[1:a]"),
])
def test_python_values_become_go_values(ifaces, value, go_type, go_value):
    assert ifaces.Describe(value) == (go_type, go_value)


def test_dict_with_any_non_str_key_is_map_of_any(ifaces):
    t, _ = ifaces.Describe({"a": 1, 2: "b"})
    assert t == "map[interface {}]interface {}"


def test_nested_containers_convert_recursively(ifaces):
    t, v = ifaces.Describe({"k": [1, (2, {"x": b"y"})]})
    assert t == "map[string]interface {}"
    assert v == "map[k:[1 [2 map[x:[121]]]]]"


def test_echo_round_trips_plain_values(ifaces):
    assert ifaces.Echo(None) is None
    assert ifaces.Echo(True) is True
    assert ifaces.Echo(False) is False
    for n in (0, -1, 2**63 - 1, -2**63):
        r = ifaces.Echo(n)
        assert r == n and type(r) is int
    r = ifaces.Echo(1.25)
    assert r == 1.25 and type(r) is float
    r = ifaces.Echo(3 - 4j)
    assert r == 3 - 4j and type(r) is complex
    assert ifaces.Echo("héllo ✓") == "héllo ✓"
    assert ifaces.Echo("bad \udcff byte") == "bad \udcff byte"
    for b in (b"\x00\xff", bytearray(b"\x00\xff"), memoryview(b"\x00\xff")):
        r = ifaces.Echo(b)
        assert r == b"\x00\xff" and type(r) is bytes
    r = ifaces.Echo((1, 2))
    assert r == [1, 2] and type(r) is list
    tree = {"a": [1, {"b": None, "c": [2.5, "s", b"x"]}], "d": {}}
    assert ifaces.Echo(tree) == tree
    assert ifaces.Echo({1: "one", "two": 2}) == {1: "one", "two": 2}
    assert ifaces.Echo([]) == [] and ifaces.Echo({}) == {}


def test_bytes_are_copied(ifaces):
    ba = bytearray(b"ab")
    box = ifaces.Box(Value=ba)
    ba[0] = ord("z")
    assert box.Value == b"ab"
    mv = memoryview(ba)
    box.Value = mv
    ba[1] = ord("q")
    assert box.Value == b"zb"


def test_int_overflow(ifaces):
    for bad in (2**63, -2**63 - 1, 2**64 - 1, 10**30):
        with pytest.raises(OverflowError) as e:
            ifaces.Echo(bad)
        assert "Echo() argument 'v'" in str(e.value)
    with pytest.raises(OverflowError) as e:
        ifaces.Echo([0, 2**64])
    assert "Echo() argument 'v'[1]" in str(e.value)
    with pytest.raises(OverflowError) as e:
        ifaces.Echo({"k": [2**70]})
    assert "Echo() argument 'v'['k'][0]" in str(e.value)


def test_python_object_where_any_is_wanted(ifaces):
    with pytest.raises(TypeError) as e:
        ifaces.Echo(object())
    assert str(e.value) == f"Echo() argument 'v' must be a value Go can hold {HOLDABLE}, not object"
    for bad, name in ((set(), "set"), (Fake(), "Fake"), (ifaces.Echo, None), (abc, "module")):
        with pytest.raises(TypeError) as e:
            ifaces.Echo(bad)
        msg = str(e.value)
        assert msg.startswith("Echo() argument 'v' must be a value Go can hold"), msg
        if name:
            assert msg.endswith("not " + name), msg


def test_error_in_a_container_names_the_element(ifaces):
    with pytest.raises(TypeError) as e:
        ifaces.Echo([1, [2, object()]])
    msg = str(e.value)
    assert msg.startswith("Echo() argument 'v'[1][1] must be a value Go can hold"), msg
    assert msg.endswith("not object")
    with pytest.raises(TypeError) as e:
        ifaces.Echo((1, object()))
    assert str(e.value).startswith("Echo() argument 'v'[1] must be")
    with pytest.raises(TypeError) as e:
        ifaces.Echo({"k": [object()]})
    msg = str(e.value)
    assert msg.startswith("Echo() argument 'v'['k'][0] must be a value Go can hold"), msg
    assert msg.endswith("not object")


def test_instances_of_another_modules_classes_are_not_held(ifaces, shapes, named):
    with pytest.raises(TypeError) as e:
        ifaces.Echo(shapes.Point(1, 2))
    assert str(e.value) == f"Echo() argument 'v' must be a value Go can hold {HOLDABLE}, not shapes.Point"
    # Another module's named float is a float subclass, like numpy's
    # float64: Go gets its float value.
    assert ifaces.Describe(named.Celsius(1)) == ("float64", "1")


def test_struct_instance_is_a_pointer_in_go(ifaces):
    p = ifaces.Point(1, 2)
    assert ifaces.Describe(p) == ("*ifaces.Point", "&{1 2}")
    q = ifaces.Echo(p)
    assert type(q) is ifaces.Point
    assert (q.X, q.Y) == (1, 2)
    q.X = 9  # the same *Point came back
    assert p.X == 9
    r = ifaces.NewPoint(3, 4)
    assert type(r) is ifaces.Point and (r.X, r.Y) == (3, 4)


def test_named_basic_values(ifaces):
    b = ifaces.Boiling()
    assert type(b) is ifaces.Celsius and b == 100.0
    assert ifaces.Describe(ifaces.Celsius(21.5)) == ("ifaces.Celsius", "21.5")
    r = ifaces.Echo(ifaces.Celsius(3))
    assert type(r) is ifaces.Celsius and r == 3.0


def test_view_is_passed_as_its_go_value(ifaces):
    ints = ifaces.Ints(3)
    assert ifaces.Describe(ints) == ("[]int", "[0 1 2]")
    assert ifaces.Sprintf("%v", ints) == "[0 1 2]"
    assert ifaces.Describe(ifaces.Ages()) == ("map[string]int", "map[a:1 b:2]")
    tags = ifaces.NewTags("x", "y")
    assert type(tags) is ifaces.Tags
    assert ifaces.Describe(tags) == ("ifaces.Tags", "[x y]")
    assert ifaces.Describe(list(tags)) == ("[]interface {}", "[x y]")


def test_named_container_from_go_is_its_view_class(ifaces):
    t = ifaces.AnyTags()
    assert type(t) is ifaces.Tags
    assert list(t) == ["x", "y"]
    assert ifaces.Describe(t) == ("ifaces.Tags", "[x y]")


# any: Go -> Python ---------------------------------------------------------

def test_nested_go_values_become_python_values(ifaces):
    n = ifaces.Nested()
    assert n == {
        "ints": [-3, 2**64 - 1, 7, -2**63],
        "float": 0.5,
        "cplx": 1 - 2j,
        "text": "héllo \udcff",
        "raw": b"raw\x00",
        "none": None,
        "yes": True,
        "empty": [],
        "inner": {"list": ["a", [1.5, False]]},
        "byint": {1: "one", "two": 2},
        "nodict": {},
    }
    assert type(n) is dict and type(n["ints"]) is list
    assert all(type(i) is int for i in n["ints"])
    assert type(n["float"]) is float and type(n["cplx"]) is complex
    assert type(n["raw"]) is bytes and n["yes"] is True


def test_each_call_makes_new_python_values(ifaces):
    a, b = ifaces.Nested(), ifaces.Nested()
    assert a == b and a is not b
    a["inner"]["list"].append("x")
    assert ifaces.Nested()["inner"]["list"] == ["a", [1.5, False]]


# Variadic ...any -------------------------------------------------------------

def test_variadic_any(ifaces):
    assert ifaces.Sprintf("plain") == "plain"
    assert ifaces.Sprintf("%d-%s-%v-%v", 1, "a", [1, 2], None) == "1-a-[1 2]-<nil>"
    assert ifaces.Sprintf("%T %T %T %T", 1.5, b"x", {"k": 1}, ifaces.Point()) == \
        "float64 []uint8 map[string]interface {} *ifaces.Point"
    assert ifaces.Sprintf("%v|%v", True, 2 + 0j) == "true|(2+0i)"
    assert ifaces.Count() == 0
    assert ifaces.Count(1, None, [], {}) == 4
    assert ifaces.Count(*range(100)) == 100
    assert ifaces.Count(ifaces.NewToken(1), ifaces.Ref()) == 2


def test_variadic_errors(ifaces):
    with pytest.raises(TypeError) as e:
        ifaces.Sprintf("%v %v", 1, object())
    msg = str(e.value)
    assert "Sprintf()" in msg and "must be a value Go can hold" in msg and msg.endswith("not object"), msg
    with pytest.raises(OverflowError) as e:
        ifaces.Sprintf("%v", 2**64)
    assert "Sprintf()" in str(e.value)


# any fields and variables ----------------------------------------------------

def test_any_field(ifaces):
    b = ifaces.Box()
    assert b.Value is None and b.Label == ""
    b.Value = [1, "a"]
    assert b.Value == [1, "a"]
    assert b.Describe() == ("[]interface {}", "[1 a]")
    b.Value = 7
    assert b.Value == 7 and type(b.Value) is int
    b.Value = None
    assert b.Value is None
    b = ifaces.Box(Value={"k": 1.5}, Label="x")
    assert b.Value == {"k": 1.5} and b.Label == "x"
    b = ifaces.Box({"k": (1,)})
    assert b.Value == {"k": [1]}
    v = b.Value
    v["k"].append(2)  # a copy: Go's map is unchanged
    assert b.Value == {"k": [1]}


def test_any_field_errors(ifaces):
    b = ifaces.Box()
    with pytest.raises(TypeError) as e:
        b.Value = object()
    msg = str(e.value)
    assert "field 'Value'" in msg and "must be a value Go can hold" in msg and msg.endswith("not object"), msg
    with pytest.raises(OverflowError):
        b.Value = 2**64
    with pytest.raises(TypeError) as e:
        ifaces.Box(Value=object())
    assert str(e.value).startswith("Box() argument 'Value' must be a value Go can hold")
    assert b.Value is None  # a failed assignment changes nothing


def test_any_variable(ifaces):
    try:
        ifaces.Current = {"a": (1, 2)}
        assert ifaces.DescribeCurrent() == ("map[string]interface {}", "map[a:[1 2]]")
        assert ifaces.Current == {"a": [1, 2]}
        ifaces.SetCurrent(5)
        assert ifaces.Current == 5
        ifaces.Current = "s"
        assert ifaces.DescribeCurrent() == ("string", "s")
        with pytest.raises(TypeError) as e:
            ifaces.Current = object()
        msg = str(e.value)
        assert "variable ifaces.Current" in msg and msg.endswith("not object"), msg
        assert ifaces.Current == "s"
        ifaces.Current = None
        assert ifaces.Current is None
        assert ifaces.DescribeCurrent() == ("<nil>", "<nil>")
    finally:
        ifaces.Current = None


# Opaque values: GoValue -------------------------------------------------------

def test_govalue_class(ifaces):
    assert isinstance(ifaces.GoValue, type)
    assert ifaces.GoValue.__name__ == "GoValue" and ifaces.GoValue.__module__ == "ifaces"
    with pytest.raises(TypeError) as e:
        ifaces.GoValue()
    assert "cannot create 'ifaces.GoValue' instances" in str(e.value)


def test_opaque_values_round_trip_unchanged(ifaces):
    t = ifaces.NewToken(7)
    assert type(t) is ifaces.GoValue
    assert ifaces.TokenID(t) == 7
    assert ifaces.Describe(t) == ("ifaces.token", "{7}")
    e = ifaces.Echo(t)
    assert type(e) is ifaces.GoValue and ifaces.TokenID(e) == 7
    inside = ifaces.Echo([t, {"k": t}])
    assert ifaces.TokenID(inside[0]) == 7 and ifaces.TokenID(inside[1]["k"]) == 7
    box = ifaces.Box(Value=t)
    assert ifaces.TokenID(box.Value) == 7
    assert ifaces.TokenID(5) == -1 and ifaces.TokenID(None) == -1


def test_opaque_pointer_is_the_same_pointer(ifaces):
    c = ifaces.NewCounter()
    assert type(c) is ifaces.GoValue
    assert ifaces.Bump(c) == 1
    assert ifaces.Bump(c) == 2
    assert ifaces.Bump(ifaces.Echo(c)) == 3
    assert ifaces.Bump(ifaces.Echo([c])[0]) == 4
    assert ifaces.Bump(ifaces.NewCounter()) == 1
    assert ifaces.Bump(c) == 5
    assert ifaces.Bump("c") == -1


def test_govalue_repr(ifaces):
    r = repr(ifaces.NewToken(7))
    assert r.startswith("ifaces.GoValue(") and r.endswith(")"), r
    assert "ifaces.token" in r and "{7}" in r, r
    r = repr(ifaces.NewCounter())
    assert r.startswith("ifaces.GoValue(") and "*ifaces.counter" in r, r


# Named interfaces --------------------------------------------------------------

def test_interface_classes(ifaces):
    for name in ("Shape", "Solid"):
        cls = getattr(ifaces, name)
        assert isinstance(cls, abc.ABCMeta), name
        assert cls.__name__ == name and cls.__module__ == "ifaces"
    assert "plane figure" in ifaces.Shape.__doc__
    assert set(ifaces.Shape._gopy_methods) == {"Area", "Name"}
    assert set(ifaces.Solid._gopy_methods) == {"Area", "Name", "Volume"}
    for cls in (ifaces.Shape, ifaces.Solid):
        with pytest.raises(TypeError) as e:
            cls()
        assert f"cannot create 'ifaces.{cls.__name__}' instances" in str(e.value)


def test_bound_structs_are_registered_implementations(ifaces):
    assert issubclass(ifaces.Rect, ifaces.Shape)  # value receivers
    assert issubclass(ifaces.Circle, ifaces.Shape)  # pointer receivers
    assert isinstance(ifaces.Rect(1, 2), ifaces.Shape)
    assert isinstance(ifaces.Circle(1), ifaces.Shape)
    assert not issubclass(ifaces.Point, ifaces.Shape)
    assert not isinstance(ifaces.Point(), ifaces.Shape)
    assert not isinstance(ifaces.Rect(), ifaces.Solid)
    assert not isinstance(5, ifaces.Shape)


def test_subclasshook_by_method_names(ifaces):
    assert issubclass(Fake, ifaces.Shape)
    assert isinstance(Fake(), ifaces.Shape)
    assert not issubclass(HalfShape, ifaces.Shape)
    assert not issubclass(Fake, ifaces.Solid)
    assert issubclass(ifaces.Solid, ifaces.Shape)  # Solid embeds Shape
    assert not issubclass(ifaces.Shape, ifaces.Solid)


def test_bound_structs_pass_as_shape(ifaces):
    assert ifaces.AreaOf(ifaces.Rect(2, 3)) == 6.0
    assert ifaces.NameOf(ifaces.Rect(2, 3)) == "rect"
    assert ifaces.AreaOf(ifaces.Circle(1)) == pytest.approx(math.pi)
    assert ifaces.NameOf(ifaces.Circle(1)) == "circle"
    assert ifaces.DescribeShape(ifaces.Rect(1, 2)) == ("*ifaces.Rect", "&{1 2}")
    assert ifaces.DescribeShape(ifaces.Circle(2)) == ("*ifaces.Circle", "&{2}")
    assert not ifaces.IsNil(ifaces.Rect())


def test_none_is_a_nil_shape(ifaces):
    assert ifaces.IsNil(None)
    assert ifaces.DescribeShape(None) == ("<nil>", "<nil>")
    assert ifaces.NoShape() is None


def test_returned_bound_structs_are_their_class(ifaces):
    c = ifaces.NewCircle(2)
    assert type(c) is ifaces.Circle and c.R == 2.0
    c.Grow(2)
    assert ifaces.AreaOf(c) == pytest.approx(16 * math.pi)
    r = ifaces.NewRect(2, 5)
    assert type(r) is ifaces.Rect and (r.W, r.H) == (2.0, 5.0)
    assert r.Area() == 10.0


def test_shape_returns_the_pointer_it_got(ifaces):
    c = ifaces.Circle(1)
    big = ifaces.Biggest(c, ifaces.Rect(1, 1))
    assert type(big) is ifaces.Circle
    big.Grow(3)
    assert c.R == 3.0
    r = ifaces.Rect(10, 10)  # 100 > 9*pi
    big = ifaces.Biggest(c, r)
    assert type(big) is ifaces.Rect
    big.W = 1
    assert r.W == 1.0


def test_unexported_implementation_is_an_interface_instance(ifaces):
    sq = ifaces.NewSquare(2)
    assert type(sq) is ifaces.Shape
    assert isinstance(sq, ifaces.Shape) and not isinstance(sq, ifaces.Solid)
    assert sq.Area() == 4.0 and sq.Name() == "square"
    assert ifaces.AreaOf(sq) == 4.0 and ifaces.NameOf(sq) == "square"
    assert ifaces.DescribeShape(sq) == ("ifaces.square", "{2}")
    assert ifaces.Describe(sq) == ("ifaces.square", "{2}")  # passed as any: Go gets the value
    assert not ifaces.IsNil(sq)
    big = ifaces.Biggest(ifaces.Rect(1, 1), sq)
    assert type(big) is ifaces.Shape and big.Area() == 4.0
    assert type(ifaces.Biggest(ifaces.Rect(5, 5), sq)) is ifaces.Rect
    r = repr(sq)
    assert r.startswith("ifaces.Shape(") and r.endswith(")"), r
    assert "ifaces.square" in r and "{2}" in r, r


def test_embedded_interface(ifaces):
    cube = ifaces.NewCube(2)
    assert type(cube) is ifaces.Solid
    assert isinstance(cube, ifaces.Shape)
    assert cube.Volume() == 8.0 and cube.Area() == 24.0 and cube.Name() == "cube"
    assert ifaces.VolumeOf(cube) == 8.0
    assert ifaces.AreaOf(cube) == 24.0  # a Solid is a Shape
    r = repr(cube)
    assert r.startswith("ifaces.Solid(") and "ifaces.cube" in r, r


def test_value_not_implementing_the_interface(ifaces):
    for bad in (ifaces.Point(), 5, "rect", [1], ifaces.NewToken(1)):
        with pytest.raises(TypeError) as e:
            ifaces.AreaOf(bad)
        assert "Shape" in str(e.value), str(e.value)
        assert not isinstance(e.value, ifaces.GoError)
        assert getattr(e.value, "go_type", None) is None
    for bad in (ifaces.NewSquare(1), ifaces.Rect(1, 1), ifaces.Circle(1)):
        with pytest.raises(TypeError) as e:
            ifaces.VolumeOf(bad)
        assert "Solid" in str(e.value), str(e.value)


def test_python_object_where_an_interface_is_wanted(ifaces):
    # A Python object with every method of the interface is one (Fake
    # defines Area and Name); one missing a method is refused, naming it.
    assert ifaces.AreaOf(Fake()) == Fake().Area()

    class Half:
        def Area(self):
            return 1.0
    with pytest.raises(TypeError) as e:
        ifaces.AreaOf(Half())
    msg = str(e.value)
    assert msg.startswith("AreaOf() argument 's' must implement ifaces.Shape"), msg
    assert "Name" in msg, msg
    with pytest.raises(TypeError) as e:
        ifaces.AreaOf(object())
    assert "object has no method Area" in str(e.value)


# Errors as values ----------------------------------------------------------------

def test_error_variable_is_a_goerror_value(ifaces):
    err = ifaces.ErrNotFound
    assert isinstance(err, ifaces.GoError)
    assert str(err) == "not found"
    assert err.go_type == "*errors.errorString"
    assert type(err._gopy_err) is ifaces.GoValue
    assert "*errors.errorString" in repr(err._gopy_err)
    assert err == ifaces.ErrNotFound  # errors.Is, across two reads
    assert hash(err) == object.__hash__(err)


def test_trailing_error_raises_and_is_the_sentinel(ifaces):
    assert ifaces.Lookup("one") == 1
    with pytest.raises(ifaces.GoError) as e:
        ifaces.Lookup("zz")
    err = e.value
    assert str(err) == 'lookup "zz": not found'
    assert err.go_type == "*fmt.wrapError"
    assert type(err._gopy_err) is ifaces.GoValue
    assert err == ifaces.ErrNotFound
    assert not (ifaces.ErrNotFound == err)  # errors.Is is directional
    assert ifaces.IsNotFound(err)  # the caught error goes back to Go
    assert ifaces.Message(err) == 'lookup "zz": not found'
    assert ifaces.Describe(err) == ("*fmt.wrapError", 'lookup "zz": not found')


def test_error_as_a_non_trailing_result_is_returned(ifaces):
    assert ifaces.Find("two") == (None, 2)
    err, n = ifaces.Find("zz")
    assert n == 0
    assert isinstance(err, ifaces.GoError)
    assert str(err) == 'lookup "zz": not found'
    assert err.go_type == "*fmt.wrapError"
    assert err == ifaces.ErrNotFound
    assert ifaces.IsNotFound(err)


def test_distinct_errors_are_not_equal(ifaces):
    a, _ = ifaces.Find("a")
    b, _ = ifaces.Find("b")
    assert a != b
    assert a == a
    plain = ifaces.GoError("made in Python")
    assert plain._gopy_err is None
    assert plain == plain
    assert plain != ifaces.GoError("made in Python")  # identity
    assert plain != ifaces.ErrNotFound and ifaces.ErrNotFound != plain
    assert hash(plain) == object.__hash__(plain)


def test_wrap(ifaces):
    with pytest.raises(ifaces.GoError) as e:
        ifaces.Wrap(ifaces.ErrNotFound, "ctx")
    assert str(e.value) == "ctx: not found"
    assert e.value == ifaces.ErrNotFound
    with pytest.raises(ifaces.GoError) as first:
        ifaces.Lookup("zz")
    with pytest.raises(ifaces.GoError) as e:
        ifaces.Wrap(first.value, "outer")
    assert str(e.value) == 'outer: lookup "zz": not found'
    assert e.value == ifaces.ErrNotFound and e.value == first.value
    assert ifaces.IsNotFound(e.value)
    assert ifaces.Wrap(None, "x") is None


def test_custom_error_types(ifaces):
    with pytest.raises(ifaces.GoError) as e:
        ifaces.Check(3)
    assert str(e.value) == "code 3"
    assert e.value.go_type == "*ifaces.CodeError"
    assert ifaces.CodeOf(e.value) == 3
    with pytest.raises(ifaces.GoError) as wrapped:
        ifaces.Wrap(e.value, "w")
    assert ifaces.CodeOf(wrapped.value) == 3
    assert not ifaces.IsNotFound(wrapped.value)
    assert ifaces.Check(0) is None
    # A bound struct whose pointer implements error passes as an error.
    assert ifaces.CodeOf(ifaces.CodeError(Code=4)) == 4
    assert ifaces.Message(ifaces.CodeError(5)) == "code 5"
    assert not ifaces.IsNotFound(ifaces.CodeError(5))


def test_nil_error_parameter(ifaces):
    assert ifaces.IsNotFound(None) is False
    assert ifaces.Message(None) == "<nil>"
    assert ifaces.CodeOf(None) == -1


def test_error_parameter_errors(ifaces):
    for bad in ("x", 5, ifaces.Point(), ifaces.NewToken(1), [ifaces.ErrNotFound]):
        with pytest.raises(TypeError) as e:
            ifaces.IsNotFound(bad)
        assert "error" in str(e.value), str(e.value)
    # A Python exception is an error (whose Error() is str(exc)); other
    # objects are not.
    assert ifaces.IsNotFound(ValueError("x")) is False
    assert ifaces.IsNotFound(ifaces.GoError("x")) is False
    with pytest.raises(TypeError) as e:
        ifaces.IsNotFound(object())
    msg = str(e.value)
    assert msg.startswith("IsNotFound() argument 'err' must be"), msg
    assert msg.endswith("not object"), msg


def test_error_field(ifaces):
    r = ifaces.Try("zz")
    assert isinstance(r.Err, ifaces.GoError)
    assert str(r.Err) == 'lookup "zz": not found'
    assert r.Err == ifaces.ErrNotFound and r.Failed()
    ok = ifaces.Try("one")
    assert ok.N == 1 and ok.Err is None and not ok.Failed()
    ok.Err = ifaces.ErrNotFound
    assert ok.Failed()
    assert ok.Err == ifaces.ErrNotFound
    with pytest.raises(ifaces.GoError) as e:
        ifaces.Check(9)
    ok.Err = e.value
    assert not ok.Failed() and ifaces.CodeOf(ok.Err) == 9
    ok.Err = None
    assert ok.Err is None and not ok.Failed()
    with pytest.raises(TypeError):
        ok.Err = "x"
    exc = ValueError("x")
    ok.Err = exc
    assert ok.Err is exc and not ok.Failed()  # a Python exception comes back as itself
    ok.Err = None
    assert ifaces.Result(Err=ifaces.ErrNotFound).Failed()


# Out-parameters: Ref ---------------------------------------------------------------

def test_ref_class(ifaces):
    assert isinstance(ifaces.Ref, type)
    assert ifaces.Ref.__name__ == "Ref" and ifaces.Ref.__module__ == "ifaces"


def test_ref_value(ifaces):
    r = ifaces.Ref()
    assert r.value is None
    assert repr(r) == "ifaces.Ref(None)"
    r = ifaces.Ref(5)
    assert r.value == 5 and type(r.value) is int
    r = ifaces.Ref([1, (2, "a")])
    assert r.value == [1, [2, "a"]]
    assert repr(r) == "ifaces.Ref([1, [2, 'a']])"
    r.value = {"k": b"v"}
    assert r.value == {"k": b"v"}
    v = r.value
    v["k"] = 1  # a copy
    assert r.value == {"k": b"v"}
    t = ifaces.NewToken(3)
    r.value = t
    assert ifaces.TokenID(r.value) == 3
    assert ifaces.Describe(ifaces.Ref())[0] == "*interface {}"


def test_ref_errors(ifaces):
    with pytest.raises(TypeError) as e:
        ifaces.Ref(object())
    assert str(e.value).endswith("not object")
    with pytest.raises(OverflowError):
        ifaces.Ref(2**64)
    r = ifaces.Ref(1)
    with pytest.raises(TypeError) as e:
        r.value = object()
    assert str(e.value).endswith("not object")
    assert r.value == 1


def test_decode_into_ref(ifaces):
    r = ifaces.Ref()
    assert ifaces.Decode('{"a":[1,2]}', r) is None
    assert r.value == {"a": [1, 2]}
    ifaces.Decode('"text"', r)
    assert r.value == "text"
    ifaces.Decode("null", r)
    assert r.value is None
    with pytest.raises(ifaces.GoError) as e:
        ifaces.Decode("{bad", r)
    assert e.value.go_type == "*json.SyntaxError"
    with pytest.raises(ifaces.GoError) as e:
        ifaces.Decode("{}", 5)  # not a pointer
    assert e.value.go_type == "*json.InvalidUnmarshalError"


def test_decode_into_struct(ifaces):
    p = ifaces.Point()
    ifaces.Decode('{"X":3,"Y":-4}', p)
    assert (p.X, p.Y) == (3, -4)
    ifaces.Load('{"X":7}', p)
    assert (p.X, p.Y) == (7, -4)
    box = ifaces.Box()
    ifaces.Load('{"Value":[1,"a"],"Label":"l"}', box)
    assert box.Value == [1, "a"] and box.Label == "l"
    with pytest.raises(ifaces.GoError) as e:
        ifaces.Load("{}", ifaces.Ref())
    assert str(e.value) == "Load needs a pointer to a struct, got *interface {}"
    with pytest.raises(ifaces.GoError) as e:
        ifaces.Load("{}", {"a": 1})
    assert str(e.value) == "Load needs a pointer to a struct, got map[string]interface {}"
    with pytest.raises(ifaces.GoError):
        ifaces.Load('{"X":"not a number"}', p)


# Handles ---------------------------------------------------------------------------

def test_values_release_their_handles(ifaces):
    def churn(n):
        for i in range(n):
            ifaces.NewToken(i)
            ifaces.Echo([ifaces.NewCounter(), {"k": ifaces.NewToken(i)}])
            ifaces.NewSquare(i).Area()
            ifaces.NewCube(i).Volume()
            ifaces.NewCircle(i)
            ifaces.Nested()
            assert ifaces.Ref([i]).value == [i]
            ifaces.Find("zz")
            ifaces.Try("zz").Err
            ifaces.ErrNotFound
            try:
                ifaces.Lookup("zz")
            except ifaces.GoError:
                pass
            try:
                ifaces.Echo([ifaces.NewToken(i), object()])
            except TypeError:
                pass
            try:
                ifaces.AreaOf(ifaces.Point())
            except TypeError:
                pass

    churn(20)  # first uses may allocate for good
    start = live(ifaces)
    churn(200)
    assert live(ifaces) == start
