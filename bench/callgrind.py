#!/usr/bin/env python3
"""Instructions per call of the crossings, counted by callgrind.

    python3 bench/callgrind.py [--no-build] [--profile] [CASE...]

Timing on a shared 2-core machine moves by several percent between runs;
instruction counts do not. Each case runs under `valgrind --tool=callgrind`
twice, with N1 and N2 calls, and the difference divided by N2 - N1 is the
cost of one call without the interpreter's start and the imports. The
modules are run.py's builds (build/bench, rebuilt first unless
--no-build). --profile also prints each case's functions by their own
instructions per call (the same difference, function by function).

Counts include the Python loop around each call (as run.py's times do) and
what Go's other threads run meanwhile (the collector, sysmon), which is
small against N2 calls but not zero: compare cases, not single digits.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
OUT = os.path.join(ROOT, "build", "bench")

# name: (module(s) to import, setup, statement run once per call or the
# call that makes n calls itself (looped: False)).
CASES = {
    "iface": ("gobench", "s = gobench.NewSummer(1, 2)", "s.Sum()", True),
    "concrete": ("gobench", "s = gobench.Point(1, 2)", "s.Sum()", True),
    "limit-concrete": ("limit", "s = limit.Point(1, 2)", "s.Sum()", True),
    "iface-cffi": ("gobench_cffi", "s = gobench_cffi.NewSummer(1, 2)", "s.Sum()", True),
    "concrete-cffi": ("gobench_cffi", "s = gobench_cffi.Point(1, 2)", "s.Sum()", True),
    "callback": ("gobench", "f = gobench.CallMany", "f(half, n)", False),
    "limit-callback": ("limit", "f = limit.callback", "f(half, n)", False),
    "callback-cffi": ("gobench_cffi", "f = gobench_cffi.CallMany", "f(half, n)", False),
}
N1, N2 = 2_000, 22_000
# Go's asynchronous preemption signals trip callgrind's signal bookkeeping
# (an assertion in threads.c); a call here never runs long enough to need it.
ENV = dict(os.environ, GODEBUG="asyncpreemptoff=1")


def inner(case, n):
    """Runs case n times (in the process valgrind watches)."""
    mod, setup, stmt, looped = CASES[case]
    sys.path[:0] = [os.path.join(OUT, d) for d in ("gobench", "gobench_cffi", "limit")]
    sys.path.insert(0, BENCH)
    from pyworkloads import half
    ns = {"half": half, "n": n, mod: __import__(mod)}
    exec(setup, ns)
    # In a function, as timeit runs it: the loop's names are fast locals.
    body = f"for _ in range(n):\n        {stmt}" if looped else stmt
    names = ", ".join(k for k in ns if k != "__builtins__")
    exec(f"def case({names}):\n    {body}\n", ns)
    ns["case"](*(ns[k] for k in ns if k not in ("__builtins__", "case")))


def count(case, n, profile=False):
    """Instructions of one run of case with n calls, and (profile) its
    functions' own instructions."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
               sys.executable, os.path.abspath(__file__), "--inner", case, str(n)]
        for _ in range(3):  # callgrind sometimes trips over Go's signals
            r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENV)
            m = re.search(r"Collected : (\d+)", r.stdout)
            if r.returncode == 0 and m:
                return int(m.group(1)), functions(out) if profile else {}
        raise RuntimeError(f"{case}: valgrind failed:\n{r.stdout[-2000:]}")


def functions(out):
    """function -> its own instructions, from callgrind_annotate."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=no", "--auto=no", "--threshold=100", out],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    fns = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(\S.*?)(?: \[.*\])?$", line)
        if m and "PROGRAM TOTALS" not in line:
            name = m.group(2).split(":", 1)[-1]
            fns[name] = fns.get(name, 0) + int(m.group(1).replace(",", ""))
    return fns


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="*", help=f"cases (default all): {', '.join(CASES)}")
    ap.add_argument("--no-build", action="store_true", help="use build/bench as it is")
    ap.add_argument("--profile", action="store_true", help="per call, function by function")
    ap.add_argument("--inner", nargs=2, metavar=("CASE", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner:
        return inner(args.inner[0], int(args.inner[1]))
    cases = args.cases or list(CASES)
    for c in cases:
        if c not in CASES:
            ap.error(f"unknown case {c!r}")
    if not args.no_build:
        sys.path.insert(0, BENCH)
        import run
        for name, backend in (("gobench", "capi"), ("gobench_cffi", "cffi")):
            run.log(f"building {name}")
            run.build_gopy_module("gobench", backend, name)
        run.log("building the limit")
        run.build_limit()
    for c in cases:
        (a, fa), (b, fb) = count(c, N1, args.profile), count(c, N2, args.profile)
        print(f"{c:16} {(b - a) / (N2 - N1):8.0f} instructions/call", flush=True)
        per = {f: (fb.get(f, 0) - fa.get(f, 0)) / (N2 - N1) for f in fb.keys() | fa.keys()}
        for f, k in sorted(per.items(), key=lambda x: -x[1]):
            if k >= 2:
                print(f"    {k:7.0f}  {f}")


if __name__ == "__main__":
    main()
