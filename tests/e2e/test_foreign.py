"""Other packages' types (package foreign, using its subpackage units and
io/fs and time of the standard library): each type the API reaches is a
class of a submodule named after its Go package, foreign.units.Point, bound
with its fields and methods as the package's own types are, and one class
wherever it appears."""
import datetime
import os
import pickle
import subprocess
import sys

import pytest

from conftest import GO_DIR, GOPY, IS_CFFI, read_stub


def test_submodules_are_modules(foreign):
    import types
    assert isinstance(foreign.units, types.ModuleType)
    assert foreign.units.__name__ == "foreign.units"
    assert sys.modules["foreign.units"] is foreign.units
    import foreign.fs
    from foreign.time import Month
    assert Month is foreign.time.Month
    assert foreign.fs.FileMode.__module__ == "foreign.fs"


def test_class_names(foreign):
    P = foreign.units.Point
    assert (P.__name__, P.__qualname__, P.__module__) == ("Point", "Point", "foreign.units")
    assert repr(P(1, 2)) == ("foreign.units.Point(X=foreign.units.Meters(1.0), "
                             "Y=foreign.units.Meters(2.0), Label='')")


def test_only_reachable_types_and_no_functions(foreign):
    names = {n for n in dir(foreign.units) if not n.startswith("_")}
    assert names == {"Box", "Corner", "Meters", "Path", "Point", "RangeError", "Shape", "Square", "Tag"}
    assert not hasattr(foreign.units, "Helper")  # a function of the other package
    assert {n for n in dir(foreign.time) if not n.startswith("_")} == {"Month", "Weekday"}
    assert not hasattr(foreign, "_units__Point") or IS_CFFI  # the cffi module's private global


def test_one_class_everywhere(foreign):
    P = foreign.units.Point
    assert type(foreign.Origin()) is P
    r = foreign.Route(From=P(1, 1))
    assert type(r.From) is P and type(r.To) is P
    path = foreign.units.Path([P(0, 0), P(1, 2)])
    assert type(path[1]) is P
    assert type(foreign.Shift(P(), 1).X) is foreign.units.Meters


def test_struct_fields_and_methods(foreign):
    u = foreign.units
    p = foreign.Origin()
    assert (p.X, p.Y, p.Label) == (0, 0, "origin")
    assert p.Dist(u.Point(3, 4)) == 7
    assert str(p.Dist(u.Point(3, 4))) == "7m"
    p.Move(1, 2)  # a pointer receiver: the instance itself moves
    assert (p.X, p.Y) == (1, 2)
    q = foreign.Shift(p, 10)  # by value: p is unchanged
    assert (q.X, q.Y, p.X) == (11, 12, 1)


def test_pointer_parameter_writes_through(foreign):
    q = foreign.units.Point(1, 2, "q")
    foreign.Walk(q, 5)
    assert (q.X, q.Y, q.Label) == (6, 2, "q")
    assert foreign.Nowhere() is None
    with pytest.raises(foreign.GoPanic, match="nil pointer"):
        foreign.Walk(None, 1)


def test_named_basic_and_slice(foreign):
    u = foreign.units
    m = u.Meters(2.5)
    assert isinstance(m, float) and m == 2.5 and str(m) == "2.5m"
    assert foreign.Total([u.Point(0, 0), u.Point(1, 1), u.Point(1, 3)]) == 4
    path = u.Path([u.Point(0, 0), u.Point(3, 0)])
    assert path.Length() == 3 and foreign.Total(path) == 3


def test_interface_of_another_package(foreign):
    u = foreign.units
    s = foreign.Square(2)
    assert type(s) is u.Square and isinstance(s, u.Shape)
    assert (s.Area(), s.Name()) == (4.0, "square")
    assert foreign.AreaOf(s) == 4.0

    class Circle:
        def Area(self):
            return 3.0

        def Name(self):
            return "circle"

    assert foreign.AreaOf(Circle()) == 3.0

    class Broken:
        def Area(self):
            raise ValueError("no area")

        def Name(self):
            return "broken"

    with pytest.raises(ValueError, match="no area"):
        foreign.AreaOf(Broken())
    with pytest.raises(TypeError):
        foreign.AreaOf(42)


def test_error_class_of_another_package(foreign):
    u = foreign.units
    with pytest.raises(u.RangeError) as ei:
        foreign.Check(5, 3)
    e = ei.value
    assert isinstance(e, foreign.GoError)
    assert (e.Value, e.Max, str(e)) == (5, 3, "5 is out of range (max 3)")
    assert e.go_type == "*units.RangeError"
    assert foreign.Check(1, 3) is None
    assert foreign.AsRange(e).Value == 5
    made = u.RangeError(Value=9, Max=1)
    assert foreign.AsRange(made).Max == 1
    assert foreign.AsRange(ValueError("plain")) is None
    with pytest.raises(u.RangeError):
        raise made


def test_std_named_types(foreign):
    fs, time = foreign.fs, foreign.time
    perm = foreign.Perm(0o40755)
    assert type(perm) is fs.FileMode and perm == 0o755
    assert str(perm) == "-rwxr-xr-x"
    assert fs.FileMode(1 << 31 | 0o755).IsDir() and not perm.IsDir()  # Go's ModeDir
    when = datetime.datetime(2024, 3, 1, tzinfo=datetime.timezone.utc)
    month, day = foreign.MonthOf(when), foreign.DayOf(when)
    assert type(month) is time.Month and month == 3 and str(month) == "March"
    assert type(day) is time.Weekday and day == 5 and str(day) == "Friday"
    assert repr(day) == "foreign.time.Weekday(5)"


def test_deep_types_are_bound(foreign):
    box = foreign.NewBox("x")
    assert type(box) is foreign.units.Box
    assert box.Corner.Tag.Name == "x"
    box.Corner.Tag.Name = "y"  # a view into the box
    assert box.Corner.Tag.Name == "y"


def test_wrong_types(foreign):
    with pytest.raises(TypeError, match=r"Shift\(\) argument 'p' must be foreign\.units\.Point, not int"):
        foreign.Shift(1, 2)
    with pytest.raises(TypeError, match=r"Point\(\) argument 'X' must be float"):
        foreign.units.Point(X="a")
    with pytest.raises(TypeError):
        foreign.Perm("rwx")
    with pytest.raises(OverflowError):
        foreign.Perm(1 << 40)


def test_copy_and_pickle(foreign):
    import copy
    u = foreign.units
    p = u.Point(1, 2, "p")
    q = copy.deepcopy(p)
    assert type(q) is u.Point and (q.X, q.Y, q.Label) == (1, 2, "p") and q is not p
    m = pickle.loads(pickle.dumps(u.Meters(3)))  # found again as foreign.units.Meters
    assert type(m) is u.Meters and m == 3


def test_stubs(foreign):
    init = read_stub(foreign)
    assert "from . import units as units" in init
    assert "def Origin() -> units.Point:" in init
    assert "class Route:" in init and "From: units.Point" in init
    with open(os.path.join(os.path.dirname(foreign.__file__), "units.pyi")) as f:
        units = f.read()
    assert '"""Types of the Go package gopy.test/foreign/units that the module foreign uses."""' in units
    assert "class Point:" in units and "def Dist(self, q: units.Point) -> units.Meters:" in units
    assert "class RangeError(GoError):" in units
    compile(units, "units.pyi", "exec")


def _inspect(*args):
    return subprocess.run([GOPY, "inspect", *args, "./foreign"], cwd=GO_DIR,
                          capture_output=True, text=True, timeout=300)


def test_inspect_says_where_types_come_from():
    r = _inspect()
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert ("bound: type units.Point (struct) as foreign.units.Point, from package "
            "gopy.test/foreign/units, 1 type away from the API") in out
    assert "bound: type units.Tag (struct) as foreign.units.Tag, from package gopy.test/foreign/units, " \
           "3 types away from the API" in out
    assert "other packages' types bound: 12 types of 3 other packages (gopy.test/foreign/units 9, " \
           "io/fs 1, time 2)" in out
    assert "Helper" not in out
    assert "bound: alias Place = units.Point (the class foreign.units.Point)" in out
    assert ("skipped: foreign.Count (foreign.go:87): alias of int, which has no class: "
            "use the type itself") in out


def test_depth_limits_the_closure():
    r = _inspect("-depth", "2")
    assert r.returncode == 0, r.stderr
    assert "units.Tag (struct) as" not in r.stdout
    assert ("skipped: units.Corner.Tag (gopy.test/foreign/units): type units.Tag is beyond -depth 2 "
            "(3 types away from the API)") in r.stdout
    assert "1 more beyond -depth 2" in r.stdout
    r = _inspect("-depth", "0")
    assert r.returncode == 2 and "-depth wants a whole number from 1, not 0" in r.stderr


def test_type_aliases_name_the_class(foreign):
    assert foreign.Place is foreign.units.Point
    assert foreign.Itinerary is foreign.Route
    assert not hasattr(foreign, "Count")  # an alias of int: no class to name
    assert "Place = units.Point" in read_stub(foreign)
