"""Go names Python cannot take as they are (pyname.h): keywords, a method's
parameter named self, parameters named like the generated code's own
names. One rule renames every kind of name, on both backends and in the
stub; a renamed name never takes a Go name's spelling."""
import ast
import inspect
import os
import re
import shutil

import pytest

from conftest import (IS_CFFI, PACKAGES, build_output, pypy_drops_member_docs, read_stub,
                      run_gopy)


def test_keyword_declarations_get_a_trailing_underscore(names, keywords):
    assert names.True_2 == 1          # const True: True_ is Go's own name
    assert names.True_ == 11
    assert names.False_ == 2          # var False
    assert keywords.False_ == "no"    # const False
    assert keywords.None_2(1) == 2    # func None: None_ is Go's own variable
    assert keywords.None_ == 7
    for module, name in [(names, "True"), (names, "False"), (names, "None"), (keywords, "None")]:
        assert not hasattr(module, name)


def test_variable_named_like_a_keyword_reads_and_writes_go(names):
    names.False_ = 40
    assert names.False_ == 40
    with pytest.raises(TypeError, match=r"variable names\.False_ must be int"):
        names.False_ = "x"
    assert "False_" in dir(names)


def test_struct_class_named_like_a_keyword(names):
    n = names.None_(True_=1, False_="f", Plain=2)
    assert type(n).__name__ == "None_"
    assert (n.True_, n.False_, n.Plain) == (1, "f", 2)
    n.True_ = 5
    assert n.None_() == 7              # a method named like a keyword and like its class
    assert repr(n) == "names.None_(True_=5, False_='f', Plain=2)"
    assert names.Keep(n) == n
    with pytest.raises(TypeError, match=r"None_\(\) argument 'True_' must be int"):
        names.None_(True_="x")
    with pytest.raises(TypeError):
        names.None_(**{"True": 1})


def test_receiver_keeps_self(names):
    n = names.None_(True_=1)
    assert n.Self(5) == 105
    assert n.Self(self_=5) == 105
    with pytest.raises(TypeError, match=r"None_\.Self\(\) missing required argument 'self_'"):
        n.Self()
    with pytest.raises(TypeError):
        n.Self(self=5)


def test_parameters_named_like_generated_names(names):
    n = names.None_(True_=1)
    assert n.Pair(2, 3) == 123         # _h_self used to be the receiver's handle
    assert n.Pair(a=2, arg_h_self=3) == 123
    assert names.Internals(1, 2, 3, 4, 5, 6) == 123456
    assert names.Internals(arg_rt=1, arg_lib=2, arg_MISSING=3, arg_ffi=4, arg_va=5, arg_extra=6) == 123456
    assert names.Spread(1, 2, 3) == 1005
    assert names.Locals(names.None_(True_=9), 1, 2, "out", 3, 4) == "9 1 2 out 3 4"
    with pytest.raises(TypeError, match=r"Internals\(\) missing required argument 'arg_lib'"):
        names.Internals(1)
    with pytest.raises(TypeError, match="unexpected keyword argument '_rt'"):
        names.Internals(_rt=1)
    with pytest.raises(TypeError, match=r"Locals\(\) argument 'a' must be names\.None_, not int"):
        names.Locals(1, 2, 3, "", 4, 5)


def test_parameters_named_like_keywords_and_builtins(names):
    assert names.Keywords(1, 2, 3, "s") == "s:123"
    assert names.Keywords(from_2=1, lambda_=2, from_=3, self="s") == "s:123"
    assert (names.Builtins("s", 1, 2.5, True, 1 + 2j, "obj", 3, 4, 5, 6)
            == "s 1 2.5 true (1+2i) obj 3 4 5 6")
    # The overflow path catches OverflowError while a parameter has its name.
    with pytest.raises(OverflowError, match=r"Builtins\(\) argument 'int' out of range for Go int"):
        names.Builtins("s", 2**70, 2.5, True, 1 + 2j, "obj", 3, 4, 5, 6)
    with pytest.raises(TypeError, match=r"Keywords\(\) argument 'self' must be str"):
        names.Keywords(1, 2, 3, 4)


def test_named_basic_class_named_like_a_keyword(names, keywords):
    t = keywords.Flip(2)
    assert type(t) is keywords.True_ and t == -2
    assert repr(t) == "keywords.True_(-2)"
    assert t.None_(3) == -17
    assert keywords.True_(1).None_(self_=2) == 12
    with pytest.raises(TypeError, match=r"True_\.None_\(\) argument 'self_' must be int"):
        t.None_("x")
    level = names.Level(3)
    assert level.Plus(4) == 7 and type(level.Plus(names.Level(4))) is names.Level
    assert level.Scale(1.5, "x") == "4.5 x"
    with pytest.raises(TypeError, match=r"Level\.Plus\(\) argument 'Level' must be int"):
        level.Plus("x")


def test_field_named_like_its_class(names):
    n = names.None_(True_=9)
    h = names.Holder(Holder=5, None_=n)
    assert h.Value() == 5 and h.None_.True_ == 9
    assert repr(h) == "names.Holder(Holder=5, None_=names.None_(True_=9, False_='', Plain=0))"


def test_function_signatures(names, keywords):
    sig = lambda f: str(inspect.signature(f))
    assert sig(names.Internals) == "(arg_rt, arg_lib, arg_MISSING, arg_ffi, arg_va, arg_extra)"
    assert sig(names.Keywords) == "(from_2, lambda_, from_, self)"
    assert sig(names.Spread) == "(arg_rt, *arg_va)"
    assert sig(keywords.None_2) == "(True_)"


@pypy_drops_member_docs
def test_method_signatures(names, keywords):
    assert str(inspect.signature(names.None_.Self)) == "(self, /, self_)"
    assert str(inspect.signature(names.None_.Pair)) == "(self, /, a, arg_h_self)"
    assert str(inspect.signature(keywords.True_.None_)) == "(self, /, self_)"
    assert str(inspect.signature(names.Level.Plus)) == "(self, /, Level)"


def _stub_tree(module):
    return ast.parse(read_stub(module))


def _declared(tree):
    """The top-level names a stub declares, and each class's members."""
    top, members = set(), {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            top.add(node.name)
            members[node.name] = {n.name if isinstance(n, ast.FunctionDef) else n.target.id
                                  for n in node.body if isinstance(n, (ast.FunctionDef, ast.AnnAssign))}
        elif isinstance(node, ast.FunctionDef):
            top.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            top.add(node.target.id)
    return top, members


def test_stubs_parse_and_declare_the_python_names(names, keywords):
    top, members = _declared(_stub_tree(names))
    assert {"None_", "True_", "True_2", "False_", "Internals", "Keywords", "Holder", "Level"} <= top
    assert not {"None", "True", "False"} & top
    assert {"True_", "False_", "Plain", "None_", "Self", "Pair"} <= members["None_"]
    assert {"Holder", "None_", "Value"} <= members["Holder"]
    funcs = {n.name: n for n in _stub_tree(names).body if isinstance(n, ast.FunctionDef)}
    assert [a.arg for a in funcs["Internals"].args.args] == [
        "arg_rt", "arg_lib", "arg_MISSING", "arg_ffi", "arg_va", "arg_extra"]
    assert [a.arg for a in funcs["Keywords"].args.args] == ["from_2", "lambda_", "from_", "self"]
    top, members = _declared(_stub_tree(keywords))
    assert {"None_2", "None_", "False_", "True_", "Flip"} <= top
    assert "None_" in members["True_"]


@pytest.mark.parametrize("pkg", PACKAGES)
def test_every_stub_parses(pkg):
    out, _ = build_output(pkg)
    # A package (cffi, or a module with submodules: one stub each) or a module.
    pkgdir = os.path.join(out, pkg)
    paths = ([os.path.join(pkgdir, f) for f in os.listdir(pkgdir) if f.endswith(".pyi")]
             if os.path.isdir(pkgdir) else [os.path.join(out, pkg + ".pyi")])
    assert paths
    for path in paths:
        with open(path) as f:
            ast.parse(f.read(), path)


def test_stub_imports_survive_go_names_spelled_like_them(keywords):
    """A Go type Sequence and a constant Final would hide the stub's own
    imports of collections.abc.Sequence and typing.Final: the stub then
    imports those modules and qualifies the annotations."""
    text = read_stub(keywords)
    assert "import collections.abc as _abc" in text
    assert "import typing as _typing" in text
    assert "from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping\n" in text
    assert "class Sequence(_abc.Sequence[int]):" in text
    assert "def Evens(n: int) -> _abc.Sequence[int]:" in text
    assert "Final: _typing.Final[int]" in text
    ast.parse(text)
    assert keywords.Sequence([1, 2, 3]).Sum() == 6
    assert list(keywords.Evens(3)) == [0, 2, 4]
    assert keywords.Final == 3


@pytest.mark.skipif(not IS_CFFI, reason="the cffi backend's generated Python")
@pytest.mark.parametrize("pkg", PACKAGES)
def test_cffi_defs_use_only_underscore_names_besides_their_parameters(pkg):
    """The invariant that keeps Go parameter names from hiding what a def
    needs: no parameter begins with an underscore, and everything else a
    def with a Go-named parameter reads does (self apart: a parameter of
    that name is renamed in a method)."""
    out, _ = build_output(pkg)
    path = os.path.join(out, pkg, "__init__.py")
    own = {"self", "cls", "value", "other", "deep", "o", "sig", "idx", "path", "h", "v",
           "args", "kwargs", "mapping", "items"}  # gopy's own parameter names
    bad = []
    with open(path) as f:
        tree = ast.parse(f.read())
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        a = node.args
        params = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs}
        params |= {x.arg for x in (a.vararg, a.kwarg) if x}
        # A call taking a context binds its parameters itself, first thing
        # after the docstring (_rt.ctx_bind).
        for stmt in node.body[:2]:
            if isinstance(stmt, ast.Assign) and "_rt.ctx_bind(" in ast.unparse(stmt.value):
                params |= {n.id for n in ast.walk(stmt.targets[0]) if isinstance(n, ast.Name)}
        if params <= own:
            continue
        for stmt in node.body:
            for n in ast.walk(stmt):
                if isinstance(n, ast.Name) and n.id not in params and n.id[0] != "_" and n.id != "self":
                    bad.append(f"{node.name}: {n.id}")
    assert not bad


def test_building_the_names_packages_is_clean():
    for pkg in ("names", "keywords"):
        _, log = build_output(pkg)
        assert re.search(r"bound, 0 skipped", log), log


def test_generated_python_that_does_not_compile_is_a_gopy_bug(tmp_path):
    p = run_gopy("build", "-output", str(tmp_path), "./keywords", env={"GOPY_DEBUG_BREAK_PY": "1"})
    assert p.returncode == 1
    assert "SyntaxError" in p.stderr
    assert "the generated Python does not compile: this is a gopy bug" in p.stderr
    m = re.search(r"work directory is kept in (\S+)", p.stderr)
    assert m and os.path.isfile(os.path.join(m.group(1), "keywords.pyi"))
    assert not os.listdir(tmp_path)  # nothing installed
    shutil.rmtree(m.group(1))


def test_type_and_member_names_joined_by_underscores_stay_apart(names):
    """Joint.Part_Name and Joint_Part.Name, Joint.Run_Fast, Joint_Run.Fast and
    the function Joint_Run_Fast: the generated symbols join type and member
    with a double underscore, so none of them meet (it used to not compile)."""
    assert names.Joint(Part_Name=5).Part_Name == 5
    assert names.Joint_Part(Name=6).Name == 6
    assert names.Joint().Run_Fast() == 1
    assert names.Joint_Run().Fast() == 2
    assert names.Joint_Run_Fast() == 3


def test_a_view_class_and_a_function_spelled_like_its_tables(names):
    assert names.Bag_new() == 4
    assert list(names.Bag([1, 2])) == [1, 2]


def test_double_underscore_names_are_skipped_with_a_reason(skips):
    assert not hasattr(skips, "Double__Under") and not hasattr(skips, "Run__Fast")
    _, log = build_output("skips")
    for name in ("Double__Under", "Run__Fast"):
        assert re.search(r"skipped: skips\.%s \(symbols\.go:\d+\): names with a double underscore" % name, log), log
