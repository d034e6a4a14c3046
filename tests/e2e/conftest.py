"""Shared fixtures for the end-to-end tests.

Every Go package under tests/e2e/go is built with the real `gopy build`
at most once per test run (all builds start together in the background the
first time any module is needed) into build/e2e/<package>, and imported
from there. Every build is for the interpreter running the tests
(sys.executable), so `pypy3 -m pytest tests/e2e` tests the PyPy build, and
for the backend GOPY_BACKEND names (capi or cffi; unset: gopy's default for
the interpreter, cffi on PyPy), so one suite tests both backends.
"""
import importlib
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOPY = os.path.join(ROOT, "build", "gopy")
GO_DIR = os.path.join(ROOT, "tests", "e2e", "go")
IS_PYPY = sys.implementation.name == "pypy"
BACKEND = os.environ.get("GOPY_BACKEND") or ("cffi" if IS_PYPY else "capi")
IS_CFFI = BACKEND == "cffi"
# One output tree per implementation and backend: runs do not share builds.
OUT_DIR = os.path.abspath(os.environ.get("GOPY_E2E_OUT") or os.path.join(
    ROOT, "build", "e2e-%s-%s" % (sys.implementation.name, BACKEND)))
# `make e2e-asan` preloads AddressSanitizer's runtime. Freed memory then
# waits in its quarantine, so RSS growth says nothing about leaks there.
UNDER_ASAN = "libasan" in os.environ.get("LD_PRELOAD", "")
rss_is_meaningful = pytest.mark.skipif(UNDER_ASAN, reason="AddressSanitizer's quarantine grows RSS")
PACKAGES = ["basics", "errs", "skips", "shapes", "named", "pkgvars", "seqs", "lifecycle", "gopyfix", "names", "keywords", "convs", "strnamed", "ifaces", "callbacks", "ifacecont", "errclass", "stdtypes", "foreign", "iostreams", "ctxpkg", "multi"]
# What `gopy build` is given for a module that is not one package of the
# same name: several packages bound as one module (by default, ./NAME).
BUILD_ARGS = {"multi": ["-name", "multi", "./multi/a", "./multi/b"]}

_builds = {}


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a full-size stress run, skipped unless GOPY_SLOW=1")


def _start_builds():
    if _builds:
        return
    if not os.access(GOPY, os.X_OK):
        pytest.exit(f"{GOPY} is missing: run `make` first", returncode=2)
    for pkg in PACKAGES:
        out = os.path.join(OUT_DIR, pkg)
        os.makedirs(out, exist_ok=True)
        log = open(os.path.join(OUT_DIR, pkg + ".log"), "w+")
        proc = subprocess.Popen([GOPY, "build", "-python", sys.executable, "-backend", BACKEND,
                                 "-output", out, *BUILD_ARGS.get(pkg, ["./" + pkg])], cwd=GO_DIR,
                                stdout=log, stderr=subprocess.STDOUT)
        _builds[pkg] = (proc, log, out)


def build_output(pkg):
    """Waits for pkg's build and returns (output dir, build log text)."""
    _start_builds()
    proc, log, out = _builds[pkg]
    code = proc.wait()
    log.seek(0)
    text = log.read()
    if code != 0:
        args = " ".join(BUILD_ARGS.get(pkg, ["./" + pkg]))
        pytest.fail(f"gopy build {args} failed ({code}):\n{text}")
    return out, text


def load(pkg):
    out, _ = build_output(pkg)
    if out not in sys.path:
        sys.path.insert(0, out)
    return importlib.import_module(pkg)


def _module_fixture(pkg):
    @pytest.fixture(scope="session", name=pkg)
    def fixture():
        return load(pkg)
    return fixture


# One session fixture per test package: `def test_x(basics): ...`
for _pkg in PACKAGES:
    globals()[_pkg] = _module_fixture(_pkg)


def run_threads(worker, n=8):
    """Runs worker(i) in n threads at once and waits for them all."""
    import threading
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def read_stub(module):
    """The text of the .pyi gopy wrote beside a built module."""
    base = os.path.basename(module.__file__)
    # A package (cffi, or a module with submodules): NAME/__init__.pyi.
    stub = "__init__.pyi" if base.startswith("__init__.") else module.__name__ + ".pyi"
    path = os.path.join(os.path.dirname(module.__file__), stub)
    with open(path) as f:
        return f.read()



# PyPy's cpyext (7.3.11) drops the docstrings of the methods and getset
# descriptors of a class made from a spec, and with them the methods'
# __text_signature__, so inspect.signature fails on them (getsets:
# pypy/pypy#4898, fixed in 7.3.16; methods: pypy/pypy#5368). Module-level
# functions and the classes themselves keep theirs.
# A Python class exports a buffer (memoryview(view)) only on PyPy and, by
# PEP 688's __buffer__, on CPython 3.12+; numpy.asarray works everywhere.
needs_buffer_export = pytest.mark.skipif(
    IS_CFFI and not IS_PYPY and sys.version_info < (3, 12),
    reason="a cffi view exports its buffer only on PyPy or CPython 3.12+ (PEP 688)")

pypy_drops_member_docs = pytest.mark.xfail(
    IS_PYPY and not IS_CFFI, reason="PyPy's cpyext drops the docs and text signatures of methods and getsets")


def collect():
    """Frees what is unreachable. On PyPy an object of a C extension (cpyext)
    and a buffer export outlive their Python proxy by a collection or more,
    so it collects a few times (one leaves handles behind)."""
    import gc
    gc.collect()
    if IS_PYPY:
        for _ in range(4):
            gc.collect()


def live(module):
    """The number of Go values module's Python objects hold, after a collection."""
    collect()
    return module._gopy.live_handles()


def assert_churn_leaves_no_trace(module, churn, warmup, n, max_growth_kib, what, rounds=3):
    """Runs churn(module, count) for a warm-up, then n at a time: the live
    handles must come back to where they started after each, and RSS must
    stop growing. A leak grows RSS by about the same amount every round; the
    heaps' own growth (PyPy's collector, whose thresholds depend on all the
    process did before, and Go's) levels off. So a round that grows less than
    max_growth_kib passes, and rounds rounds that all grow more fail.
    Under AddressSanitizer only the handles are checked."""
    start = live(module)
    churn(module, warmup)  # let every allocator reach its steady state
    assert live(module) == start
    if UNDER_ASAN:
        return
    growth = []
    for _ in range(rounds):
        rss_before = rss_kib()
        churn(module, n)
        assert live(module) == start
        growth.append(rss_kib() - rss_before)
        if growth[-1] < max_growth_kib:
            return
    raise AssertionError(f"RSS grew by {growth} KiB in {rounds} rounds of {n:,} {what}")


def rss_kib():
    """The resident set size of this process, in KiB."""
    import resource
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() // 1024


def run_gopy(*args, cwd=GO_DIR, env=None, timeout=600):
    """Runs build/gopy and returns the CompletedProcess (text mode). On PyPy,
    a build without -python is for PyPy (on CPython the default, python3,
    stays tested); a build without -backend is for the suite's backend."""
    building = args and args[0] in ("build", "bind")
    if building and IS_PYPY and not any(a.lstrip("-").startswith("python") for a in args):
        args = (args[0], "-python", sys.executable, *args[1:])
    if building and not any(a.lstrip("-").startswith("backend") for a in args):
        args = (args[0], "-backend", BACKEND, *args[1:])
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run([GOPY, *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout)
