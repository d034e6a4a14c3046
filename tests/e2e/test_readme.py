"""The README's examples are executed, so what it shows stays true.

Each ```go block that declares a package is built with the real `gopy
build` (the suite's backend and interpreter) and the next ```python block
of `>>>` lines is run against it as a doctest. The usage synopsis is
checked against `gopy help`, and the make targets the README names exist.
"""
import os
import re
import subprocess
import sys

import pytest

from conftest import GOPY, ROOT, run_gopy

README = os.path.join(ROOT, "README.md")


def _blocks():
    """The README's fenced blocks as (language, text), in order."""
    with open(README) as f:
        text = f.read()
    return [(m.group(1), m.group(2)) for m in re.finditer(r"```(\w*)\n(.*?)```", text, re.S)]


def _examples():
    """(package name, Go source, Python session) for each Go block followed by a session."""
    found = []
    blocks = _blocks()
    for i, (lang, text) in enumerate(blocks):
        m = re.search(r"^package (\w+)", text, re.M)
        if lang != "go" or not m:
            continue
        session = next((t for lg, t in blocks[i + 1:] if lg == "python" and ">>>" in t), None)
        if session:
            found.append((m.group(1), text, session))
    return found


def test_readme_has_an_executed_example():
    assert _examples(), "the README lost its Go example and Python session"


@pytest.mark.parametrize("pkg,source,session", _examples(), ids=lambda v: v if isinstance(v, str) and v.isidentifier() else "")
def test_readme_example_runs(tmp_path, pkg, source, session):
    src = tmp_path / "src"
    src.mkdir()
    (src / "go.mod").write_text("module example.com/%s\n\ngo 1.21\n" % pkg)
    (src / (pkg + ".go")).write_text(source)
    out = tmp_path / "out"
    r = run_gopy("build", "-output", str(out), ".", cwd=str(src))
    assert r.returncode == 0, r.stdout + r.stderr
    script = tmp_path / "session.py"
    script.write_text(
        "import doctest, sys\n"
        "test = doctest.DocTestParser().get_doctest(open(sys.argv[1]).read(), {}, 'README', 'README.md', 0)\n"
        "runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)\n"
        "runner.run(test)\n"
        "sys.exit(1 if runner.failures else 0)\n")
    (tmp_path / "session.txt").write_text(session)
    env = dict(os.environ, PYTHONPATH=str(out))
    r = subprocess.run([sys.executable, str(script), str(tmp_path / "session.txt")],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def _usage_lines():
    blocks = _blocks()
    usage = next(t for lang, t in blocks if lang == "sh" and "gopy build [" in t)
    return [line.split() for line in usage.splitlines() if line.startswith("gopy ")]


def test_readme_usage_matches_gopy_help():
    listed = subprocess.run([GOPY, "help"], capture_output=True, text=True).stdout
    commands = re.findall(r"^\t(\w+) ", listed.split("Commands:")[1], re.M)
    lines = _usage_lines()
    assert sorted({w[1] for w in lines}) == sorted(commands)
    for words in lines:
        cmd = words[1]
        flags = set(re.findall(r"\[-(\w+)", " ".join(words)))
        if not flags:
            continue
        r = subprocess.run([GOPY, "help", cmd], capture_output=True, text=True)
        helped = set(re.findall(r"-(\w+)", r.stdout + r.stderr))
        assert flags <= helped, f"gopy help {cmd} lacks {flags - helped}"


def test_readme_make_targets_exist():
    with open(README) as f:
        named = set(re.findall(r"^make ([\w-]+)", f.read(), re.M))
    with open(os.path.join(ROOT, "Makefile")) as f:
        targets = set(re.findall(r"^([\w-]+):", f.read(), re.M))
    assert named and named <= targets, named - targets


def test_every_backend_is_tested():
    """The Makefile runs the suite for, and the golden test checks, every
    backend gopy has (src/backends.c), so a new backend is tested too."""
    r = run_gopy("build", "-backend", "no-such-backend", ".")
    m = re.search(r"choose (.*)", r.stderr)
    assert r.returncode != 0 and m, r.stderr
    have = re.split(r", | or ", m.group(1).strip())
    with open(os.path.join(ROOT, "Makefile")) as f:
        listed = re.search(r"^BACKENDS := (.*)$", f.read(), re.M).group(1).split()
    assert listed == have
    sys.path.insert(0, os.path.join(ROOT, "tests", "golden"))
    try:
        import run as golden
    finally:
        sys.path.pop(0)
    assert sorted(golden.FILES) == sorted(have)
