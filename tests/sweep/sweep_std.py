#!/usr/bin/env python3
"""Binds every public package of Go's standard library and imports it.

    python3 tests/sweep/sweep_std.py [-backend capi|cffi] [-python PY] [-j N] [PKG...]

For each package `go list std` names (internal and vendor packages left
out; cmd is not in `std`; main packages and unsafe, which gopy refuses,
skipped), runs the real `gopy build` into build/sweep-std-IMPL-BACKEND/,
then imports the result in a fresh interpreter and parses its .pyi. Generated code must always compile:
every failure is gopy's to fix (support.c skips what cannot be bound).
Prints one line per failure, with the end of its log, and a summary line;
exits 1 if anything failed. PKG arguments restrict the sweep to those
packages. `make sweep-std` runs it (BACKEND=cffi for the cffi backend).
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOPY = os.path.join(ROOT, "build", "gopy")

# The import runs in a fresh process so one package's failure (or crash)
# cannot hide another's; the .pyi must be valid Python too.
IMPORT_CHECK = """
import ast, importlib, os, sys
out, name = sys.argv[1], sys.argv[2]
sys.path.insert(0, out)
m = importlib.import_module(name)
dir(m)
pyi = os.path.join(out, name, "__init__.pyi") if os.path.isdir(os.path.join(out, name)) \\
    else os.path.join(out, name + ".pyi")
with open(pyi) as f:
    ast.parse(f.read(), pyi)
"""


def std_packages():
    """The import paths of the public std packages gopy can be asked to bind."""
    text = subprocess.run(["go", "list", "-f", "{{.ImportPath}} {{.Name}}", "std"],
                          capture_output=True, text=True, check=True).stdout
    pkgs = []
    for line in text.splitlines():
        path, name = line.split()
        parts = path.split("/")
        # gopy refuses main packages and unsafe (compiler built-ins) as a whole.
        if "internal" in parts or "vendor" in parts or name == "main" or path == "unsafe":
            continue
        pkgs.append(path)
    return pkgs


def module_name(path):
    """A Python name per package that shadows no Python module (json, time,
    math...): std_encoding_json."""
    return "std_" + path.replace("/", "_").replace(".", "_")


def sweep_one(path, args, out_root):
    """Builds and imports one package; returns (path, None) or (path, why)."""
    name = module_name(path)
    out = os.path.join(out_root, name)
    log_path = os.path.join(out_root, name + ".log")
    os.makedirs(out, exist_ok=True)
    start = time.monotonic()
    with open(log_path, "w") as log:
        build = subprocess.run([GOPY, "build", "-python", args.python, "-backend", args.backend,
                                "-name", name, "-output", out, path],
                               stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    with open(log_path) as f:
        text = f.read()
    if build.returncode != 0:
        return path, "build failed (%d)" % build.returncode, tail(text)
    imp = subprocess.run([args.python, "-c", IMPORT_CHECK, out, name],
                         capture_output=True, text=True, timeout=300)
    if imp.returncode != 0:
        return path, "import failed (%d)" % imp.returncode, tail(imp.stdout + imp.stderr)
    if args.verbose:
        print("ok  %-28s %5.1fs" % (path, time.monotonic() - start), flush=True)
    return path, None, None


def tail(text, n=12):
    """The last n lines, indented: enough to see a compiler error."""
    return "\n".join("    " + line for line in text.rstrip().splitlines()[-n:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-backend", default="capi", choices=("capi", "cffi"))
    ap.add_argument("-python", default=sys.executable)
    ap.add_argument("-j", type=int, default=2, help="parallel builds (default 2)")
    ap.add_argument("-v", "--verbose", action="store_true", help="a line per package that passes")
    ap.add_argument("pkgs", nargs="*", help="only these packages")
    args = ap.parse_args()
    if not os.access(GOPY, os.X_OK):
        sys.exit("%s is missing: run `make` first" % GOPY)
    pkgs = args.pkgs or std_packages()
    impl = subprocess.run([args.python, "-c", "import sys; print(sys.implementation.name)"],
                          capture_output=True, text=True, check=True).stdout.strip()
    out_root = os.path.join(ROOT, "build", "sweep-std-%s-%s" % (impl, args.backend))
    os.makedirs(out_root, exist_ok=True)
    start = time.monotonic()
    failed = []
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        for path, why, detail in pool.map(lambda p: sweep_one(p, args, out_root), pkgs):
            if why:
                failed.append(path)
                print("FAIL %s: %s\n%s" % (path, why, detail), flush=True)
    secs = time.monotonic() - start
    print("sweep-std (%s, %s): %d packages, %d ok, %d failed, %.0fs%s" % (
        args.backend, impl, len(pkgs), len(pkgs) - len(failed), len(failed), secs,
        (": " + " ".join(failed)) if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
