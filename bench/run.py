#!/usr/bin/env python3
"""gopy's benchmarks: `make bench`, or `python3 bench/run.py [--quick]`.

Builds the Go packages under bench/go with the real `build/gopy build`, the
baselines (a hand-written C extension over a c-shared Go library, a
hand-written cffi API-mode module over it, the same library through ctypes
and cffi's ABI mode, pure Python), times every case against its baselines in
one process, round-robin, and writes docs/benchmarks.md and
bench/results.json. Benchmarks are not tests: nothing here fails the run;
a case that errors is reported with its error. See bench/README.md.

Everything is built for the interpreter running this script (`gopy build
-python sys.executable`, the limit with its sysconfig): on PyPy (`make
bench-pypy`, `build/pypy-env/bin/python bench/run.py`) the builds go to
build/bench-pypy and the results to docs/benchmarks-pypy.md and
bench/results-pypy.json, so the CPython and PyPy runs never share anything.
"""
import argparse
import contextlib
import datetime
import importlib
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import timeit

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
GOPY = os.path.join(ROOT, "build", "gopy")
GODIR = os.path.join(BENCH, "go")
# "" on CPython, "-pypy" on PyPy: the build directory and output files of
# each implementation are its own.
IMPL = "" if sys.implementation.name == "cpython" else "-" + sys.implementation.name
OUT = os.path.join(ROOT, "build", "bench" + IMPL)
TABLE = os.path.join(ROOT, "docs", f"benchmarks{IMPL}.md")
RESULTS = os.path.join(BENCH, f"results{IMPL}.json")
# How the table says it was written.
RUN_CMD, MAKE_TARGET = (("python3 bench/run.py", "bench") if not IMPL else
                        (f"build/{sys.implementation.name}-env/bin/python bench/run.py", "bench" + IMPL))
# gopy's default backend for this interpreter ("gopy" in the tables) and
# the other one, measured beside it.
BACKEND, ALT_BACKEND = ("cffi", "capi") if IMPL == "-pypy" else ("capi", "cffi")
ALT = f"gopy, {ALT_BACKEND} backend"
# The Go toolchain must not fetch another toolchain (as gopy itself runs go).
GOENV = dict(os.environ, GOTOOLCHAIN="local", CGO_ENABLED="1")

import pyworkloads  # noqa: E402  (bench/ is sys.path[0])


def log(msg):
    print(f"bench: {msg}", flush=True)


# ---------------------------------------------------------------------------
# Third-party baselines
# ---------------------------------------------------------------------------

def ensure_deps():
    """numpy and cffi are baselines; install them with pip if missing."""
    missing = []
    for mod in ("numpy", "cffi"):
        try:
            importlib.import_module(mod)
        except ImportError:
            missing.append(mod)
    if not missing:
        return
    log(f"{' and '.join(missing)} missing: installing with "
        f"`{sys.executable} -m pip install {' '.join(missing)}`")
    r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing])
    importlib.invalidate_caches()
    if r.returncode != 0:
        log("pip failed: the cases that need " + ", ".join(missing) + " will report an error")


def optional_import(name):
    try:
        return importlib.import_module(name)
    except ImportError as e:
        return e


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------

def run(cmd, cwd=GODIR, env=GOENV):
    """Runs cmd; returns its output, or raises RuntimeError with its tail."""
    r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        tail = " / ".join(r.stdout.strip().splitlines()[-3:])
        raise RuntimeError(f"`{' '.join(cmd)}` failed ({r.returncode}): {tail}")
    return r.stdout


def import_from(dirname, name):
    sys.path.insert(0, dirname)
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(dirname)


def build_gopy_module(pkg, backend, name):
    """gopy build -python THIS_PYTHON -backend BACKEND -name NAME -output
    OUT/NAME ./PKG; returns (module, skipped lines). Each backend's build has
    its own module name, as both are imported into this process."""
    out = os.path.join(OUT, name)
    shutil.rmtree(out, ignore_errors=True)  # never import a stale build
    text = run([GOPY, "build", "-python", sys.executable, "-backend", backend, "-name", name,
                "-output", out, f"./{pkg}"])
    skipped = [line for line in text.splitlines() if line.startswith("skipped:")]
    return import_from(out, name), skipped


def build_limit():
    """The c-shared library of bench/go/climit and the extension bench/limit/limit.c
    linked to it; returns (path of the library, the limit module)."""
    out = os.path.join(OUT, "limit")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    lib = os.path.join(out, "libgobenchlimit.so")
    run(["go", "build", "-buildmode=c-shared", "-o", lib, "./climit"])
    cc = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    inc = sysconfig.get_paths()["include"]
    ext = os.path.join(out, "limit" + sysconfig.get_config_var("EXT_SUFFIX"))
    run([cc, "-O2", "-shared", "-fPIC", "-I" + inc, "-I" + out,
         os.path.join(BENCH, "limit", "limit.c"), "-o", ext,
         "-L" + out, "-lgobenchlimit", "-Wl,-rpath," + out], cwd=BENCH)
    return lib, import_from(out, "limit")


# The climit exports the cffi modules call, as libgobenchlimit.h declares them.
CFFI_CDEF = """
typedef long long GoInt64;
typedef double GoFloat64;
GoInt64 bench_add(GoInt64 a, GoInt64 b);
void bench_nop(void);
GoInt64 bench_point_new(GoFloat64 x, GoFloat64 y);
void bench_point_free(GoInt64 h);
GoFloat64 bench_point_sum(GoInt64 h);
GoFloat64 bench_point_get_x(GoInt64 h);
void bench_point_set_x(GoInt64 h, GoFloat64 v);
"""


def build_limit_cffi(lib):
    """"The limit on PyPy": a hand-written cffi out-of-line API-mode module,
    limit_cffi, compiled by cffi (ffi.set_source/compile) against
    libgobenchlimit.h and linked to libgobenchlimit.so (rpath). cffi releases
    the GIL around each call. Returns limit_cffi.lib."""
    import cffi
    libdir = os.path.dirname(lib)
    out = os.path.join(OUT, "limit_cffi")
    shutil.rmtree(out, ignore_errors=True)
    ffi = cffi.FFI()
    ffi.cdef(CFFI_CDEF)
    ffi.set_source("limit_cffi", '#include "libgobenchlimit.h"',
                   include_dirs=[libdir], library_dirs=[libdir], libraries=["gobenchlimit"],
                   extra_link_args=["-Wl,-rpath," + libdir])
    buf = io.StringIO()  # distutils' compiler lines; shown only on failure
    try:
        with contextlib.redirect_stdout(buf):
            ffi.compile(tmpdir=out)
    except Exception as e:
        tail = " / ".join(buf.getvalue().strip().splitlines()[-3:])
        raise RuntimeError(f"cffi compile of limit_cffi failed: {e}" + (f": {tail}" if tail else "")) from None
    return import_from(out, "limit_cffi").lib


def build_everything():
    """Builds gobench, the limit and the cffi API-mode limit and loads the
    baselines. Returns (env, gopy's skipped lines): env maps gobench, limit,
    limit_cffi, ctypes, cffi and numpy to the module, or to the exception
    that prevented it."""
    env = {"numpy": optional_import("numpy")}
    skipped = []
    for key, backend in (("gobench", BACKEND), ("gobench_alt", ALT_BACKEND)):
        log(f"building gopy build -backend {backend} ./gobench")
        try:
            env[key], skipped_here = build_gopy_module("gobench", backend,
                                                       "gobench" if key == "gobench" else "gobench_" + backend)
            skipped = skipped or skipped_here
        except Exception as e:  # noqa: BLE001
            log(f"  failed: {e}")
            env[key] = e
    log("building the limit: c-shared climit and bench/limit/limit.c")
    try:
        lib, env["limit"] = build_limit()
    except Exception as e:  # noqa: BLE001
        log(f"  failed: {e}")
        env["limit"] = env["limit_cffi"] = env["ctypes"] = env["cffi"] = e
        return env, skipped
    log("building the limit on PyPy: cffi API mode over the c-shared climit")
    for key, loader in (("limit_cffi", build_limit_cffi), ("ctypes", load_ctypes), ("cffi", load_cffi)):
        try:
            env[key] = loader(lib)
        except Exception as e:  # noqa: BLE001
            if key == "limit_cffi":
                log(f"  failed: {e}")
            env[key] = e
    return env, skipped


def load_ctypes(lib):
    import ctypes
    dll = ctypes.CDLL(lib)  # CDLL releases the GIL around each call
    dll.bench_add.argtypes = [ctypes.c_int64, ctypes.c_int64]
    dll.bench_add.restype = ctypes.c_int64
    dll.bench_nop.argtypes = []
    dll.bench_nop.restype = None
    return dll


def load_cffi(lib):
    import cffi
    ffi = cffi.FFI()
    ffi.cdef("int64_t bench_add(int64_t a, int64_t b); void bench_nop(void);")
    return ffi.dlopen(lib)  # ABI mode; releases the GIL around each call


# ---------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------

class NotBound(Exception):
    """gopy skipped the Go declaration (the feature has not landed yet)."""


class Stmt:
    """A statement to time, timeit-style: `code` runs in a loop inside a
    function whose locals are the entries of `ns`. An expression is also
    evaluated once before timing, which reports errors early."""

    def __init__(self, code, **ns):
        self.code, self.ns = code, ns

    def check(self):
        try:
            return eval(compile(self.code, "<bench>", "eval"), {}, dict(self.ns))
        except SyntaxError:
            exec(compile(self.code, "<bench>", "exec"), {}, dict(self.ns))
            return None

    def timer(self):
        setup = "\n".join(f"{k} = _ns[{k!r}]" for k in self.ns) or "pass"
        return timeit.Timer(self.code, setup, globals={"_ns": self.ns})


def calibrate(timer, target):
    """The loop count that makes one repetition last at least target seconds."""
    number = 1
    while True:
        for k in (1, 2, 5):
            n = number * k
            if timer.timeit(n) >= target:
                return n
        number *= 10


def measure(variants, reps, target):
    """Times the variants (label -> Stmt or exception) round-robin: each of
    `reps` rounds times every variant once, so drift hits them all alike.
    Returns label -> {best, median, number, reps} in seconds per loop, or
    {error}."""
    res, timers = {}, {}
    for label, st in variants.items():
        if isinstance(st, BaseException):
            res[label] = {"error": st}
            continue
        try:
            st.check()
            t = st.timer()
            timers[label] = (t, calibrate(t, target))
        except Exception as e:  # noqa: BLE001 (reported, not raised)
            res[label] = {"error": e}
    samples = {label: [] for label in timers}
    for rnd in range(reps):
        for label, (t, number) in list(timers.items()):
            try:
                if rnd:  # a fresh loop each round, so no one code object's luck decides
                    t = variants[label].timer()
                samples[label].append(t.timeit(number) / number)
            except Exception as e:  # noqa: BLE001
                res[label] = {"error": e}
                del timers[label]
    for label, (_, number) in timers.items():
        s = samples[label]
        res[label] = {"best": min(s), "median": statistics.median(s), "number": number, "reps": len(s)}
    return res


# ---------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------

class Case:
    """One benchmark: the gopy variant and its baselines, all built by
    make(env) as a dict label -> Stmt (or the exception that prevented it).
    The gopy variant's label is "gopy". `per` divides the time (for ns per
    element); `reps` overrides the repetition count; notes(env) may add a
    line to the table."""

    def __init__(self, name, desc, make, per=1, unit="op", reps=None, notes=None):
        self.name, self.desc, self.make = name, desc, make
        self.per, self.unit, self.reps, self.notes = per, unit, reps, notes
        self.notes_text = None


def gopy_fn(env, name, alt=False):
    """gobench.NAME (of the other backend's build with alt), or NotBound/the
    build error."""
    mod = env["gobench_alt" if alt else "gobench"]
    if isinstance(mod, BaseException):
        raise mod
    fn = getattr(mod, name, None)
    if fn is None:
        raise NotBound(f"gobench.{name} is not bound yet")
    return fn


def need(env, key):
    v = env[key]
    if isinstance(v, BaseException):
        raise v
    return v


def v(makers):
    """label -> Stmt from label -> thunk; a thunk that raises gives its error."""
    out = {}
    for label, thunk in makers.items():
        try:
            out[label] = thunk()
        except Exception as e:  # noqa: BLE001
            out[label] = e
    return out


N_BIG = 1_000_000
N_MAP = 100_000


LIMIT_CFFI = "limit on PyPy: hand-written cffi (API mode)"


def call_case(fn, args, plain_label, plain, stem):
    """gobench.<fn>(<args>) against every baseline: plain (pure Python),
    the limit's <stem>_gil and <stem>_nogil, and bench_<stem> of the
    limit's c-shared library through hand-written cffi, ctypes and cffi's
    ABI mode."""
    stmt = f"f({args})"

    def make(env):
        return v({
            "gopy": lambda: Stmt(stmt, f=gopy_fn(env, fn)),
            ALT: lambda: Stmt(stmt, f=gopy_fn(env, fn, alt=True)),
            plain_label: lambda: Stmt(stmt, f=plain),
            "limit, GIL held": lambda: Stmt(stmt, f=getattr(need(env, "limit"), stem + "_gil")),
            "limit, GIL released (as gopy)": lambda: Stmt(stmt, f=getattr(need(env, "limit"), stem + "_nogil")),
            LIMIT_CFFI: lambda: Stmt(stmt, f=getattr(need(env, "limit_cffi"), "bench_" + stem)),
            "ctypes on the c-shared library": lambda: Stmt(stmt, f=getattr(need(env, "ctypes"), "bench_" + stem)),
            "cffi ABI mode on the c-shared library":
                lambda: Stmt(stmt, f=getattr(need(env, "cffi"), "bench_" + stem)),
        })
    return make


def concat_case(total):
    def make(env):
        a, b = "a" * (total // 2), "b" * (total - total // 2)
        return v({
            "gopy": lambda: Stmt("f(a, b)", f=gopy_fn(env, "Concat"), a=a, b=b),
            ALT: lambda: Stmt("f(a, b)", f=gopy_fn(env, "Concat", alt=True), a=a, b=b),
            "pure Python `a + b`": lambda: Stmt("a + b", a=a, b=b),
            "limit, GIL released (as gopy)": lambda: Stmt("f(a, b)", f=need(env, "limit").concat, a=a, b=b),
        })
    return make


def gopy_point(env, alt=False):
    return gopy_fn(env, "Point", alt)


def point_case(gopy_code, py_code, limit_codes):
    """A case on a Point instance p (or the class P)."""
    def make(env):
        def gopy():
            P = gopy_point(env)
            return Stmt(gopy_code, P=P, p=P(1, 2))

        def gopy_alt():
            P = gopy_point(env, alt=True)
            return Stmt(gopy_code, P=P, p=P(1, 2))

        def py():
            return Stmt(py_code, P=pyworkloads.Point, p=pyworkloads.Point(1, 2))
        out = {"gopy": gopy, ALT: gopy_alt, "pure Python class": py}
        for label, code in limit_codes.items():
            def lim(code=code):
                P = need(env, "limit").Point
                return Stmt(code, P=P, p=P(1, 2))
            out[label] = lim
        return v(out)
    return make


N_CALLBACK = 10_000
LIMIT_CALLBACK = "limit: cgo -> C -> PyObject_CallOneArg (hand-written)"
GOPY_CONCRETE = "gopy, concrete method `p.Sum()` on a Point"


def callback_case(env):
    """Go calling Python: gobench.CallMany's loop calls pyworkloads.half
    N_CALLBACK times per call; per callback."""
    f, n = pyworkloads.half, N_CALLBACK
    return v({
        "gopy": lambda: Stmt("g(f, n)", g=gopy_fn(env, "CallMany"), f=f, n=n),
        ALT: lambda: Stmt("g(f, n)", g=gopy_fn(env, "CallMany", alt=True), f=f, n=n),
        LIMIT_CALLBACK: lambda: Stmt("g(f, n)", g=need(env, "limit").callback, f=f, n=n),
        "pure Python loop calling f": lambda: Stmt("g(f, n)", g=pyworkloads.call_many, f=f, n=n),
    })


def iface_method_case(env):
    """s.Sum() on an instance of the interface class Summer (a Go value of
    a type Python has no class for) against the concrete p.Sum()."""
    def gopy(alt=False):
        return Stmt("s.Sum()", s=gopy_fn(env, "NewSummer", alt)(1, 2))
    return v({
        "gopy": gopy,
        ALT: lambda: gopy(alt=True),
        GOPY_CONCRETE: lambda: Stmt("p.Sum()", p=gopy_point(env)(1, 2)),
        "limit, GIL released (concrete)": lambda: Stmt("p.Sum()", p=need(env, "limit").Point(1, 2)),
        "pure Python class": lambda: Stmt("p.Sum()", p=pyworkloads.Point(1, 2)),
    })


def pi_case(samples):
    def make(env):
        return v({
            "gopy": lambda: Stmt("f(n)", f=gopy_fn(env, "Pi"), n=samples),
            ALT: lambda: Stmt("f(n)", f=gopy_fn(env, "Pi", alt=True), n=samples),
            "pure Python, one process": lambda: Stmt("f(n)", f=pyworkloads.py_pi, n=samples),
            "multiprocessing Pool of 2 processes": lambda: Stmt(
                "f(pool, 2, n)", f=pyworkloads.mp_pi, pool=need(env, "pool"), n=samples),
        })
    return make


def sum_floats_case(env):
    np = need(env, "numpy")
    src = np.arange(N_BIG, dtype=np.float64)
    return v({
        "gopy": lambda: Stmt("f(src)", f=gopy_fn(env, "SumFloats"), src=src),
        ALT: lambda: Stmt("f(src)", f=gopy_fn(env, "SumFloats", alt=True), src=src),
        "numpy memcpy `dst[:] = src` (8 MB)": lambda: Stmt("dst[:] = src", src=src, dst=np.empty_like(src)),
        "limit (buffer passed in place, zero copy)": lambda: Stmt("f(src)", f=need(env, "limit").sum_floats, src=src),
        "pure Python `sum(xs)` on a list": lambda: Stmt("sum(xs)", xs=src.tolist()),
    })


def sum_ints_case(env):
    xs = list(range(N_BIG))
    return v({
        "gopy": lambda: Stmt("f(xs)", f=gopy_fn(env, "SumInts"), xs=xs),
        ALT: lambda: Stmt("f(xs)", f=gopy_fn(env, "SumInts", alt=True), xs=xs),
        "pure Python `sum(xs)`": lambda: Stmt("sum(xs)", xs=xs),
        "limit (list converted to int64 in C)": lambda: Stmt("f(xs)", f=need(env, "limit").sum_ints, xs=xs),
    })


def floats_case(env):
    np = need(env, "numpy")
    return v({
        "gopy": lambda: Stmt("asarray(f(n))", f=gopy_fn(env, "Floats"), asarray=np.asarray, n=N_BIG),
        "numpy `arange(n, dtype=float64)`": lambda: Stmt("arange(n, dtype=float64)", arange=np.arange,
                                                         float64=np.float64, n=N_BIG),
        "pure Python `[float(i) for i in range(n)]`": lambda: Stmt("[float(i) for i in range(n)]", n=N_BIG),
    })


def floats_notes(env):
    """Whether numpy.asarray on a returned []float64 shares its memory."""
    try:
        np = need(env, "numpy")
        seq = gopy_fn(env, "Floats")(4)
    except Exception:  # noqa: BLE001
        return None
    try:
        a = np.asarray(seq)
    except Exception as e:  # noqa: BLE001
        return f"numpy.asarray failed: {type(e).__name__}: {e}"
    try:
        shares = np.shares_memory(a, np.asarray(memoryview(seq)))
    except Exception as e:  # noqa: BLE001
        return f"zero copy: no (no buffer protocol: {type(e).__name__}: {e})"
    if a.flags.writeable:
        a[1] = 42.0
        through = seq[1] == 42.0
        return (f"zero copy: {'yes' if shares and through else 'NO'} "
                f"(numpy.shares_memory {shares}; a write through numpy.asarray "
                f"{'shows' if through else 'does not show'} in the Go slice)")
    return f"zero copy: {'yes' if shares else 'NO'} (numpy.shares_memory {shares}; read-only view)"


def map_len_case(env):
    d = {str(i): i for i in range(N_MAP)}
    return v({
        "gopy": lambda: Stmt("f(d)", f=gopy_fn(env, "MapLen"), d=d),
        "pure Python `dict(d)` (a copy)": lambda: Stmt("dict(d)", d=d),
    })


def make_map_case(env):
    return v({
        "gopy": lambda: Stmt("dict(f(n))", f=gopy_fn(env, "MakeMap"), n=N_MAP),
        "pure Python `{str(i): i for i in range(n)}`": lambda: Stmt("{str(i): i for i in range(n)}", n=N_MAP),
    })


def round_trip_case(fn, value):
    """gobench.<fn>(value) against gopy's own float64 round trip, the
    cheapest call that takes and returns a value."""
    def make(env):
        return v({
            "gopy": lambda: Stmt("f(x)", f=gopy_fn(env, fn), x=value),
            ALT: lambda: Stmt("f(x)", f=gopy_fn(env, fn, alt=True), x=value),
            GOPY_FLOAT: lambda: Stmt("f(x)", f=gopy_fn(env, "EchoFloat"), x=1.5),
        })
    return make


GOPY_FLOAT = "gopy `EchoFloat(1.5)`, a float64 round trip"


N_STREAM = 100 << 20
STREAM_MEMCPY = "memcpy of the same 100 MB (`dst[:] = src`, bytearray)"


def stream_case(env):
    """A 100 MB io.BytesIO read by Go's io.Copy(io.Discard, r): each Read
    a call of readinto with Go's buffer, against copying the bytes once."""
    data = b"x" * N_STREAM
    src = io.BytesIO(data)
    dst = bytearray(N_STREAM)
    dst[:] = data  # touch every page before timing
    return v({
        "gopy": lambda: Stmt("s.seek(0); f(s)", f=gopy_fn(env, "Discard"), s=src),
        ALT: lambda: Stmt("s.seek(0); f(s)", f=gopy_fn(env, "Discard", alt=True), s=io.BytesIO(data)),
        STREAM_MEMCPY: lambda: Stmt("dst[:] = src", src=data, dst=dst),
    })


def find_case(env):
    xs = list(range(N_BIG))
    x = xs[-1]
    return v({
        "gopy": lambda: Stmt("f(xs, x)", f=gopy_fn(env, "FindElementIdx"), xs=xs, x=x),
        ALT: lambda: Stmt("f(xs, x)", f=gopy_fn(env, "FindElementIdx", alt=True), xs=xs, x=x),
        "pure Python loop over enumerate": lambda: Stmt("f(xs, x)", f=pyworkloads.find_element_idx, xs=xs, x=x),
        "`xs.index(x)` (CPython's C loop)": lambda: Stmt("xs.index(x)", xs=xs, x=x),
        "limit (list converted to int64 in C)": lambda: Stmt("f(xs, x)", f=need(env, "limit").find, xs=xs, x=x),
    })


CASES = [
    Case("Add(int, int)", "`gobench.Add(1, 2)`: two ints in, one out",
         call_case("Add", "1, 2", "plain Python `def add(a, b): return a + b`", pyworkloads.add, "add")),
    Case("no arguments, no result", "`gobench.Nop()`",
         call_case("Nop", "", "plain Python `def nop(): pass`", pyworkloads.nop, "nop")),
    Case("string concatenation, 10 bytes", "`gobench.Concat(a, b)`, two 5-byte str", concat_case(10)),
    Case("string concatenation, 10,000 bytes", "`gobench.Concat(a, b)`, two 5,000-byte str",
         concat_case(10_000)),
    Case("object creation", "`Point(1, 2)` of a struct of two float64 (and its deallocation)",
         point_case("P(1, 2)", "P(1, 2)", {"limit": "P(1, 2)"})),
    Case("method call", "`p.Sum()`, a pointer-receiver method returning X + Y",
         point_case("p.Sum()", "p.Sum()", {"limit, GIL released (as gopy)": "p.Sum()",
                                             "limit, GIL held": "p.SumGIL()"})),
    Case("field read", "`p.X`, a float64 field",
         point_case("p.X", "p.X", {"limit, GIL held (as gopy)": "p.X"})),
    Case("field write", "`p.X = 3.0`", point_case("p.X = 3.0", "p.X = 3.0", {"limit, GIL held (as gopy)": "p.X = 3.0"})),
    Case("interface method call", "`s.Sum()` on a `gobench.Summer` holding a Go type Python has no class for",
         iface_method_case),
    Case("Go -> Python callback", "`gobench.CallMany(f, 10_000)`: a Go loop calling a Python function "
         "of one float; per callback", callback_case, per=N_CALLBACK, unit="call"),
    Case("Monte Carlo pi, 10 samples", "`gobench.Pi(10)`, goroutines over runtime.NumCPU()", pi_case(10)),
    Case("Monte Carlo pi, 1,000 samples", "`gobench.Pi(1_000)`", pi_case(1_000)),
    Case("Monte Carlo pi, 100,000 samples", "`gobench.Pi(100_000)`", pi_case(100_000)),
    Case("Monte Carlo pi, 1,000,000 samples", "`gobench.Pi(1_000_000)`", pi_case(1_000_000), reps=5),
    Case("numpy float64 array to []float64", "`gobench.SumFloats(a)`, a 1,000,000-element numpy array",
         sum_floats_case),
    Case("list to []int", "`gobench.SumInts(xs)`, a list of 1,000,000 ints; per element",
         sum_ints_case, per=N_BIG, unit="element"),
    Case("[]float64 result to numpy", "`numpy.asarray(gobench.Floats(1_000_000))`", floats_case,
         notes=floats_notes),
    Case("dict to map[string]int", "`gobench.MapLen(d)`, a dict of 100,000 entries", map_len_case),
    Case("map[string]int result to dict", "`dict(gobench.MakeMap(100_000))`", make_map_case),
    Case("FindElementIdx", "`gobench.FindElementIdx(xs, x)`: a 1,000,000-int list, x its last element",
         find_case),
    Case("time.Time round trip", "`gobench.EchoTime(t)`, an aware datetime in a fixed +05:30 zone",
         round_trip_case("EchoTime", datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.timezone(
             datetime.timedelta(hours=5, minutes=30), "IST")))),
    Case("timedelta round trip", "`gobench.EchoDuration(d)`, a time.Duration",
         round_trip_case("EchoDuration", datetime.timedelta(seconds=90, microseconds=5))),
    Case("io.Reader streaming, 100 MB", "`gobench.Discard(io.BytesIO(...))`: Go's io.Copy(io.Discard, r) "
         "reading 100 MB from Python", stream_case, reps=5),
]


# ---------------------------------------------------------------------------
# Targets: ratio of the gopy time to a baseline's, or a value (ns/element)
# ---------------------------------------------------------------------------

def ratio_target(case, baseline, limit, text):
    def eval_(results):
        g, b = results[case].get("gopy", {}), results[case].get(baseline, {})
        if "best" not in g or "best" not in b:
            return None, why_missing(g, b)
        r = g["best"] / b["best"]
        return r <= limit, f"{r:.2f}x"
    return {"target": text, "eval": eval_}


def speedup_target(case, baseline, least, text):
    def eval_(results):
        g, b = results[case].get("gopy", {}), results[case].get(baseline, {})
        if "best" not in g or "best" not in b:
            return None, why_missing(g, b)
        s = b["best"] / g["best"]
        return s >= least, f"{s:.1f}x faster"
    return {"target": text, "eval": eval_}


def per_element_target(case, most, text):
    def eval_(results):
        g = results[case].get("gopy", {})
        if "best" not in g:
            return None, why_missing(g, {})
        ns = g["best"] * 1e9
        return ns <= most, f"{ns:.1f} ns/element"
    return {"target": text, "eval": eval_}


def why_missing(g, b):
    for side, r in (("gopy", g), ("baseline", b)):
        if "error" in r:
            e = r["error"]
            return "not bound yet" if isinstance(e, NotBound) else f"{side} error"
    return "not measured"


TARGETS = ([ratio_target("Add(int, int)", LIMIT_CFFI, 1.2,
                         "on PyPy: Add (cffi backend) within 1.2x of hand-written cffi")]
           if IMPL == "-pypy" else []) + [
    ratio_target("Add(int, int)", "limit, GIL released (as gopy)", 1.15,
                 "Add within 1.15x of the limit (GIL released)"),
    ratio_target("method call", "limit, GIL released (as gopy)", 1.3, "method call within 1.3x of the limit"),
    ratio_target("field read", "limit, GIL held (as gopy)", 1.3, "field read within 1.3x of the limit"),
    ratio_target("field write", "limit, GIL held (as gopy)", 1.3, "field write within 1.3x of the limit"),
    ratio_target("interface method call", GOPY_CONCRETE, 1.1,
                 "interface method call within 1.1x of a concrete method call"),
    ratio_target("Go -> Python callback", LIMIT_CALLBACK, 1.3,
                 "Go -> Python callback within 1.3x of hand-written cgo -> C -> PyObject_CallOneArg"),
    ratio_target("numpy float64 array to []float64", "numpy memcpy `dst[:] = src` (8 MB)", 2.0,
                 "numpy float64 array passing at most 2x a memcpy"),
    per_element_target("list to []int", 15, "list to []int at most 15 ns/element"),
    ratio_target("io.Reader streaming, 100 MB", STREAM_MEMCPY, 2.0,
                 "streaming a BytesIO into Go at least 50% of memcpy bandwidth"),
    ratio_target("FindElementIdx", "pure Python loop over enumerate", 1.0,
                 "FindElementIdx faster than pure Python"),
    speedup_target("Monte Carlo pi, 1,000,000 samples", "pure Python, one process", 20,
                   "Monte Carlo pi (1,000,000) at least 20x faster than pure Python"),
]


# ---------------------------------------------------------------------------
# Build time
# ---------------------------------------------------------------------------

def build_times(quick):
    """gopy build of bench/go/small with a fresh Go build cache and gopy
    cache (cold), then again (warm); plus go build -buildmode=c-shared of
    bench/go/climit with a fresh Go cache, for scale (not with --quick).
    Seconds."""
    rows = {}
    with tempfile.TemporaryDirectory(prefix="gopy-bench-") as tmp:
        env = {k: val for k, val in GOENV.items() if k != "GOPY_CACHE"}
        env.update(GOCACHE=os.path.join(tmp, "gocache"), XDG_CACHE_HOME=os.path.join(tmp, "xdg"))
        cmd = [GOPY, "build", "-python", sys.executable, "-output", os.path.join(tmp, "out"), "./small"]

        def timed(label, cmd, env):
            try:
                t0 = time.perf_counter()
                run(cmd, env=env)
                rows[label] = time.perf_counter() - t0
            except Exception as e:  # noqa: BLE001
                rows[label] = e

        log("build time: gopy build, cold")
        timed("gopy build, cold", cmd, env)
        log("build time: gopy build, warm")
        warm = []
        for _ in range(1 if quick else 3):
            timed("gopy build, warm", cmd, env)
            warm.append(rows["gopy build, warm"])
        if all(isinstance(w, float) for w in warm):
            rows["gopy build, warm"] = min(warm)
        if quick:  # the plain go build is context, not a case
            return rows
        log("build time: go build -buildmode=c-shared, cold")
        env2 = dict(env, GOCACHE=os.path.join(tmp, "gocache2"))
        timed("plain `go build -buildmode=c-shared` of a tiny package, cold",
              ["go", "build", "-buildmode=c-shared", "-o", os.path.join(tmp, "lib.so"), "./climit"], env2)
        timed("plain `go build -buildmode=c-shared` of a tiny package, warm",
              ["go", "build", "-buildmode=c-shared", "-o", os.path.join(tmp, "lib.so"), "./climit"], env2)
    return rows


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------

def fmt_time(sec, unit="op"):
    ns = sec * 1e9
    for scale, name in ((1e9, "s"), (1e6, "ms"), (1e3, "µs")):
        if ns >= scale:
            return f"{ns / scale:.3g} {name}" + ("" if unit == "op" else f"/{unit}")
    return f"{ns:.3g} ns" + ("" if unit == "op" else f"/{unit}")


def fmt_ratio(r):
    if r >= 0.995:
        return f"{r:.2f}x"
    return f"{r:.3g}x ({1 / r:.3g}x faster)"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def err_text(e):
    if isinstance(e, NotBound):
        return "not bound yet"
    msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
    if len(msg) > 160:
        msg = msg[:157] + "..."
    return f"error: {type(e).__name__}: {msg}"


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return cpu


def tool_output(cmd, cwd=ROOT):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=GOENV).stdout.strip()
    except OSError as e:
        return f"unavailable ({e})"


def loadavg():
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def metadata(quick, elapsed, loop_ns, skipped, load_start):
    commit = tool_output(["git", "rev-parse", "--short", "HEAD"])
    dirty = tool_output(["git", "status", "--porcelain", "--untracked-files=no", "--", "src", "runtime",
                         "inspect", "Makefile"])
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "python": sys.version.replace("\n", " "),
        "implementation": platform.python_implementation(),
        "go": tool_output(["go", "version"]),
        "gopy": tool_output([GOPY, "version"]) + (f", commit {commit}" if commit else "")
        + (" with uncommitted changes" if dirty else ""),
        "cpu": machine(),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "mode": "quick (--quick)" if quick else "default",
        "elapsed_s": round(elapsed, 1),
        "load_average_1min": {"start": load_start, "end": loadavg()},
        "empty_loop_ns": loop_ns,
        "gopy_skipped": skipped,
    }


def busy(meta):
    """A warning when the machine was busy as the run started (at the end,
    the load includes the run's own builds)."""
    load = meta["load_average_1min"]["start"]
    if load is not None and load > 0.75 * (meta["cores"] or 1):
        return " (**the machine was busy: these numbers are noisier than usual**)"
    return ""


def write_table(meta, cases, results, targets, builds):
    title = "# gopy benchmarks" + ("" if not IMPL else f" on {meta['implementation']}")
    L = [title, "",
         f"Written by `{RUN_CMD}` (`make {MAKE_TARGET}`); do not edit, rerun it. "
         "How the cases and baselines are built and how to read this: "
         f"[bench/README.md](../bench/README.md). Raw numbers: `{os.path.relpath(RESULTS, ROOT)}`.", "",
         f"- Date: {meta['date']}; run: {meta['mode']}, {meta['elapsed_s']:.0f} s",
         f"- Python: {meta['implementation']} {meta['python']}",
         f"- Go: {meta['go']}",
         f"- gopy: {meta['gopy']}; \"gopy\" is its {BACKEND} backend, this interpreter's default, "
         f"and \"{ALT}\" the other one, built from the same package",
         f"- Machine: {meta['cpu']}, {meta['cores']} cores ({meta['platform']}); "
         f"load average {meta['load_average_1min']['start']} at the start, "
         f"{meta['load_average_1min']['end']} at the end" + busy(meta),
         f"- Times are the best of several round-robin repetitions, per call made from a "
         f"Python loop (timeit-style; the empty loop costs {meta['empty_loop_ns']:.1f} ns per iteration "
         "and is included in every time). The ratio is gopy's time divided by the baseline's: "
         "below 1 gopy is faster.", "",
         "## Targets", "", "| target | measured | status |", "|---|---|---|"]
    for t in targets:
        status = {True: "met", False: "**missed**", None: "not measured"}[t["met"]]
        L.append(f"| {cell(t['target'])} | {cell(t['measured'])} | {status} |")
    L += ["", "## Cases", "", "| case | implementation | time | gopy ÷ this |", "|---|---|---:|---:|"]
    for case in cases:
        res = results[case.name]
        g = res.get("gopy", {})
        first = True
        for label, r in res.items():
            name = f"**{case.name}**: {case.desc}" if first else ""
            impl = label
            if label == "gopy" and case.notes_text:
                impl = f"gopy ({case.notes_text.split(' (')[0]}, see notes)"
            if "error" in r:
                L.append(f"| {cell(name)} | {cell(impl)} | {cell(err_text(r['error']))} | |")
            else:
                ratio = ""
                if label != "gopy" and "best" in g:
                    ratio = fmt_ratio(g["best"] / r["best"])
                L.append(f"| {cell(name)} | {cell(impl)} | {fmt_time(r['best'], case.unit)} | {ratio} |")
            first = False
    notes = [f"- {c.name}: {c.notes_text}" for c in cases if c.notes_text]
    if notes:
        L += ["", "Notes:", ""] + notes
    L += ["", "## Build time", "",
          "`gopy build` of `bench/go/small` (two functions, a struct with a method). Cold: a fresh "
          "GOCACHE and a fresh gopy cache (XDG_CACHE_HOME), so Go compiles the standard library "
          "and gopy builds its inspector; warm: the same build again.", "",
          "| build | time | gopy ÷ plain go build |", "|---|---:|---:|"]
    plain = {"cold": builds.get("plain `go build -buildmode=c-shared` of a tiny package, cold"),
             "warm": builds.get("plain `go build -buildmode=c-shared` of a tiny package, warm")}
    for label, t in builds.items():
        if isinstance(t, BaseException):
            L.append(f"| {cell(label)} | {cell(err_text(t))} | |")
            continue
        ratio = ""
        kind = "cold" if "cold" in label else "warm"
        if label.startswith("gopy") and isinstance(plain[kind], float):
            ratio = f"{t / plain[kind]:.2f}x"
        L.append(f"| {cell(label)} | {t:.2f} s | {ratio} |")
    if meta["gopy_skipped"]:
        L += ["", "## Not bound by this gopy", "", "`gopy build ./gobench` printed:", "", "```"]
        L += meta["gopy_skipped"] + ["```"]
    os.makedirs(os.path.dirname(TABLE), exist_ok=True)
    with open(TABLE, "w") as f:
        f.write("\n".join(L) + "\n")


def write_json(meta, cases, results, targets, builds):
    def jres(r):
        if "error" in r:
            e = r["error"]
            return {"status": "not bound" if isinstance(e, NotBound) else "error", "error": err_text(e)}
        return {"status": "ok", "best_ns": r["best"] * 1e9, "median_ns": r["median"] * 1e9,
                "loops": r["number"], "repetitions": r["reps"]}
    out = {"meta": meta, "cases": [], "targets": [], "build_time_s": {}}
    for case in cases:
        res = results[case.name]
        g = res.get("gopy", {})
        items = []
        for label, r in res.items():
            j = dict(implementation=label, **jres(r))
            if label != "gopy" and "best" in g and "best" in r:
                j["gopy_over_this"] = g["best"] / r["best"]
            items.append(j)
        out["cases"].append({"name": case.name, "description": case.desc, "unit": "ns/" + case.unit,
                             "note": case.notes_text, "results": items})
    for t in targets:
        out["targets"].append({"target": t["target"], "measured": t["measured"], "met": t["met"]})
    for label, t in builds.items():
        out["build_time_s"][label] = t if isinstance(t, float) else err_text(t)
    with open(RESULTS, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="few repetitions: checks that every case runs")
    ap.add_argument("--only", metavar="TEXT[,TEXT...]",
                    help="only the cases whose name contains one of the TEXTs; prints, writes nothing")
    args = ap.parse_args()
    reps, target = (2, 0.005) if args.quick else (9, 0.08)
    start = time.perf_counter()
    load_start = loadavg()
    if load_start is not None and load_start > 0.75 * (os.cpu_count() or 1):
        log(f"the machine is busy (load average {load_start}): the numbers will be noisy")

    ensure_deps()
    env, skipped = build_everything()
    only = [t.strip().lower() for t in (args.only or "").split(",") if t.strip()]
    cases = [c for c in CASES if not only or any(t in c.name.lower() for t in only)]
    pool = None
    if any(c.name.startswith("Monte Carlo") for c in cases):
        import multiprocessing
        try:
            pool = multiprocessing.get_context("spawn").Pool(2)
            env["pool"] = pool
            pool.map(pyworkloads._mp_hits, [(1, 10), (2, 10)], chunksize=1)  # start the workers now
        except Exception as e:  # noqa: BLE001
            env["pool"] = e

    loop = measure({"loop": Stmt("pass")}, reps, target)["loop"]
    loop_ns = loop["best"] * 1e9 if "best" in loop else 0.0
    results = {}
    try:
        for case in cases:
            log(f"{case.name}")
            try:
                vs = case.make(env)
            except Exception as e:  # noqa: BLE001
                vs = {"gopy": e}
            res = measure(vs, reps if args.quick else (case.reps or reps), target)
            results[case.name] = {label: res[label] for label in vs}
            for r in res.values():
                if "best" in r and case.per != 1:
                    r["best"] /= case.per
                    r["median"] /= case.per
            case.notes_text = None
            if case.notes:
                try:
                    case.notes_text = case.notes(env)
                except Exception as e:  # noqa: BLE001
                    case.notes_text = err_text(e)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()

    builds = build_times(args.quick) if not args.only else {}
    targets = []
    for t in TARGETS if not args.only else []:
        met, measured = t["eval"](results) if all(c.name in results for c in CASES) else (None, "")
        targets.append({"target": t["target"], "measured": measured, "met": met})

    meta = metadata(args.quick, time.perf_counter() - start, loop_ns, skipped, load_start)
    if args.only:
        for case in cases:
            for label, r in results[case.name].items():
                print(f"  {case.name:40} {label:55} "
                      + (err_text(r["error"]) if "error" in r else fmt_time(r["best"], case.unit)))
            if case.notes_text:
                print(f"  {case.name:40} note: {case.notes_text}")
        log(f"--only: {os.path.relpath(TABLE, ROOT)} and {os.path.relpath(RESULTS, ROOT)} not written")
        return
    write_table(meta, cases, results, targets, builds)
    write_json(meta, cases, results, targets, builds)
    log(f"wrote {os.path.relpath(TABLE, ROOT)} and {os.path.relpath(RESULTS, ROOT)} "
        f"in {meta['elapsed_s']:.0f} s")
    for t in targets:
        log(f"  {t['target']}: {t['measured']} "
            f"({ {True: 'met', False: 'MISSED', None: 'not measured'}[t['met']] })")


if __name__ == "__main__":
    main()
