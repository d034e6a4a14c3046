"""Go maps as mutable mappings backed by Go (package seqs)."""
import collections.abc
import threading
import types

import pytest

from conftest import IS_CFFI, live, read_stub, run_threads



class ReadOnly(collections.abc.Mapping):
    """A Mapping that is not a dict."""

    def __init__(self, d):
        self.d = d

    def __getitem__(self, k):
        return self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


# Reading and writing -----------------------------------------------------

def test_results_are_map_views(seqs):
    m = seqs.Counts(["a", "b", "a"])
    assert type(m).__name__ == "Map" and type(m).__module__ == "gopy"
    assert len(m) == 2
    assert m["a"] == 2 and m["b"] == 1
    assert type(m["a"]) is int


def test_missing_key_is_key_error(seqs):
    m = seqs.Counts(["a"])
    with pytest.raises(KeyError) as e:
        m["zz"]
    assert e.value.args == ("zz",)


def test_assignment_is_seen_by_go(seqs):
    m = seqs.Counts(["a", "b"])
    m["c"] = 5
    assert m["c"] == 5
    assert seqs.MapLen(m) == 3
    assert seqs.Keys(m) == ["a", "b", "c"]
    m["a"] = 7
    assert m["a"] == 7 and len(m) == 3


def test_del(seqs):
    m = seqs.Counts(["a", "b"])
    del m["a"]
    assert "a" not in m and len(m) == 1
    assert seqs.Keys(m) == ["b"]
    with pytest.raises(KeyError) as e:
        del m["a"]
    assert e.value.args == ("a",)


def test_wrong_key_type(seqs):
    m = seqs.Counts(["a"])
    with pytest.raises(TypeError) as e:
        m[1]
    assert str(e.value) == "map[string]int key must be str (Go string), not int"
    with pytest.raises(TypeError) as e:
        m[1] = 1
    assert str(e.value) == "map[string]int key must be str (Go string), not int"
    with pytest.raises(TypeError) as e:
        del m[3]
    assert str(e.value) == "map[string]int key must be str (Go string), not int"
    with pytest.raises(TypeError) as e:
        seqs.ByID()["x"]
    assert str(e.value) == "map[int]seqs.Point key must be int (Go int), not str"


def test_wrong_value_type(seqs):
    m = seqs.Counts(["a"])
    with pytest.raises(TypeError) as e:
        m["c"] = "x"
    assert str(e.value) == "map[string]int value must be int (Go int), not str"
    with pytest.raises(OverflowError):
        m["c"] = 2**63
    assert "c" not in m


def test_iteration_and_snapshots(seqs):
    m = seqs.Counts(["a", "b", "a"])
    assert sorted(m) == ["a", "b"]
    assert sorted(iter(m)) == ["a", "b"]
    k = m.keys()
    assert type(k) is list and sorted(k) == ["a", "b"]
    assert sorted(m.values()) == [1, 2]
    assert sorted(m.items()) == [("a", 2), ("b", 1)]
    assert all(type(p) is tuple for p in m.items())
    assert dict(m.items()) == {k: m[k] for k in m.keys()}


def test_changing_the_map_while_iterating_is_allowed(seqs):
    m = seqs.Counts(["a", "b"])
    for k in m:
        m[k + "x"] = 1
    assert sorted(m) == ["a", "ax", "b", "bx"]
    for k in m:
        del m[k]
    assert len(m) == 0


def test_in(seqs):
    m = seqs.Counts(["a"])
    assert "a" in m and "z" not in m
    assert 1 not in m and None not in m and [1] not in m  # wrong type: no exception
    assert 1 in seqs.ByID() and "1" not in seqs.ByID()


def test_get(seqs):
    m = seqs.Counts(["a", "a"])
    assert m.get("a") == 2
    assert m.get("z") is None
    assert m.get("z", 7) == 7
    assert m.get(1) is None and m.get(1, 9) == 9


def test_pop(seqs):
    m = seqs.Counts(["a", "a", "b"])
    assert m.pop("a") == 2
    assert "a" not in m and seqs.MapLen(m) == 1
    with pytest.raises(KeyError):
        m.pop("a")
    assert m.pop("a", 3) == 3
    assert m.pop(1, 3) == 3


def test_setdefault(seqs):
    m = seqs.Counts([])
    assert m.setdefault("q", 4) == 4
    assert m.setdefault("q", 5) == 4
    assert m == {"q": 4}
    with pytest.raises(TypeError) as e:
        m.setdefault("r")  # None is not a Go int
    assert str(e.value) == "map[string]int value must be int (Go int), not NoneType"
    with pytest.raises(TypeError):
        m.setdefault(1, 1)
    assert m == {"q": 4}


def test_update(seqs):
    m = seqs.Counts([])
    m.update({"u": 1})
    m.update([("v", 2)])
    m.update(w=3)
    m.update({"x": 4}, y=5)
    m.update(seqs.Counts(["z"]))
    m.update()
    assert m == {"u": 1, "v": 2, "w": 3, "x": 4, "y": 5, "z": 1}
    assert seqs.Keys(m) == ["u", "v", "w", "x", "y", "z"]
    with pytest.raises(TypeError) as e:
        m.update({"z": "s"})
    assert str(e.value) == "map[string]int value must be int (Go int), not str"
    with pytest.raises(TypeError):
        m.update([1])
    with pytest.raises(TypeError):
        m.update(5)


def test_clear(seqs):
    m = seqs.Counts(["a", "b"])
    m.clear()
    assert len(m) == 0 and seqs.MapLen(m) == 0
    assert m == {}


def test_popitem(seqs):
    m = seqs.Counts(["a"])
    assert m.popitem() == ("a", 1)
    assert len(m) == 0
    with pytest.raises(KeyError):
        m.popitem()


def test_copy_and_dict(seqs):
    m = seqs.Counts(["a", "b", "a"])
    c = m.copy()
    assert type(c) is dict and c == {"a": 2, "b": 1}
    d = dict(m)
    assert d == {"a": 2, "b": 1}
    m["c"] = 3
    assert "c" not in c and "c" not in d
    c["z"] = 1
    assert "z" not in m


def test_equality(seqs):
    m = seqs.Counts(["a", "b", "a"])
    assert m == {"a": 2, "b": 1}
    assert {"a": 2, "b": 1} == m
    assert m != {"a": 2}
    assert m != {"a": 2, "b": 2}
    assert not (m != {"a": 2, "b": 1})
    assert m == seqs.Counts(["b", "a", "a"])
    assert m != seqs.Counts([])
    assert m == ReadOnly({"a": 2, "b": 1})
    assert seqs.Counts(["a"]) == seqs.Index({"a": 1})
    assert m != [("a", 2), ("b", 1)] and m != 5 and m != None  # noqa: E711
    assert seqs.Counts([]) == {}


def test_maps_are_mutable_mappings(seqs):
    m = seqs.Counts([])
    assert isinstance(m, collections.abc.MutableMapping)
    assert isinstance(m, collections.abc.Mapping)
    assert not isinstance(m, collections.abc.Sequence)
    assert issubclass(seqs.Index, collections.abc.MutableMapping)


def test_maps_are_unhashable(seqs):
    with pytest.raises(TypeError):
        hash(seqs.Counts([]))
    with pytest.raises(TypeError):
        hash(seqs.Index())


def test_repr(seqs):
    assert repr(seqs.Counts(["a"])) == "map[string]int({'a': 1})"
    assert repr(seqs.Counts([])) == "map[string]int({})"
    assert repr(seqs.Groups()["odd"]) == "[]int([1, 3])"
    assert repr(seqs.Index({"a": 1})) == "seqs.Index({'a': 1})"
    m = seqs.MakeMap(10)
    r = repr(m)
    assert r.startswith("map[string]int({") and r.endswith("})") and "len=" not in r
    assert eval(r[len("map[string]int("):-1]) == dict(m)
    r = repr(seqs.MakeMap(100))
    assert r.startswith("map[string]int({") and r.endswith(", ...}, len=100)")
    assert len(eval(r[len("map[string]int("):-len(", ...}, len=100)")] + "}")) == 10
    assert repr(seqs.ByID()) in (
        "map[int]seqs.Point({1: seqs.Point(X=1, Y=1), 2: seqs.Point(X=2, Y=4)})",
        "map[int]seqs.Point({2: seqs.Point(X=2, Y=4), 1: seqs.Point(X=1, Y=1)})")


def test_map_views_cannot_be_created_directly(seqs):
    with pytest.raises(TypeError) as e:
        type(seqs.Counts([]))()
    assert str(e.value) == ("cannot create gopy.Map instances: "
                            "Go functions, fields and variables return them")


# Arguments ---------------------------------------------------------------

def test_a_map_view_argument_is_the_same_map(seqs):
    m = seqs.Counts(["a"])
    seqs.AddKey(m, "k")
    assert m["k"] == 1 and len(m) == 2
    ix = seqs.Index({"a": 5})
    seqs.AddKey(ix, "j")  # same underlying type: no copy either
    assert ix.Get("j") == (1, True)


def test_any_mapping_is_converted(seqs):
    assert seqs.MapLen({"a": 1, "b": 2}) == 2
    assert seqs.Keys({"b": 1, "a": 2}) == ["a", "b"]
    assert seqs.MapLen(ReadOnly({"a": 1})) == 1
    assert seqs.Keys(ReadOnly({"z": 1, "y": 2})) == ["y", "z"]
    assert seqs.MapLen(types.MappingProxyType({"a": 1, "b": 2, "c": 3})) == 3
    assert seqs.MapLen({}) == 0
    assert seqs.MapLen(m={"a": 1}) == 1


def test_a_converted_mapping_is_a_copy(seqs):
    d = {"a": 1}
    seqs.AddKey(d, "k")
    assert d == {"a": 1}


def test_mapping_argument_errors(seqs):
    with pytest.raises(TypeError) as e:
        seqs.MapLen({"a": "x"})
    assert str(e.value) == "MapLen() argument 'm'['a'] must be int (Go int), not str"
    with pytest.raises(TypeError) as e:
        seqs.MapLen({1: 1})
    assert str(e.value) == "MapLen() argument 'm' key 1 must be str (Go string), not int"
    with pytest.raises(TypeError) as e:
        seqs.MapLen(ReadOnly({"a": None}))
    assert str(e.value) == "MapLen() argument 'm'['a'] must be int (Go int), not NoneType"
    for value, name in (([("a", 1)], "list"), ("abc", "str"), (5, "int")):
        with pytest.raises(TypeError) as e:
            seqs.MapLen(value)
        assert str(e.value) == ("MapLen() argument 'm' must be a mapping "
                                f"(Go map[string]int), not {name}")


# Element types -----------------------------------------------------------

def test_struct_values_are_copies(seqs):
    b = seqs.ByID()
    p = b[2]
    assert type(p) is seqs.Point and (p.X, p.Y) == (2, 4)
    p.X = 99  # Go map values are not addressable: a copy
    assert b[2].X == 2
    b[3] = seqs.Point(7, 7)
    assert b[3] == seqs.Point(7, 7) and len(b) == 3
    with pytest.raises(TypeError) as e:
        b[4] = 5
    assert str(e.value) == "map[int]seqs.Point value must be seqs.Point, not int"


def test_slice_values_are_views(seqs):
    g = seqs.Groups()
    odd = g["odd"]
    assert type(odd).__name__ == "Slice" and odd == [1, 3]
    odd[0] = 11
    assert g["odd"] == [11, 3]
    g["new"] = [1, 2, 3]
    assert g["new"] == [1, 2, 3]
    assert g == {"odd": [11, 3], "even": [2], "new": [1, 2, 3]}
    with pytest.raises(TypeError) as e:
        g["bad"] = ["x"]
    assert str(e.value) == "map[string][]int value[0] must be int (Go int), not str"


# Named map types ---------------------------------------------------------

def test_named_map_type(seqs):
    ix = seqs.Index({"a": 1})
    assert type(ix) is seqs.Index
    assert issubclass(seqs.Index, type(seqs.Counts([])))
    assert seqs.Index.__module__ == "seqs"
    assert ix["a"] == 1
    assert ix.Get("a") == (1, True)
    assert ix.Get("b") == (0, False)
    ix["b"] = 2
    assert ix.Get("b") == (2, True)
    assert seqs.MapLen(ix) == 2
    assert seqs.Index() == {} and len(seqs.Index()) == 0
    assert seqs.Index(ReadOnly({"x": 3})).Get("x") == (3, True)


def test_named_map_from_a_view_is_a_new_value(seqs):
    c = seqs.Counts(["a"])
    ix = seqs.Index(c)  # like dict(c): a copy, not Go's conversion
    ix["z"] = 1
    assert "z" not in c and ix == {"a": 1, "z": 1}


def test_named_map_constructor_errors(seqs):
    with pytest.raises(TypeError) as e:
        seqs.Index([("a", 1)])
    assert str(e.value) == "Index() argument 'mapping' must be a mapping (Go seqs.Index), not list"
    with pytest.raises(TypeError) as e:
        seqs.Index({1: 1})
    assert str(e.value) == "Index() argument 'mapping' key 1 must be str (Go string), not int"
    with pytest.raises(TypeError) as e:
        seqs.Index({"a": "b"})
    assert str(e.value) == "Index() argument 'mapping'['a'] must be int (Go int), not str"
    with pytest.raises(TypeError) as e:
        seqs.Index({}, {})
    assert str(e.value) == "Index() takes 1 positional argument but 2 were given"


def test_named_map_constructor_takes_mapping_by_keyword_as_the_stub_says(seqs):
    assert "def __init__(self, mapping: Mapping[str, int] = ...) -> None: ..." in read_stub(seqs)
    assert seqs.Index(mapping={"a": 1}) == {"a": 1}


# Fields and variables ----------------------------------------------------

def test_map_field_is_a_view_of_the_field(seqs):
    b = seqs.NewBag()
    tags = b.Tags
    assert tags == {"a": "x"}
    tags["b"] = "y"
    assert b.Tags == {"a": "x", "b": "y"}
    b.Tags = {"c": "z"}
    assert tags == {"c": "z"}  # it reads the field
    with pytest.raises(TypeError) as e:
        b.Tags = {"a": 1}
    assert str(e.value) == "seqs.Bag field 'Tags'['a'] must be str (Go string), not int"
    assert b.Tags == {"c": "z"}


def test_map_variable(seqs):
    saved = dict(seqs.Table)
    try:
        seqs.Table = {"one": 1}
        t = seqs.Table
        assert t == {"one": 1}
        seqs.Table["two"] = 2
        assert seqs.TableGet("two") == 2
        seqs.Table = {"x": 5}
        assert seqs.TableGet("x") == 5 and seqs.TableGet("two") == 0
        assert t == {"x": 5}
        with pytest.raises(TypeError):
            seqs.Table = {"x": "y"}
        assert repr(seqs.Table) == "map[string]int({'x': 5})"
    finally:
        seqs.Table = saved


def test_large_map_round_trip(seqs):
    m = seqs.MakeMap(100_000)
    assert len(m) == 100_000
    d = dict(m)
    assert d == {f"k{i}": i for i in range(100_000)}
    assert m == d
    assert seqs.MapLen(d) == 100_000
    assert seqs.Index(d).Get("k99999") == (99999, True)
    items = m.items()
    assert len(items) == 100_000 and dict(items) == d


def test_stub_map_types(seqs):
    pyi = read_stub(seqs)
    for line in (
        "def Counts(words: Iterable[str] | None) -> MutableMapping[str, int]:",
        "def MapLen(m: Mapping[str, int] | None) -> int:",
        "def Keys(m: Mapping[str, int] | None) -> Sequence[str]:",
        "def AddKey(m: Mapping[str, int] | None, k: str) -> None:",
        "def ByID() -> MutableMapping[int, Point]:",
        "def Groups() -> MutableMapping[str, Sequence[int]]:",
        "class Index(MutableMapping[str, int]):",
        "def __setitem__(self, key: str, value: int, /) -> None: ...",
        "def __iter__(self) -> Iterator[str]: ...",
        "def Get(self, k: str) -> tuple[int, bool]:",
        "    Tags: MutableMapping[str, str]\n",
        "Tags: Mapping[str, str] | None = ...",
        "\nTable: MutableMapping[str, int]\n",
    ):
        assert line in pyi, line


# Lifetime and threads ----------------------------------------------------

def test_map_views_release_their_handles(seqs):
    start = live(seqs)
    m = seqs.Counts(["a"])
    g = seqs.Groups()
    odd = g["odd"]
    it = iter(m)
    b = seqs.NewBag()
    tags = b.Tags
    assert live(seqs) > start
    del m, g, b
    assert list(it) == ["a"] and odd == [1, 3] and tags == {"a": "x"}
    del it, odd, tags
    assert live(seqs) == start
    for _ in range(1000):
        m = seqs.Counts(["a"])
        with pytest.raises(KeyError):
            m["z"]
        with pytest.raises(TypeError):
            m[1] = 1
        with pytest.raises(TypeError):
            seqs.MapLen({"a": "x"})
        m.update(b=2)
        dict(m), m.items(), repr(m)
    del m
    assert live(seqs) == start


# dict(view) reads keys() and then each key. The C-API module does that in
# C with the GIL held, so it is one snapshot; a cffi view's methods are
# Python, and other threads may run between them (items() is one call).
@pytest.mark.xfail(IS_CFFI, reason="dict(view) is not atomic on the cffi backend", strict=False)
def test_threads_share_a_map(seqs):
    start = live(seqs)
    shared = seqs.Counts(["fixed"] * 42)
    errors = []
    barrier = threading.Barrier(8)

    def worker(t):
        try:
            barrier.wait()
            for k in range(500):
                if t % 2:  # writers: a key's value is always its length
                    key = f"t{t}-{k % 20}"
                    shared[key] = len(key)
                    if k % 3 == 0:
                        shared.pop(key, None)
                    shared.update({key + "x": len(key) + 1})
                else:  # readers
                    assert shared["fixed"] == 42
                    assert shared.get("fixed") == 42 and "fixed" in shared
                    for key, value in shared.items():
                        assert value == (42 if key == "fixed" else len(key)), (key, value)
                    assert len(shared) >= 1
                    if k % 50 == 0:
                        assert dict(shared)["fixed"] == 42
                own = seqs.Counts(["a", "b"])
                seqs.AddKey(own, f"k{k}")
                assert seqs.Keys(own) == sorted(["a", "b", f"k{k}"])
        except BaseException as e:  # reported below
            errors.append((t, repr(e)))

    run_threads(worker)
    assert not errors, errors
    shared = None
    assert live(seqs) == start
