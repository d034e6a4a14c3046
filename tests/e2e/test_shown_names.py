"""Names in text a user reads: Python-visible text (reprs, class names,
the subject of messages) names the module as built (-name), Go-type text
(the "Go T" of messages, container reprs, go_type, gopy inspect) names
packages by their own names. The generated glue imports gopyfix as
pkg_gopyfix and text/template as template_1; neither alias may show."""
import re

import pytest

from conftest import run_gopy
from test_cli import import_and_run

ALIASES = re.compile(r"pkg_gopyfix|template_1")


def message(f, exc=Exception):
    with pytest.raises(exc) as e:
        f()
    text = str(e.value)
    assert not ALIASES.search(text), text
    return text


def test_reprs(gopyfix):
    assert repr(gopyfix.Point(X=1)) == "gopyfix.Point(X=1, Y=0)"
    assert repr(gopyfix.Points(1)) == "[]gopyfix.Point([gopyfix.Point(X=0, Y=0)])"
    assert repr(gopyfix.ByName()) == "map[string]gopyfix.Point({'a': gopyfix.Point(X=1, Y=0)})"
    assert repr(gopyfix.Vector([1, 2])) == "gopyfix.Vector([1.0, 2.0])"
    assert repr(gopyfix.Limit) == "gopyfix.Level(3)"
    assert repr(gopyfix.Origin) == "gopyfix.Point(X=0, Y=0)"


def test_messages_name_go_types_by_package_name(gopyfix):
    assert "out of range for Go gopyfix.Level (int8): 1000" in message(lambda: gopyfix.Raise(1000), OverflowError)
    assert "must be int (Go gopyfix.Level), not str" in message(lambda: gopyfix.Raise("x"), TypeError)
    assert "missing required argument 'l' (Go gopyfix.Level)" in message(lambda: gopyfix.Raise(), TypeError)
    assert "must be an iterable (Go gopyfix.Vector), not int" in message(lambda: gopyfix.Vector(5), TypeError)
    assert message(lambda: gopyfix.Points(1).__setitem__(0, 3), TypeError) == \
        "[]gopyfix.Point element must be gopyfix.Point, not int"
    assert message(lambda: gopyfix.ByName().__setitem__(0, 3), TypeError) == \
        "map[string]gopyfix.Point key must be str (Go string), not int"


def test_go_type_of_failures(gopyfix):
    with pytest.raises(gopyfix.GoError) as e:
        gopyfix.Fail()
    assert e.value.go_type == "*gopyfix.Oops"
    with pytest.raises(gopyfix.GoPanic) as p:
        gopyfix.Panic()
    assert p.value.go_type == "gopyfix.Point"


def test_inspect_shows_package_names():
    p = run_gopy("inspect", "./gopyfix")
    assert p.returncode == 0, p.stderr
    assert not ALIASES.search(p.stdout), p.stdout
    assert "bound: func Points(n int) []gopyfix.Point" in p.stdout
    assert "bound: type gopyfix.Vector ([]float64)" in p.stdout
    # Two packages of one name: their submodules are named by import path.
    assert ("bound: type template.Template (struct) as gopyfix.text_template.Template, from package "
            "text/template, 1 type away from the API") in p.stdout
    assert ("bound: type template.Template (struct) as gopyfix.html_template.Template, from package "
            "html/template, 1 type away from the API") in p.stdout
    assert "bound: func Templates(a *template.Template, b *template.Template)" in p.stdout
    p = run_gopy("inspect", "-records", "./gopyfix")
    assert 'import pkg_gopyfix "gopy.test/gopyfix" "gopyfix"\n' in p.stdout
    assert 'import template_1 "text/template" "template"\n' in p.stdout


def test_name_flag_renames_every_python_visible_name(tmp_path):
    """-name fz2: classes, reprs and messages say fz2; Go types stay gopyfix."""
    p = run_gopy("build", "-name", "fz2", "-output", str(tmp_path), "./gopyfix")
    assert p.returncode == 0, p.stderr
    code = r'''
import fz2

def err(f):
    try:
        f()
    except Exception as e:
        return str(e)

print(repr(fz2.Point(X=1)))
print(repr(fz2.Points(1)))
print(repr(fz2.Vector([1.0])))
print(repr(fz2.Limit))
print(fz2.Point.__module__, fz2.Vector.__module__, fz2.Level.__module__, fz2.GoError.__module__)
print(err(lambda: fz2.Norm1(1)))
print(err(lambda: fz2.Grid([1])))
print(err(lambda: setattr(fz2, "Origin", 5)))
print(err(lambda: setattr(fz2.Point(), "X", "a")))
print(err(lambda: fz2.Raise("x")))
'''
    r = import_and_run(tmp_path, code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "fz2.Point(X=1, Y=0)",
        "[]gopyfix.Point([fz2.Point(X=0, Y=0)])",
        "fz2.Vector([1.0])",
        "fz2.Level(3)",
        "fz2 fz2 fz2 fz2",
        "Norm1() argument 'p' must be fz2.Point, not int",
        "Grid() argument 'ps'[0] must be fz2.Point, not int",
        "variable fz2.Origin must be fz2.Point, not int",
        "fz2.Point field 'X' must be int (Go int), not str",
        "Raise() argument 'l' must be int (Go gopyfix.Level), not str",
    ]
