"""Golden tests: the emitters' output for one small package per feature, byte for byte.

usage: run.py check|update GOPY [FEATURE...]

Every directory under tests/golden holding a Go package is a feature
(funcs, errs, structs, ...): the package FEATURE in tests/golden/FEATURE,
with what `GOPY gen -backend B` must write of its own (module.c; cffi_build.py
and NAME.py) in tests/golden/FEATURE/testdata/B/, and what every backend
must write alike (glue.go, NAME.pyi and the skip report gen prints) once in
tests/golden/FEATURE/testdata/ (the Go tools skip testdata, so the expected
glue.go is never compiled).

`check` generates every feature once per backend and compares; a mismatch
prints a unified diff whose file names are FEATURE/BACKEND/FILE. `update`
rewrites testdata/ (run it through `make golden` after an intended emitter
change and review the diff). The generated Go must also be gofmt-clean.
"""
import concurrent.futures
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# What each backend's gen writes of its own, compared with FEATURE/testdata/
# BACKEND/; NAME is the package's name.
FILES = {
    "capi": ["module.c"],
    "cffi": ["cffi_build.py", "NAME.py"],
}
# What every backend writes alike (the Go glue, the stub, gen's skip report),
# kept once in FEATURE/testdata/ and compared with each backend's.
SHARED = ["glue.go", "NAME.pyi"]
SKIPPED = "skipped.txt"


def features():
    return sorted(d for d in os.listdir(HERE)
                  if os.path.isfile(os.path.join(HERE, d, d + ".go")))


def generate(gopy, feature, backend, out):
    """Runs gen; returns the skip report (gen's `skipped:` lines)."""
    proc = subprocess.run([gopy, "gen", "-backend", backend, "-output", out, "./" + feature],
                          cwd=HERE, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"golden: gopy gen -backend {backend} ./{feature} failed:\n{proc.stderr}")
    return "".join(line for line in proc.stderr.splitlines(True) if line.startswith("skipped:"))


def compare(report, label, got, want_path):
    """Adds a diff to report and returns 1 when got differs from want_path's text."""
    want = ""
    if os.path.exists(want_path):
        with open(want_path) as f:
            want = f.read()
    if got == want:
        return 0
    report.extend(difflib.unified_diff(
        want.splitlines(True), got.splitlines(True), "want/" + label, "got/" + label))
    return 1


def run_feature(mode, gopy, feature, tmp):
    """Checks or updates one feature; returns (files compared, failures,
    report), the report printed by the caller so features run in parallel."""
    want_dir = os.path.join(HERE, feature, "testdata")
    checked = failed = 0
    report = []
    shared = {}  # (backend, file) -> text
    for backend, names in FILES.items():
        out = os.path.join(tmp, feature, backend)
        shared[backend, SKIPPED] = generate(gopy, feature, backend, out)
        for name in SHARED:
            name = name.replace("NAME", feature)
            with open(os.path.join(out, name)) as f:
                shared[backend, name] = f.read()
        unformatted = subprocess.run(["gofmt", "-l", os.path.join(out, "glue.go")],
                                     capture_output=True, text=True, check=True).stdout
        if unformatted:
            report.append(f"golden: {feature}/{backend}/glue.go is not gofmt-clean\n")
            failed += 1
        for name in names:
            name = name.replace("NAME", feature)
            got_path, want_path = os.path.join(out, name), os.path.join(want_dir, backend, name)
            checked += 1
            if mode == "update":
                os.makedirs(os.path.dirname(want_path), exist_ok=True)
                shutil.copyfile(got_path, want_path)
                continue
            with open(got_path) as f:
                failed += compare(report, f"{feature}/{backend}/{name}", f.read(), want_path)
    first = next(iter(FILES))
    for (backend, name), text in shared.items():
        want_path = os.path.join(want_dir, name)
        if mode == "update":  # one file for all backends; check compares each with it
            if backend == first:
                with open(want_path, "w") as f:
                    f.write(text)
                checked += 1
            continue
        checked += 1
        failed += compare(report, f"{feature}/{backend}/{name}", text, want_path)
    return checked, failed, report


def main():
    mode, gopy = sys.argv[1], os.path.abspath(sys.argv[2])
    if mode not in ("check", "update"):
        raise SystemExit(__doc__)
    names = sys.argv[3:] or features()
    with tempfile.TemporaryDirectory() as tmp:
        # Each gen mostly waits for the Go inspector; two at a time fill two cores.
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda f: run_feature(mode, gopy, f, tmp), names))
    for _, _, report in results:
        sys.stdout.writelines(report)
    checked = sum(c for c, _, _ in results)
    failed = sum(f for _, f, _ in results)
    if mode == "update":
        print(f"golden: updated {checked} files of {len(names)} features")
        return 0
    print(f"golden: {len(names)} features, {checked} files: {checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
