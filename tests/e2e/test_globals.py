"""Package constants and variables as module attributes."""
import ast

import pytest

from conftest import build_output, pypy_drops_member_docs, read_stub, run_threads


def test_integer_constants_are_exact(pkgvars):
    assert pkgvars.Big == 2**100 and type(pkgvars.Big) is int
    assert pkgvars.NegBig == -(2**80)
    assert pkgvars.Small == -5 and type(pkgvars.Small) is int
    assert pkgvars.Letter == ord("é")


def test_float_complex_string_bool_constants(pkgvars):
    assert pkgvars.Pi == 3.141592653589793
    assert pkgvars.Huge == float("inf")
    assert pkgvars.Tiny == 0.10000000149011612  # float32(0.1), exactly as Go holds it
    assert pkgvars.Imag == 2 + 3j
    assert pkgvars.Greeting == "hi\x00there\udcff"
    assert pkgvars.Greeting.encode("utf-8", "surrogateescape") == b"hi\x00there\xff"
    assert pkgvars.Enabled is True


def test_typed_constants_are_instances(pkgvars):
    assert isinstance(pkgvars.High, pkgvars.Level)
    assert pkgvars.High == 2 and pkgvars.Low == 0 and pkgvars.Mid == 1
    assert str(pkgvars.High) == "high"
    assert repr(pkgvars.Low) == "pkgvars.Level(0)"


def test_variables_read_live_values(pkgvars):
    start = pkgvars.Counter
    assert pkgvars.Bump(5) == start + 5
    assert pkgvars.Counter == start + 5  # a change made by Go is seen


def test_variables_write_go(pkgvars):
    pkgvars.Counter = 10
    assert pkgvars.Bump(1) == 11
    pkgvars.Name = "ada ✓"
    assert pkgvars.ReadName() == "ada ✓"
    assert pkgvars.Name == "ada ✓"
    pkgvars.Ratio = 3  # ints are floats
    assert pkgvars.Ratio == 3.0 and type(pkgvars.Ratio) is float
    pkgvars.Threshold = pkgvars.Low
    assert pkgvars.ThresholdIs(pkgvars.Low)
    assert type(pkgvars.Threshold) is pkgvars.Level
    pkgvars.Threshold = 2  # a plain value of the underlying kind
    assert pkgvars.Threshold == pkgvars.High


def test_variable_assignment_errors(pkgvars):
    with pytest.raises(TypeError) as e:
        pkgvars.Counter = "x"
    assert str(e.value) == "variable pkgvars.Counter must be int (Go int), not str"
    with pytest.raises(OverflowError) as e:
        pkgvars.Counter = 2**64
    assert "variable pkgvars.Counter out of range for Go int" in str(e.value)
    with pytest.raises(TypeError):
        pkgvars.Name = None
    with pytest.raises(TypeError) as e:
        del pkgvars.Counter
    assert "cannot delete variable pkgvars.Counter" in str(e.value)
    assert hasattr(pkgvars, "Counter")


def test_struct_variable_is_a_view(pkgvars):
    o = pkgvars.Origin
    assert isinstance(o, pkgvars.Point)
    o.X = 40
    assert pkgvars.OriginSum() == 40 + pkgvars.Origin.Y
    pkgvars.Origin = pkgvars.Point(X=5, Y=6)  # assignment copies the value in
    assert pkgvars.OriginSum() == 11
    assert o.X == 5  # the earlier view still aliases the variable


def test_pointer_variable(pkgvars):
    pkgvars.Current = None
    assert pkgvars.Current is None and pkgvars.CurrentX() == -1
    pkgvars.SetCurrent(7)
    cur = pkgvars.Current
    assert cur.X == 7
    cur.X = 8
    assert pkgvars.CurrentX() == 8
    p = pkgvars.Point(X=3)
    pkgvars.Current = p
    p.X = 4
    assert pkgvars.CurrentX() == 4  # Go holds the same pointer


def test_container_variables_are_views(pkgvars):
    items = pkgvars.Items
    assert items == [1, 2, 3]
    pkgvars.Items[0] = 5
    assert pkgvars.Sums()[0] == 10
    pkgvars.GrowItems(4)  # Go reassigns the variable; the view reads it again
    assert len(items) == 4 and items[3] == 4
    pkgvars.Items = [1, 1]
    assert pkgvars.Sums()[0] == 2 and list(items) == [1, 1]
    with pytest.raises(TypeError) as e:
        pkgvars.Items = [1, "x"]
    assert str(e.value) == "variable pkgvars.Items[1] must be int (Go int), not str"
    pkgvars.Items = None  # nil
    assert list(pkgvars.Items) == []
    pkgvars.Items = [1, 1]

    pkgvars.Limits[1] = 2.5
    assert pkgvars.Sums()[1] == 3.0
    with pytest.raises(ValueError) as e:
        pkgvars.Limits = [1.0]
    assert str(e.value) == "variable pkgvars.Limits must have 2 elements (Go [2]float64), not 1"
    pkgvars.Limits = (1.0, 1.0)
    assert pkgvars.Sums()[1] == 2.0

    pkgvars.Ages["bob"] = 12
    assert pkgvars.Sums()[2] == 42
    pkgvars.Ages = {"cy": 1}
    assert dict(pkgvars.Ages) == {"cy": 1} and pkgvars.Sums()[2] == 1
    assert pkgvars.Names == ["x", "y"]
    pkgvars.Names[1] = "z"
    assert list(pkgvars.Names) == ["x", "z"]


def test_dir_docs_and_skips(pkgvars):
    names = dir(pkgvars)
    for name in ("Counter", "Name", "Origin", "Big", "High", "Bump", "Items", "Ages"):
        assert name in names, name
    assert "Unsupported" not in names
    _, log = build_output("pkgvars")
    assert "skipped: pkgvars.Unsupported (pkgvars.go:86): channel type chan int is not supported yet" in log
    doc = pkgvars.__doc__
    assert doc.startswith("Package pkgvars has package constants and variables.")
    assert "Counter (variable int)\n    Counter counts." in doc
    assert "Big (constant untyped int)\n    Big is larger than any Go integer type." in doc


@pypy_drops_member_docs
def test_variable_docs(pkgvars):
    assert "Origin is a struct variable." in pkgvars.__class__.Origin.__doc__


def test_stub_declares_constants_and_variables(pkgvars):
    pyi = read_stub(pkgvars)
    tree = ast.parse(pyi)
    ann = {n.target.id: ast.unparse(n.annotation) for n in tree.body if isinstance(n, ast.AnnAssign)}
    assert ann["Big"] == "Final[int]"
    assert ann["Pi"] == "Final[float]"
    assert ann["Imag"] == "Final[complex]"
    assert ann["Greeting"] == "Final[str]"
    assert ann["Enabled"] == "Final[bool]"
    assert ann["High"] == "Final[Level]"
    assert ann["Counter"] == "int"
    assert ann["Origin"] == "Point"
    assert ann["Current"] == "Point | None"
    assert ann["Items"] == "Sequence[int]"
    assert ann["Ages"] == "MutableMapping[str, int]"
    assert '"""Counter counts."""' in pyi


def test_threads_and_goroutines(pkgvars):
    pkgvars.StartBackground(4)
    errors = []

    def worker(i):
        try:
            for k in range(3000):
                pkgvars.Name = f"w{i}-{k}"
                assert pkgvars.Name.startswith("w")
                pkgvars.Counter = k
                assert isinstance(pkgvars.Counter, int)
                pkgvars.Origin.X = k
        except Exception as e:  # reported below
            errors.append(e)

    run_threads(worker)
    assert pkgvars.StopBackground() > 0
    assert not errors
    assert pkgvars.ReadName() == pkgvars.Name
