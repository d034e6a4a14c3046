"""Containers of interface values (package ifacecont): []any, []error,
[]Shape, map[string]any, [3]io.Reader, map[string][]any, a named []Shape and
struct fields and variables holding them; and Python callables whose
signatures hold slices, arrays and maps."""
import collections.abc
import io
import time
import weakref

import pytest

from conftest import collect

HOLDABLE = "(None, bool, int, float, complex, str, bytes, list, tuple, dict or an instance of a class of ifacecont)"


class Fake:
    """Has every method of ifacecont.Shape, but is a Python object."""

    def __init__(self, area=10.0):
        self.area = area

    def Area(self):
        return self.area

    def Name(self):
        return "fake"


def wait_dead(ifacecont, ref, seconds=10):
    """Waits until Go's collector has released the object ref refers to."""
    deadline = time.monotonic() + seconds
    while ref() is not None and time.monotonic() < deadline:
        ifacecont.GC()
        collect()
        time.sleep(0.01)
    return ref() is None


# []any ------------------------------------------------------------------------

def test_list_argument_converts_each_element_by_the_rules_of_any(ifacecont):
    got = ifacecont.Describe([1, "a", None, 2.5, [1], {"a": 1}, b"b"])
    assert list(got) == ["int:1", "string:a", "<nil>:<nil>", "float64:2.5", "[]interface {}:[1]",
                         "map[string]interface {}:map[a:1]", "[]uint8:[98]"]


def test_tuple_and_iterable_arguments(ifacecont):
    assert list(ifacecont.Describe(("a", 2))) == ["string:a", "int:2"]
    assert list(ifacecont.Describe(x for x in [1])) == ["int:1"]


def test_none_is_a_nil_slice_and_empty_list_is_not(ifacecont):
    assert ifacecont.IsNil(None) is True
    assert ifacecont.IsNil([]) is False


def test_element_go_cannot_hold_names_its_index(ifacecont):
    with pytest.raises(TypeError) as e:
        ifacecont.Describe([1, object()])
    assert str(e.value) == ("Describe() argument 'xs'[1] must be a value Go can hold %s, not object" % HOLDABLE)


def test_result_is_a_view_whose_elements_follow_the_rules_of_any(ifacecont):
    x = ifacecont.Mixed()
    assert isinstance(x, collections.abc.Sequence)
    assert len(x) == 9
    assert x[0:4] == [1, "two", 3.5, None]
    assert x[4] == b"b"
    assert isinstance(x[5], ifacecont.GoError) and str(x[5]) == "boom"
    assert isinstance(x[6], ifacecont.Point) and (x[6].X, x[6].Y) == (1, 2)
    assert x[7] == [1, "x"]  # an []any inside any: a copy, as for any
    assert isinstance(x[8], ifacecont.GoValue)
    assert repr(x).startswith("[]any([1, 'two', 3.5, None, b'b', GoError('boom')")
    assert list(x)[:4] == [1, "two", 3.5, None]


def test_view_passed_back_is_the_same_go_slice(ifacecont):
    x = ifacecont.Mixed()
    same = ifacecont.Same(x)
    ifacecont.Set(same, 1, 42)
    assert x[1] == 42
    assert list(ifacecont.Describe(x))[6] == "*ifacecont.Point:&{1 2}"


def test_setting_an_element_converts_it_and_go_sees_it(ifacecont):
    x = ifacecont.Mixed()
    x[0] = "new"
    assert x[0] == "new"
    assert list(ifacecont.Describe(x))[0] == "string:new"
    x[1:3] = [None, [1, 2]]
    assert x[1] is None and x[2] == [1, 2]
    with pytest.raises(TypeError, match="must be a value Go can hold"):
        x[0] = object()
    assert x[0] == "new"


def test_opaque_element_passes_back_unchanged(ifacecont):
    x = ifacecont.Mixed()
    token = x[8]
    assert list(ifacecont.Describe([token])) == ["ifacecont.token:{7}"]


# map[string]any and nested containers --------------------------------------------

def test_dict_argument_converts_each_value(ifacecont):
    assert list(ifacecont.Keys({"a": 1, "b": [1, 2], "c": None})) == [
        "a=int:1", "b=[]interface {}:[1 2]", "c=<nil>:<nil>"]


def test_dict_argument_with_a_key_that_is_no_str(ifacecont):
    with pytest.raises(TypeError) as e:
        ifacecont.Keys({1: 1})
    assert str(e.value) == "Keys() argument 'm' key 1 must be str (Go string), not int"


def test_dict_argument_with_a_value_go_cannot_hold(ifacecont):
    with pytest.raises(TypeError) as e:
        ifacecont.Keys({"a": 1, "b": object()})
    assert str(e.value) == "Keys() argument 'm'['b'] must be a value Go can hold %s, not object" % HOLDABLE


def test_map_result_is_a_mutable_mapping(ifacecont):
    m = ifacecont.Options()
    assert isinstance(m, collections.abc.MutableMapping)
    assert dict(m) == {"n": 3, "name": "x", "ratio": 0.5, "none": None, "list": [1, 2]}
    m["new"] = (1, "a")
    assert m["new"] == [1, "a"]
    del m["none"]
    assert sorted(m) == ["list", "n", "name", "new", "ratio"]
    with pytest.raises(TypeError, match="key must be str"):
        m[1] = 2
    with pytest.raises(TypeError, match="value must be a value Go can hold"):
        m["x"] = object()


def test_map_of_slices_of_any(ifacecont):
    n = ifacecont.Nested()
    assert list(n["a"]) == [1, "x"]
    assert list(n["b"]) == []
    assert ifacecont.CountNested({"x": [1, "y"], "z": None, "w": ()}) == 2
    with pytest.raises(TypeError) as e:
        ifacecont.CountNested({"x": [1, object()]})
    assert "argument 'm'['x'][1] must be a value Go can hold" in str(e.value)


def test_array_of_an_other_package_interface(ifacecont):
    t = ifacecont.Triple()
    assert len(t) == 3 and t[1] is None and t[2] is None
    assert isinstance(t[0], io.RawIOBase)  # io's streams are file objects (test_iostreams.py)
    assert ifacecont.ReadAll(t) == "abc"
    assert ifacecont.ReadAll([None, None, None]) == ""
    with pytest.raises(ValueError) as e:
        ifacecont.ReadAll([None, None])
    assert str(e.value) == "ReadAll() argument 'rs' must have 3 elements (Go [3]io.Reader), not 2"
    with pytest.raises(TypeError) as e:
        ifacecont.ReadAll([None, None, 1])
    assert str(e.value) == ("ReadAll() argument 'rs'[2] must be a binary file object (with readinto or read) "
                            "or bytes-like, not int")


# []error ---------------------------------------------------------------------------

def test_errors_are_goerrors_that_keep_their_identity(ifacecont):
    errs = ifacecont.Errs()
    assert [type(e).__name__ if e is not None else None for e in errs] == ["GoError", None, "GoError"]
    assert ifacecont.FirstIs(errs)
    assert ifacecont.FirstIs([ifacecont.ErrFirst])
    assert not ifacecont.FirstIs([errs[2]])


def test_exceptions_are_errors_and_come_back_as_themselves(ifacecont):
    errs = ifacecont.Errs()
    exc = ValueError("v")
    errs[1] = exc
    assert errs[1] is exc
    assert list(ifacecont.Messages(errs)) == ["first", "v", "second"]
    assert list(ifacecont.Messages([KeyError("k"), None])) == ["'k'", "nil"]
    with pytest.raises(TypeError) as e:
        ifacecont.Messages([1])
    assert str(e.value) == "Messages() argument 'errs'[0] must be error, not int"


# []Shape and the named Bag ---------------------------------------------------------

def test_slice_of_a_package_interface(ifacecont):
    assert ifacecont.TotalArea([ifacecont.Rect(W=1, H=2), Fake(), None]) == 12.0
    with pytest.raises(TypeError) as e:
        ifacecont.TotalArea([ifacecont.Rect(W=1, H=1), 3])
    assert str(e.value) == "TotalArea() argument 'shapes'[1] must be ifacecont.Shape, not int"


def test_python_objects_in_a_bag_come_back_as_themselves(ifacecont):
    f = Fake()
    bag = ifacecont.Bag([ifacecont.Rect(W=1, H=2), f])
    assert bag[1] is f
    assert isinstance(bag[0], ifacecont.Rect)
    assert bag.Total() == 12.0
    assert list(bag.Names()) == ["rect", "fake"]
    g = Fake(1.0)
    bag[0] = g
    assert bag[0] is g and bag.Total() == 11.0
    with pytest.raises(TypeError) as e:
        bag[0] = 5
    assert str(e.value) == "ifacecont.Bag element must be ifacecont.Shape, not int"


def test_object_in_a_bag_go_keeps_stays_alive_until_dropped(ifacecont):
    f = Fake(3.0)
    ref = weakref.ref(f)
    ifacecont.Keep([f])
    del f
    for _ in range(3):
        ifacecont.GC()
        collect()
    assert ref() is not None
    kept = ifacecont.Kept()
    assert kept[0] is ref() and kept.Total() == 3.0
    del kept
    ifacecont.Drop()
    assert wait_dead(ifacecont, ref)


def test_objects_in_a_list_for_one_call_are_released(ifacecont):
    f = Fake()
    ref = weakref.ref(f)
    for _ in range(100):
        ifacecont.TotalArea([f, f])
    del f
    assert wait_dead(ifacecont, ref)


# fields and variables ------------------------------------------------------------------

def test_fields_are_views_and_take_containers(ifacecont):
    d = ifacecont.NewDrawing()
    assert list(d.Items) == [1, "a"]
    assert isinstance(d.Shapes[0], ifacecont.Rect)
    assert dict(d.Meta) == {"k": True}
    d.Items[0] = None
    assert d.Summary() == "2 items [<nil> a], area 6, meta 1"
    f = Fake()
    d.Items, d.Shapes, d.Meta = [1, 2, 3], [f], {"z": None}
    assert d.Summary() == "3 items [1 2 3], area 10, meta 1"
    assert d.Shapes[0] is f
    assert ifacecont.Drawing(Items=("x",)).Summary() == "1 items [x], area 0, meta 0"


def test_variable_of_map_string_any(ifacecont):
    assert dict(ifacecont.Registry) == {"version": 1}
    ifacecont.Registry = {"a": [1]}
    assert list(ifacecont.RegistryKeys()) == ["a=[]interface {}:[1]"]
    ifacecont.Registry["b"] = 2.5
    assert list(ifacecont.RegistryKeys()) == ["a=[]interface {}:[1]", "b=float64:2.5"]
    with pytest.raises(TypeError) as e:
        ifacecont.Registry = {"a": object()}
    assert "variable ifacecont.Registry['a'] must be a value Go can hold" in str(e.value)


# []func ------------------------------------------------------------------------------

def test_slice_of_funcs(ifacecont):
    assert ifacecont.Apply([lambda x: x + 1, lambda x: x * 10], 1) == 20
    ops = ifacecont.Doubler()
    assert ifacecont.Apply(ops, 4) == 8
    assert ops[0](5) == 10

    def plus7(x):
        return x + 7

    ops[0] = plus7
    assert ops[0] is plus7
    assert ifacecont.Apply(ops, 1) == 8
    with pytest.raises(TypeError) as e:
        ifacecont.Apply([1], 1)
    assert str(e.value) == "Apply() argument 'ops'[0] must be callable, not int"


# callbacks with containers -------------------------------------------------------------

def test_callback_gets_bytes_for_a_byte_slice(ifacecont):
    seen = []
    assert ifacecont.Process(b"abc", seen.append) is None
    assert seen == [b"abc"] and type(seen[0]) is bytes


def test_exception_in_a_callback_taking_a_slice_is_the_error(ifacecont):
    def bad(b):
        raise ValueError("bad " + repr(b))

    with pytest.raises(ValueError, match="bad b'abc'"):
        ifacecont.Process(b"abc", bad)


def test_callback_gets_a_view_of_the_go_slice(ifacecont):
    seen = []

    def total(xs):
        seen.append(xs)
        return sum(xs)

    assert ifacecont.Sum(4, total) == 10
    view = seen[0]
    assert isinstance(view, collections.abc.Sequence) and not isinstance(view, list)
    # The view keeps Go's slice alive after the call: still readable.
    collect()
    ifacecont.GC()
    assert list(view) == [1, 2, 3, 4]


def test_callback_writes_through_the_view(ifacecont):
    def modify(xs):
        xs[0] = 100

    assert list(ifacecont.Modify(modify)) == [100, 2, 3]


def test_callback_gets_a_map_view(ifacecont):
    seen = []

    def inspect(m):
        seen.append(dict(m))
        m["c"] = 3

    assert ifacecont.Inspect(inspect) == 3
    assert seen == [{"a": 1, "b": 2}]


def test_exception_in_a_callback_without_error_result(ifacecont):
    def boom(xs):
        raise KeyError("k")

    with pytest.raises(KeyError) as e:
        ifacecont.Sum(3, boom)
    assert any("Go traceback" in n for n in getattr(e.value, "__notes__", ()))


def test_container_results_of_callbacks_convert_as_arguments(ifacecont):
    assert ifacecont.Split(lambda: ["a", "b"]) == "a,b"
    assert ifacecont.Split(lambda: ("x",)) == "x"
    assert ifacecont.Split(lambda: None) == ""
    assert ifacecont.Split(lambda: ifacecont.Describe([1])) == "int:1"  # a view: no copy
    assert list(ifacecont.Pairs(lambda: {"a": 1, "b": 2})) == ["a=1", "b=2"]
    assert list(ifacecont.Anys(lambda xs: [*xs, 5])) == ["int:1", "string:a", "<nil>:<nil>", "int:5"]
    assert list(ifacecont.Anys(lambda xs: xs)) == ["int:1", "string:a", "<nil>:<nil>"]
    assert list(ifacecont.Grid(lambda a: [a[1], a[0]])) == [2, 1]


@pytest.mark.parametrize("f, message", [
    (lambda: 5, "a Python callback returned int, where Go wants []string"),
    (lambda: [1], "a Python callback returned [0]: int, where Go wants string"),
    (lambda: {"a": 1}, "a Python callback returned dict, where Go wants []string"),
])
def test_wrong_container_returned_by_a_callback(ifacecont, f, message):
    with pytest.raises(TypeError) as e:
        ifacecont.Split(f)
    assert str(e.value) == message


@pytest.mark.parametrize("f, message", [
    (lambda: {1: 2}, "a Python callback returned key 1: int, where Go wants string"),
    (lambda: {"a": "b"}, "a Python callback returned ['a']: str, where Go wants int"),
    (lambda: [1], "a Python callback returned list, where Go wants map[string]int"),
])
def test_wrong_map_returned_by_a_callback(ifacecont, f, message):
    with pytest.raises(TypeError) as e:
        ifacecont.Pairs(f)
    assert str(e.value) == message


def test_wrong_array_length_returned_by_a_callback(ifacecont):
    with pytest.raises(TypeError) as e:
        ifacecont.Grid(lambda a: [1])
    assert str(e.value) == "a Python callback returned 1 item, where Go wants [2]int"


def test_named_func_type_with_a_slice_parameter(ifacecont):
    seen = []
    assert ifacecont.Walk(["a/b", "c"], lambda p, parts: seen.append((p, list(parts)))) is None
    assert seen == [("a/b", ["a", "b"]), ("c", ["c"])]

    def stop(p, parts):
        raise ValueError(p)

    with pytest.raises(ValueError, match="a/b"):
        ifacecont.Walk(["a/b", "c"], stop)


def test_python_object_implements_an_interface_with_a_slice_method(ifacecont):
    class Sorter:
        def Sort(self, xs):
            return sorted(xs)

    assert list(ifacecont.SortWith(Sorter(), [3, 1, 2])) == [1, 2, 3]


def test_callback_with_bytes_from_several_goroutines(ifacecont):
    def first_plus_one(b):
        assert type(b) is bytes and len(b) == 2
        return b[0] + 1

    # goroutine g returns g+1 on each of its calls
    assert ifacecont.Concurrent(4, 50, first_plus_one) == 50 * (1 + 2 + 3 + 4)


def test_variadic_container_parameters_of_a_callback(ifacecont):
    seen = []

    def f(*xs):
        seen.extend(list(x) for x in xs)
        return len(xs)

    assert ifacecont.Spread(f) == 2
    assert seen == [[1, 2], [3]]


def test_named_container_in_a_callback_is_its_class(ifacecont):
    seen = []

    def f(bag):
        seen.append(type(bag).__name__)
        return bag.Total() + 1

    assert ifacecont.WithBag(f) == 5.0
    assert seen == ["Bag"]


def test_python_objects_a_callback_returns_in_a_container_come_back_as_themselves(ifacecont):
    f = Fake(2.0)
    assert ifacecont.MakeBag(lambda: [f, ifacecont.Rect(W=1, H=1)]) == 3.0
    kept = ifacecont.Kept()
    assert kept[0] is f
    ifacecont.Drop()
    with pytest.raises(TypeError) as e:
        ifacecont.MakeBag(lambda: [f, 3])
    assert str(e.value) == ("a Python callback returned [1]: Go int does not implement ifacecont.Shape "
                            "(missing method Area)")


def test_exceptions_a_callback_returns_in_a_slice_of_errors(ifacecont):
    assert list(ifacecont.Errors(lambda: [ValueError("a"), None, ifacecont.ErrFirst])) == ["a", "nil", "first"]
