"""Named basic types (type Celsius float64) as subclasses of Python builtins."""
import ast
import inspect

import pytest

from conftest import pypy_drops_member_docs, read_stub


def test_classes_subclass_the_builtins(named):
    for name, base in (("Celsius", float), ("Name", str), ("Count", int),
                       ("Flag", int), ("Level", int)):
        cls = getattr(named, name)
        assert isinstance(cls, type), name
        assert issubclass(cls, base), name
        assert cls.__name__ == name and cls.__module__ == "named"
    assert isinstance(named.Celsius(1), float)
    assert isinstance(named.Name("x"), str)
    assert isinstance(named.Count(3), int)
    assert isinstance(named.Flag(True), int)
    assert isinstance(named.Level(3), int)


def test_values_behave_like_the_builtin(named):
    c = named.Celsius(36.6)
    assert c == 36.6 and c + 1 == pytest.approx(37.6)
    assert named.Celsius(100) == 100.0
    assert named.Celsius() == 0.0
    assert named.Name("bob") == "bob" and named.Name("bob").startswith("b")
    assert named.Count(3) == 3 and named.Count(3) + 4 == 7
    assert named.Flag(True) == 1 and named.Flag(False) == 0
    assert bool(named.Flag(True)) is True and bool(named.Flag(False)) is False
    assert hash(named.Count(3)) == hash(3)
    assert {named.Name("a"): 1}["a"] == 1


def test_methods(named):
    assert named.Celsius(100).Fahrenheit() == 212.0
    assert type(named.Celsius(100).Fahrenheit()) is float
    assert named.Celsius(-40).Fahrenheit() == -40.0
    assert named.Name("bob").Greeting() == "hello bob"
    assert named.Level(3).Next() == 4
    assert named.Flag(True).Not() == 0


def test_method_errors_and_panics(named):
    q = named.Count(7).Per(2)
    assert type(q) is named.Count and q == 3
    with pytest.raises(named.GoError) as e:
        named.Count(7).Per(0)
    assert str(e.value) == "cannot split 7 into zero parts"
    assert e.value.go_type == "*errors.errorString"
    assert named.Name("x").Must() == "x"
    with pytest.raises(named.GoPanic) as e:
        named.Name("").Must()
    assert str(e.value) == "empty name" and e.value.value == "empty name"
    with pytest.raises(TypeError) as e:
        named.Count(7).Per("x")
    assert "Per() argument 'd' must be int" in str(e.value)


def test_methods_called_through_the_class(named):
    assert named.Count.Double(named.Count(4)) == 8
    with pytest.raises(TypeError):
        named.Count.Double(4)  # a plain int is not a Count receiver
    with pytest.raises(TypeError):
        named.Celsius.Fahrenheit("x")


def test_go_arithmetic_semantics(named):
    top = named.Level(127).Next()  # Go's int8 wraps
    assert type(top) is named.Level and top == -128


def test_results_of_a_named_type_are_instances(named):
    d = named.Count(3).Double()
    assert type(d) is named.Count and d == 6
    assert type(named.Count(3).Double().Double()) is named.Count
    u = named.Name("bob").Upper()
    assert type(u) is named.Name and u == "BOB"
    w = named.Celsius(10).Warmer(5)
    assert type(w) is named.Celsius and w == 15.0
    b = named.Boil()
    assert type(b) is named.Celsius and b == 100.0
    s = named.AddCount(2, 3)
    assert type(s) is named.Count and s == 5
    l = named.Level(4).Next()
    assert type(l) is named.Level and l == 5
    f = named.Flag(True).Not()
    assert type(f) is named.Flag and f == 0
    assert type(named.EchoLevel(7)) is named.Level


def test_parameters_accept_instances_and_plain_values(named):
    assert named.AddCount(named.Count(2), named.Count(3)) == 5
    assert named.AddCount(2, 3) == 5
    assert named.AddCount(a=named.Count(1), b=1) == 2
    assert named.Describe(named.Celsius(1.5)) == "1.5"
    assert named.Describe(2.5) == "2.5"
    assert named.Describe(3) == "3"
    assert named.Celsius(10).Warmer(named.Celsius(1)) == 11.0
    assert named.Celsius(10).Warmer(d=2) == 12.0
    assert named.Hello(named.Name("ann")) == "hi ann"
    assert named.Hello("ann") == "hi ann"
    assert named.IsOn(named.Flag(True)) is True
    assert named.IsOn(True) is True
    assert named.IsOn(False) is False
    assert named.EchoLevel(named.Level(-128)) == -128
    assert named.EchoLevel(127) == 127


def test_parameter_errors(named):
    with pytest.raises(TypeError) as e:
        named.AddCount("x", 1)
    assert "AddCount() argument 'a' must be int" in str(e.value)
    assert str(e.value).endswith("not str")
    with pytest.raises(TypeError) as e:
        named.Hello(3)
    assert "Hello() argument 'n' must be str" in str(e.value)
    with pytest.raises(TypeError) as e:
        named.Describe("warm")
    assert "Describe() argument 'c' must be float" in str(e.value)
    with pytest.raises(TypeError) as e:
        named.IsOn(1)
    assert "IsOn() argument 'f' must be bool" in str(e.value)
    with pytest.raises(OverflowError) as e:
        named.EchoLevel(200)
    assert "EchoLevel() argument 'l'" in str(e.value) and "int8" in str(e.value)
    with pytest.raises(TypeError) as e:
        named.Celsius(1).Warmer("x")
    assert "Warmer() argument 'd' must be float" in str(e.value)


def test_construction_is_checked(named):
    with pytest.raises(OverflowError) as e:
        named.Level(1000)
    assert "int8" in str(e.value)
    with pytest.raises(OverflowError) as e:
        named.Level(-129)
    assert "int8" in str(e.value)
    assert named.Level(127) == 127 and named.Level(-128) == -128
    with pytest.raises(OverflowError):
        named.Count(2**64)
    with pytest.raises((TypeError, ValueError)):
        named.Count("x")


def test_repr_and_str(named):
    assert repr(named.Celsius(100)) == "named.Celsius(100.0)"
    assert repr(named.Boil()) == "named.Celsius(100.0)"
    assert repr(named.Count(3)) == "named.Count(3)"
    assert repr(named.Name("x")) == "named.Name('x')"
    assert repr(named.Level(-2)) == "named.Level(-2)"
    assert str(named.Celsius(100)) == "100°C"
    assert named.Celsius(21.5).String() == "21.5°C"
    assert str(named.Boil()) == "100°C"


def test_str_without_a_string_method_is_the_builtin_str(named):
    # Only repr() names the type; str() and format() of a value without a
    # String method are those of the builtin it subclasses.
    assert str(named.Count(3)) == "3"
    assert f"{named.Count(3)} items" == "3 items"
    assert f"{named.Count(3):>3}" == "  3"
    assert str(named.Level(-2)) == "-2"
    assert str(named.Name("x")) == "x" and f"{named.Name('x')}" == "x"
    assert f"{named.Celsius(100)}" == "100°C"


def test_bool_based_repr(named):
    assert repr(named.Flag(True)) == "named.Flag(True)"
    assert repr(named.Flag(False).Not()) == "named.Flag(True)"
    assert repr(named.Flag(True).Not()) == "named.Flag(False)"


def test_pointer_receiver_methods_are_skipped(named):
    assert not hasattr(named.Count, "Incr")
    assert not hasattr(named.Count(1), "Incr")
    assert hasattr(named.Count, "Double")


def test_python_subclass_of_a_named_type(named):
    class Temp(named.Celsius):
        pass

    t = Temp(100)
    assert isinstance(t, named.Celsius) and t.Fahrenheit() == 212.0
    assert named.Describe(t) == "100"


def test_struct_fields_of_named_types(named):
    r = named.Reading(named.Celsius(21.5), "ann", 1)
    assert type(r.Temp) is named.Celsius and r.Temp == 21.5
    assert type(r.Who) is named.Name and r.Who == "ann"
    assert type(r.N) is named.Count and r.N == 1
    assert type(r.L) is named.Level and r.L == 0
    assert r.Summary() == "21.5°C by ann"
    r.Temp = 30
    assert type(r.Temp) is named.Celsius and r.Temp == 30.0
    r.N = named.Count(4)
    assert r.N.Double() == 8
    h = named.Hottest(r)
    assert type(h) is named.Celsius and h == 30.0
    assert repr(r) == ("named.Reading(Temp=named.Celsius(30.0), Who=named.Name('ann'), "
                       "N=named.Count(4), L=named.Level(0))")
    with pytest.raises(OverflowError) as e:
        r.L = 1000
    assert str(e.value).startswith("named.Reading field 'L'") and "int8" in str(e.value)
    with pytest.raises(TypeError) as e:
        r.Who = 3
    assert str(e.value).startswith("named.Reading field 'Who' must be str")
    with pytest.raises(OverflowError) as e:
        named.Reading(L=-200)
    assert "Reading() argument 'L'" in str(e.value)


@pypy_drops_member_docs
def test_docs_and_signatures(named):
    assert named.Celsius.__doc__.strip() == "Celsius is a temperature in degrees Celsius."
    assert "Fahrenheit converts the temperature to degrees Fahrenheit." in named.Celsius.Fahrenheit.__doc__
    assert inspect.getdoc(named.Count.Double).strip() == "Double returns twice the count."
    assert str(inspect.signature(named.Celsius.Warmer)) == "(self, /, d)"
    assert str(inspect.signature(named.AddCount)) == "(a, b)"


def test_stub_file(named):
    pyi = read_stub(named)
    compile(pyi, "named.pyi", "exec")
    tree = ast.parse(pyi)
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    for name, base in (("Celsius", "float"), ("Name", "str"), ("Count", "int"),
                       ("Flag", "int"), ("Level", "int")):
        assert name in classes, name
        assert [ast.unparse(b) for b in classes[name].bases] == [base], name
    assert "def Fahrenheit(self) -> float:" in pyi
    assert "def Double(self) -> Count:" in pyi
    assert "def AddCount(a: Count | int, b: Count | int) -> Count:" in pyi or \
        "def AddCount(a: int, b: int) -> Count:" in pyi
    assert "def Boil() -> Celsius:" in pyi
    assert "def Incr(self" not in pyi  # Count.Incr has a pointer receiver
    assert "def Incr(n: int | Ref | None) -> int:" in pyi
    assert "Hits: int | None" in pyi


# Pointers to basic and named basic values -----------------------------------

def test_pointer_parameters_take_none_values_and_refs(named):
    assert named.Incr(None) == -1
    assert named.Incr(5) == 6  # Go's pointer is to a copy
    r = named.Ref(5)
    assert named.Incr(r) == 6 and named.Incr(r) == 7
    assert r.value == 7  # Go wrote through the pointer into the Ref
    assert named.Greet(None) == "nobody" and named.Greet("x") == "hello x"
    s = named.Ref("y")
    assert named.Greet(s) == "hello y" and s.value == "seen y"
    assert named.Halve(3 + 4j) == 1.5 + 2j


def test_a_ref_go_keeps_is_shared_both_ways(named):
    r = named.Ref(1)
    named.Hold(r)
    r.value = 10  # Python writes through Go's pointer
    assert named.Bump() == 11 and r.value == 11
    # Where Go wants any, the Ref is now that *int.
    assert named.PtrType(r) == "*int"
    assert named.PtrType(named.Ref(1)) == "*interface {}"


def test_pointers_to_named_types(named):
    c = named.Ref(named.Celsius(20))
    assert named.Warm(c) == 21.0
    assert type(c.value) is named.Celsius and c.value == 21.0
    assert type(named.Warm(20.5)) is named.Celsius
    f = named.Ref(False)
    named.SetFlag(f)
    assert type(f.value) is named.Flag and f.value
    named.SetFlag(named.Flag(False))


def test_pointer_results(named):
    assert named.NewInt(3) == 3
    assert named.NilInt() is None


def test_pointer_fields(named):
    g = named.Gauge(Hits=3)
    assert (g.Hits, g.Unit, g.Temp) == (3, None, None)
    assert repr(g) == "named.Gauge(Hits=3, Unit=None, Temp=None)"
    u = named.Ref("m")
    g.Unit = u
    u.value = "km"  # the field points into the Ref
    assert g.Unit == "km"
    g.Hits = None
    assert g.Hits is None
    g.Temp = 5
    assert type(g.Temp) is named.Celsius and g.Temp == 5.0


def test_pointer_errors(named):
    with pytest.raises(TypeError, match=r"^Incr\(\) argument 'n' must be int \(Go \*int\), not str$"):
        named.Incr("x")
    with pytest.raises(OverflowError, match=r"^Incr8\(\) argument 'n' out of range for Go \*int8"):
        named.Incr8(300)
    with pytest.raises(OverflowError):
        named.Incr(2**64)
    with pytest.raises(TypeError, match="str, where Go wants int"):
        named.Incr(named.Ref("zz"))  # the Ref's value cannot be an int
    with pytest.raises(TypeError):
        named.Gauge(Hits="x")


def test_pointers_in_callbacks(named):
    # The callback gets the value (or None) and returns one.
    assert named.ApplyPtr(lambda p: None if p is None else p + 1, 4) == 5
    assert named.ApplyNil(lambda p: p) is None
    with pytest.raises(TypeError, match="a Python callback returned str, where Go wants int"):
        named.ApplyPtr(lambda p: "x", 4)


def test_pointer_to_pointer_is_skipped(named):
    assert not hasattr(named, "PtrPtr")


def test_containers_of_pointers(named):
    v = named.Ptrs()
    assert list(v) == [1, None, 2]
    v[1] = 7
    assert list(v) == [1, 7, 2]
    assert named.SumPtrs(1, None, named.Ref(5)) == 6
    assert named.SumPtrs(*v) == 10
    with pytest.raises(TypeError, match=r"^SumPtrs\(\) argument 'xs'\[1\] must be int \(Go \*int\), not str$"):
        named.SumPtrs(1, "x")


def test_pointers_to_containers_share_them(named):
    v = named.NewInts(1, 2)
    assert type(v) is named.Ints and list(v) == [1, 2]
    named.GrowInts(v, 2)  # Go appends through the pointer the view holds
    assert list(v) == [1, 2, 0, 1]
    v.Push(5)
    assert list(v) == [1, 2, 0, 1, 5]
    assert named.NilInts() is None
    items = [7]
    named.GrowInts(items, 1)  # a list is copied: Go's pointer is to the copy
    assert items == [7]
    assert named.GrowRaw(None) is False and named.GrowRaw([1]) is True
    assert dict(named.NewTable()) == {"a": 1}
    s = named.Shelf()
    assert s.Items is None
    s.Items = v
    named.GrowInts(s.Items, 1)
    assert list(v) == [1, 2, 0, 1, 5, 0]
    with pytest.raises(TypeError):
        named.GrowInts("x", 1)
